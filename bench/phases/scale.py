"""With a million signatures loaded: streamed exports, a full recount, the hot queries' plans."""

import json
import re
import subprocess
import time

from bench.common import PYTHON, ROOT, note, say


def export_probe(env, campaign):
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "export_probe.py"), campaign],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def recount_time(env):
    started = time.perf_counter()
    out = subprocess.run(
        [PYTHON, "manage.py", "recount_signatures"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    ).stdout
    return time.perf_counter() - started, out.strip().splitlines()[-1]


def explain_hot_queries(args, campaign, hot):
    """EXPLAIN ANALYZE the queries behind each public page and the recount."""
    from django.db.models import Count, Q

    from pledges.models import Pledge
    from pledges.selectors import campaign_totals, pledge_for_page
    from signatures.models import Signature

    pledge = pledge_for_page(campaign_slug=campaign, pledge_slug=hot)
    queries = {
        "pledge page: recent signers": Signature.objects.filter(
            pledge=pledge, status=Signature.Status.CONFIRMED
        ).order_by("-confirmed_at", "-id")[:12],
        "pledge page: updates": pledge.updates.all()[:20],
        "hub: live pledges by count": Pledge.objects.filter(
            campaign=pledge.campaign, status=Pledge.Status.LIVE
        )
        .select_related("institution")
        .order_by("-signature_count", "institution__name"),
        "count.json": Pledge.objects.filter(campaign__slug=campaign, slug=hot).values_list(
            "signature_count", flat=True
        ),
        "recount: confirmed per pledge": Pledge.objects.filter(campaign=pledge.campaign).annotate(
            actual=Count("signatures", filter=Q(signatures__status=Signature.Status.CONFIRMED))
        ),
        "sign: duplicate check (unique index)": Signature.objects.filter(
            pledge=pledge, email_normalized="nobody@example.org"
        ),
    }
    lines = []
    for name, queryset in queries.items():
        if args.db == "postgres":
            plan = queryset.explain(analyze=True)
            nodes = [line.strip() for line in plan.splitlines()]
            used = sorted({m for line in nodes for m in re.findall(r"using (\w+)", line)})
            seq = sorted({m for line in nodes for m in re.findall(r"Seq Scan on (\w+)", line)})
            total = next((line for line in nodes if line.startswith("Execution Time")), "")
            lines.append(
                f"- {name}: indexes {', '.join(used) or 'none'}"
                + (f"; seq scan on {', '.join(seq)}" if seq else "")
                + f"; {total}"
            )
        else:
            plan = queryset.explain()
            lines.append(f"- {name}: {' / '.join(plan.splitlines())[:160]}")
    _ = campaign_totals  # the hub's totals are a SUM over the pledges listed above
    return lines


def measure_scale(args, env, campaign, hot, total_signatures):
    """Report lines on exports, recount and query plans (only with --big)."""
    say("Scale: streamed CSV exports, memory sampled every 100,000 rows")
    exports = export_probe(env, campaign)
    for export in exports:
        note(
            f"{export['source']}: {export['rows']:,} rows in {export['seconds']:.1f} s, "
            f"RSS {export['rss_start_mb']:.0f} → peak {export['rss_peak_mb']:.0f} MB"
        )
    say("Scale: recount_signatures over everything")
    recount_seconds, recount_said = recount_time(env)
    note(f"{recount_seconds:.1f} s: {recount_said}")
    say("Scale: EXPLAIN ANALYZE of the hot queries")
    explains = explain_hot_queries(args, campaign, hot)
    return [
        "",
        *[
            f"- CSV export ({export['source']}): {export['rows']:,} rows in "
            f"{export['seconds']:.1f} s ({export['rows'] / export['seconds']:,.0f} rows/s); "
            f"process RSS {export['rss_start_mb']:.0f} MB at start, peak "
            f"{export['rss_peak_mb']:.0f} MB, {export['rss_end_mb']:.0f} MB at the end "
            f"(every 100,000 rows: {', '.join(f'{x:.0f}' for x in export['samples'])})"
            for export in exports
        ],
        f"- `manage.py recount_signatures` over {total_signatures:,} signatures: "
        f"{recount_seconds:.1f} s (“{recount_said}”)",
        "- EXPLAIN ANALYZE:",
        *[f"  {line}" for line in explains],
    ]
