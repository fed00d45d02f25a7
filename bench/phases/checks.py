"""After the load: nothing lost or doubled, every count and milestone exact, also as served."""

import asyncio
import json
import os
import time
from collections import Counter

from bench.common import EMAIL_DOMAIN
from bench.http_driver import get_payload, http


def check_correctness(args, accepted_emails, confirmed_ok, campaign):
    from django.db.models import Count, Q

    from pledges.counts import pledge_counts_flush
    from pledges.models import Pledge, PledgeCountDelta, Update, milestones_between
    from signatures.models import Signature

    checks = []
    pending = PledgeCountDelta.objects.count()
    started = time.perf_counter()
    pledge_counts_flush(wait=True)
    flush_ms = 1000 * (time.perf_counter() - started)

    bench_rows = Signature.objects.filter(email_normalized__endswith="@" + EMAIL_DOMAIN)
    stored = set(bench_rows.values_list("email_normalized", flat=True))
    accepted = set(accepted_emails)
    checks.append(
        (
            "rows == accepted signs (nothing lost, nothing doubled)",
            len(stored) == bench_rows.count() and stored == accepted,
            f"{bench_rows.count()} rows, {len(accepted)} accepted, "
            f"{len(accepted - stored)} lost, {len(stored - accepted)} unexpected",
        )
    )
    confirmed_rows = bench_rows.filter(status=Signature.Status.CONFIRMED).count()
    checks.append(
        (
            "confirmed rows == successful confirmations",
            confirmed_rows == confirmed_ok,
            f"{confirmed_rows} confirmed rows, {confirmed_ok} confirmations answered 200",
        )
    )
    pledges = Pledge.objects.filter(campaign__slug=campaign).annotate(
        actual=Count("signatures", filter=Q(signatures__status=Signature.Status.CONFIRMED))
    )
    wrong = [
        (p.slug, p.signature_count, p.actual) for p in pledges if p.signature_count != p.actual
    ]
    checks.append(
        (
            "every stored count == fresh COUNT of confirmed signatures",
            not wrong,
            f"{len(pledges)} pledges, {len(wrong)} wrong {wrong[:5]}",
        )
    )
    milestones = Counter(
        Update.objects.filter(
            pledge__campaign__slug=campaign, kind=Update.Kind.MILESTONE
        ).values_list("pledge_id", "milestone")
    )
    bad = []
    for pledge in pledges:
        expected = set(milestones_between(0, pledge.actual))
        have = {m for (pid, m) in milestones if pid == pledge.pk}
        doubled = [m for (pid, m), n in milestones.items() if pid == pledge.pk and n > 1]
        if have != expected or doubled:
            bad.append((pledge.slug, sorted(have), sorted(expected)))
    checks.append(
        (
            "each milestone update exists exactly once",
            not bad,
            f"{sum(milestones.values())} milestone updates, {len(bad)} pledges wrong {bad[:3]}",
        )
    )
    time.sleep(float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "1")) + 0.2)  # workers' copies
    loop = asyncio.new_event_loop()
    served_wrong = []
    for pledge in pledges:
        path = f"/c/{campaign}/{pledge.slug}/count.json"
        response = loop.run_until_complete(http(loop, args.port, get_payload(args.port, path)))
        body = response.split(b"\r\n\r\n", 1)[1]
        if json.loads(body)["count"] != pledge.actual:
            served_wrong.append((pledge.slug, body.decode(), pledge.actual))
    loop.close()
    checks.append(
        (
            "every served count.json == the exact count (cache invalidated)",
            not served_wrong,
            f"{len(pledges)} pledges read over HTTP, {len(served_wrong)} stale {served_wrong[:3]}",
        )
    )
    return checks, pending, flush_ms


def confirm_paths(campaign, exclude_ids=()):
    from signatures.links import confirm_url
    from signatures.models import Signature

    pending = Signature.objects.filter(
        pledge__campaign__slug=campaign,
        status=Signature.Status.PENDING,
        email_normalized__endswith="@" + EMAIL_DOMAIN,
    ).exclude(pk__in=exclude_ids)
    return {s.pk: "/" + confirm_url(s).split("://", 1)[1].split("/", 1)[1] for s in pending}
