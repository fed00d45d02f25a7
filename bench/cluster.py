#!/usr/bin/env python3
"""The multi-node layout of docs/deploy.md, run for real on this machine, then a spike.

    .venv/bin/python bench/cluster.py [--seconds 8] [--keep]

Starts, on spare loopback ports in one temporary folder:
  - a PostgreSQL primary and a streaming replica made from it with pg_basebackup
    (Debian's initdb / pg_ctl: throwaway clusters of their own);
  - a cache Redis (allkeys-lru) and a separate queue Redis (noeviction) for RQ;
  - two app servers (gunicorn, 2 workers each) with REPLICA_DATABASE_URL set, behind
    nginx (Debian's package) as the load balancer;
  - two RQ workers (`rqworker --with-scheduler`), the RQ reclaimer (`reclaim_tasks
    --every`), the count sweeper, and an SMTP server (aiosmtpd) for the mail.
Then it runs a short viral spike through the proxy (signers who sign, confirm and look at
their pledge's page; readers of the hub, the pledge page and count.json) and checks that
writes land on the primary, public reads on the replica, that a signer reads their own
writes (their confirmation and the count after it, even with the replica held back), that
counts are exact, and that every confirmation mail went out through the Redis queue.
"""

import argparse
import os
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import (  # noqa: E402
    Postgres,
    Redis,
    Smtp,
    Workspace,
    app_env,
    confirm_path,
    free_port,
    gunicorn,
    manage,
    note,
    request,
    run_manage,
    say,
    setup_django,
    sign_form,
    wait_for_port,
    wait_until,
)

DOMAIN = "cluster.example.org"
COUNT_ON_PAGE = re.compile(rb"<strong>([\d,]+)</strong>\s*(?:person has|people have) signed")
COUNT_CONFIRMED = re.compile(rb"([\d,]+)\s*(?:person has|people have) signed at")

NGINX_CONF = """
worker_processes 1;
pid {ws}/nginx.pid;
error_log {ws}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {ws}/nginx-tmp/body;
  proxy_temp_path {ws}/nginx-tmp/proxy;
  fastcgi_temp_path {ws}/nginx-tmp/fastcgi;
  uwsgi_temp_path {ws}/nginx-tmp/uwsgi;
  scgi_temp_path {ws}/nginx-tmp/scgi;
  upstream app {{
    server 127.0.0.1:{app1};
    server 127.0.0.1:{app2};
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""


def count_of(pattern, body):
    match = pattern.search(body)
    return int(match.group(1).replace(b",", b"")) if match else None


def replica_clock(replica):
    return replica.sql("SELECT now()")


def replica_queries_since(replica, since):
    """App connections to the replica that ran a query since `since` (live, from
    pg_stat_activity: table statistics reach pg_stat_* only seconds later)."""
    return int(
        replica.sql(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
            f"AND datname = 'pledgeline' AND pid <> pg_backend_pid() AND query_start >= '{since}'"
        )
    )


class Cluster:
    def __init__(self, args):
        self.args = args
        self.ws = Workspace("pl-cluster-", keep=args.keep)
        self.primary = Postgres(self.ws, "primary")
        self.replica = Postgres(self.ws, "replica")
        self.cache = Redis(self.ws, "redis-cache", policy="allkeys-lru")
        self.queue = Redis(self.ws, "redis-queue", policy="noeviction")
        self.smtp = Smtp(self.ws)
        self.port = free_port()
        self.app_ports = [free_port(), free_port()]
        self.checks = []
        self.signed = self.accepted = 0
        self.lock = threading.Lock()

    def start(self):
        say(f"Starting the cluster in {self.ws.path}")
        self.primary.init().start()
        self.primary.sql("CREATE DATABASE pledgeline", database="postgres")
        self.cache.start()
        self.queue.start()
        self.smtp.start()
        self.env = app_env(
            database_url=self.primary.url(),
            site_port=self.port,
            var_dir=self.ws.path / "var",
            email_url=f"smtp://127.0.0.1:{self.smtp.port}",
            redis_url=self.cache.url(),
            REPLICA_DATABASE_URL=self.replica.url(),
            TASKS_BACKEND="django_tasks_rq.RQBackend",
            RQ_URL=self.queue.url(),
            TRUSTED_PROXY_COUNT=1,
            REPLICA_PIN_SECONDS=10,
        )
        run_manage("migrate", "-v", "0", "--database", "default", env=self.env)
        run_manage("seed_signatures", "--pledges", "20", "--signatures", "0", env=self.env)
        self.replica.replica_of(self.primary).start()
        note(f"PostgreSQL primary :{self.primary.port}, streaming replica :{self.replica.port}")
        note(f"Redis cache :{self.cache.port} (allkeys-lru), queue :{self.queue.port} (noeviction)")
        setup_django(self.env)
        from pledges.models import Pledge

        pledges = list(Pledge.objects.select_related("campaign").order_by("slug"))
        self.campaign = pledges[0].campaign.slug
        self.pledges = [p.slug for p in pledges]
        self.viral = self.pledges[0]
        for name, port in zip(("app1", "app2"), self.app_ports, strict=True):
            gunicorn(self.ws, name, port=port, env=self.env, workers=2)
        tmp = self.ws.path / "nginx-tmp"
        tmp.mkdir()
        tmp.chmod(0o777)
        conf = self.ws.path / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                ws=self.ws.path, port=self.port, app1=self.app_ports[0], app2=self.app_ports[1]
            )
        )
        nginx = self.ws.spawn(
            "nginx", ["nginx", "-p", self.ws.path, "-c", conf, "-g", "daemon off;"]
        )
        wait_for_port(self.port, process=nginx)
        note(f"app servers :{self.app_ports[0]} :{self.app_ports[1]} behind nginx :{self.port}")
        for n in (1, 2):
            manage(
                self.ws,
                f"rqworker{n}",
                "rqworker",
                "--with-scheduler",
                "--job-class",
                "django_tasks_rq.Job",
                "default",
                "mail",
                env=self.env,
            )
        manage(self.ws, "rq-reclaim", "reclaim_tasks", "--every", "10", env=self.env)
        manage(self.ws, "sweeper", "flush_counts", "--every", "1", env=self.env)
        note("2 RQ workers, the RQ reclaimer, the count sweeper, SMTP")

    def close(self):
        self.ws.close(self.replica, self.primary)

    def check(self, name, passed, detail):
        self.checks.append((name, bool(passed), detail))
        note(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}")

    # The load -----------------------------------------------------------------------------

    def next_email(self):
        with self.lock:
            self.signed += 1
            return f"signer{self.signed}@{DOMAIN}"

    def signer_journey(self, pledge, timings, outcome):
        """Sign, confirm (as from the mail's link), then look at the pledge page."""
        from signatures.models import Signature

        email = self.next_email()
        started = time.perf_counter()
        status, _, _ = request(
            self.port, "POST", f"/c/{self.campaign}/{pledge}/sign/", form=sign_form(email, 0)
        )
        timings["sign"].append(time.perf_counter() - started)
        outcome["sign", status] += 1
        if status != 302:
            return
        with self.lock:
            self.accepted += 1
        signature = Signature.objects.get(email_normalized=email)
        started = time.perf_counter()
        status, headers, body = request(self.port, "POST", confirm_path(signature))
        timings["confirm"].append(time.perf_counter() - started)
        outcome["confirm", status] += 1
        if status != 200:
            return
        cookies = {
            value.split("=", 1)[0]: value.split("=", 1)[1].split(";", 1)[0]
            for name, value in headers
            if name.lower() == "set-cookie"
        }
        shown_at_confirm = count_of(COUNT_CONFIRMED, body)
        started = time.perf_counter()
        status, _, page = request(
            self.port, "GET", f"/c/{self.campaign}/{pledge}/", cookies=cookies
        )
        timings["own page"].append(time.perf_counter() - started)
        shown_after = count_of(COUNT_ON_PAGE, page)
        own = shown_at_confirm is not None and shown_after is not None
        outcome["read-your-writes", own and shown_after >= shown_at_confirm] += 1

    def spike(self, seconds, *, signers=4, readers=6):
        timings, outcome, upstreams = defaultdict(list), Counter(), Counter()
        stop_at = time.monotonic() + seconds
        paths = [
            f"/c/{self.campaign}/",
            f"/c/{self.campaign}/{self.viral}/",
            f"/c/{self.campaign}/{self.viral}/count.json",
        ]
        paths += [f"/c/{self.campaign}/{slug}/" for slug in self.pledges[1:6]]

        def signer(n):
            from django.db import connection

            while time.monotonic() < stop_at:
                # Most signers go to the viral pledge, some elsewhere.
                pledge = self.viral if n % 4 else self.pledges[1 + self.signed % 19]
                self.signer_journey(pledge, timings, outcome)
            connection.close()

        def reader(n):
            i = n
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                status, headers, _ = request(self.port, "GET", paths[i % len(paths)])
                timings["read"].append(time.perf_counter() - started)
                outcome["read", status] += 1
                upstreams[dict(headers).get("X-Upstream")] += 1
                i += 1

        threads = [threading.Thread(target=signer, args=(n,)) for n in range(signers)]
        threads += [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return timings, outcome, upstreams, time.monotonic() - started

    # The run ------------------------------------------------------------------------------

    def run(self):
        from django.db.models import Count, Q

        from pledges.models import Pledge
        from signatures.models import Signature

        say("Replication")
        state = self.primary.sql("SELECT state FROM pg_stat_replication")
        in_recovery = self.replica.sql("SELECT pg_is_in_recovery()", database="pledgeline")
        self.check("the replica streams from the primary", state == "streaming", state)
        self.check(
            "the replica is a hot standby", in_recovery == "t", f"in recovery: {in_recovery}"
        )

        say("Warming up: every gunicorn worker builds its templates and connections, 3 s")
        self.spike(3, signers=2, readers=4)
        say(f"Viral spike through nginx, {self.args.seconds:.0f} s")
        since = replica_clock(self.replica)
        timings, outcome, upstreams, elapsed = self.spike(self.args.seconds)
        replica_during = replica_queries_since(self.replica, since)
        self.report(timings, outcome, upstreams, elapsed)

        say("Where reads and writes went")
        self.check(
            "public page rebuilds read the replica",
            replica_during > 0,
            f"{replica_during} app connections queried the replica during the spike",
        )
        since = replica_clock(self.replica)
        _, quiet, _, _ = self.spike(3, signers=3, readers=0)
        signer_queries = replica_queries_since(self.replica, since)
        self.check(
            "signers (sign, confirm, their own page) read only the primary",
            signer_queries == 0 and quiet["sign", 302] > 0,
            f"{quiet['sign', 302]} signer journeys alone, "
            f"{signer_queries} app connections queried the replica",
        )
        self.held_back_replica()

        say("Counts and mail")
        wait_until(lambda: not self.pending_deltas(), seconds=15)
        ours = Signature.objects.filter(email_normalized__endswith="@" + DOMAIN)
        accepted = self.accepted + 1  # every phase's signers + the held-back replica's one
        on_primary = ours.count()
        caught_up, _ = wait_until(
            lambda: (
                self.replica.sql(
                    "SELECT count(*) FROM signatures_signature "
                    f"WHERE email_normalized LIKE '%@{DOMAIN}'"
                )
                == str(on_primary)
            ),
            seconds=15,
        )
        self.check(
            "every accepted sign is a row on the primary",
            on_primary == accepted,
            f"{on_primary} rows, {accepted} accepted",
        )
        self.check("the replica caught up with every row", caught_up, f"{on_primary} rows")
        pledges = Pledge.objects.filter(campaign__slug=self.campaign).annotate(
            actual=Count("signatures", filter=Q(signatures__status=Signature.Status.CONFIRMED))
        )
        wrong = [
            (p.slug, p.signature_count, p.actual) for p in pledges if p.signature_count != p.actual
        ]
        self.check(
            "every stored count == COUNT of confirmed rows",
            not wrong,
            f"{len(pledges)} pledges, wrong: {wrong[:3]}",
        )
        time.sleep(1.5)
        served = {
            p.slug: request(self.port, "GET", f"/c/{self.campaign}/{p.slug}/count.json")[2]
            for p in pledges
        }
        stale = [
            s
            for p in pledges
            if f'"count": {p.actual}'.encode() not in (s := served[p.slug])
            and f'"count":{p.actual}'.encode() not in s
        ]
        self.check(
            "count.json through the proxy is exact for every pledge",
            not stale,
            f"{len(stale)} stale",
        )
        delivered, waited = wait_until(
            lambda: (
                len(set(self.smtp.recipients()) & set(ours.values_list("email", flat=True)))
                >= on_primary
            ),
            seconds=60,
        )
        got = len(set(self.smtp.recipients()) & set(ours.values_list("email", flat=True)))
        self.check(
            "every confirmation mail sent through the RQ queue",
            got == on_primary,
            f"{got}/{on_primary} delivered ({waited:.1f} s after the spike)",
        )
        failed = self.queue_failed()
        self.check("no RQ job failed", failed == 0, f"{failed} failed")
        died = [p.log_path.stem for p in self.ws.processes if p.poll() is not None]
        self.check("every process of the cluster still runs", not died, f"exited: {died}")
        self.check(
            "nothing evicted from the queue Redis",
            self.redis_info(self.queue, "evicted_keys") == "0",
            f"evicted_keys {self.redis_info(self.queue, 'evicted_keys')}",
        )

    def held_back_replica(self):
        """Pause the replica's replay: anonymous readers see its (old) count, the signer who
        just confirmed sees the primary's, with their own signature in it."""
        from signatures.models import Signature

        pledge = self.pledges[-1]
        fresh = f"/c/{self.campaign}/{pledge}/?fresh=1"  # the query string skips the page cache
        self.replica.sql("SELECT pg_wal_replay_pause()")
        try:
            email = self.next_email()
            request(
                self.port, "POST", f"/c/{self.campaign}/{pledge}/sign/", form=sign_form(email, 0)
            )
            signature = Signature.objects.get(email_normalized=email)
            _, headers, body = request(self.port, "POST", confirm_path(signature))
            at_confirm = count_of(COUNT_CONFIRMED, body)
            cookie = next(v for k, v in headers if k.lower() == "set-cookie" and "pl_primary" in v)
            _, _, own = request(self.port, "GET", fresh, cookies={"pl_primary": "1"})
            _, _, anonymous = request(self.port, "GET", fresh)
        finally:
            self.replica.sql("SELECT pg_wal_replay_resume()")
        own, anonymous = count_of(COUNT_ON_PAGE, own), count_of(COUNT_ON_PAGE, anonymous)
        self.check(
            "with the replica held back, the signer sees their own signature counted",
            own == at_confirm and own is not None and anonymous is not None and anonymous < own,
            f"confirmation page {at_confirm}, their next page {own}, "
            f"an anonymous reader {anonymous} (replica); cookie {cookie.split(';')[0]}",
        )

    def pending_deltas(self):
        from pledges.models import PledgeCountDelta

        return PledgeCountDelta.objects.exists()

    def queue_failed(self):
        import django_rq

        return sum(
            django_rq.get_queue(name).failed_job_registry.count for name in ("default", "mail")
        )

    def redis_info(self, redis, field):
        import redis as redis_py

        return str(redis_py.Redis(port=redis.port).info().get(field))

    def report(self, timings, outcome, upstreams, elapsed):
        rows = []
        for kind in ("sign", "confirm", "own page", "read"):
            values = sorted(timings[kind])
            if not values:
                continue
            p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
            rows.append(
                (
                    kind,
                    len(values),
                    len(values) / elapsed,
                    statistics.median(values) * 1000,
                    p99 * 1000,
                )
            )
        for kind, n, rate, p50, p99 in rows:
            note(f"{kind:<9} {n:>6} requests  {rate:7.1f}/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
        note(f"statuses: {dict(outcome)}")
        note("load average on this machine: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
        note(f"answered by: {dict(upstreams)}")
        self.rates = rows
        errors = sum(
            n
            for (kind, status), n in outcome.items()
            if kind in ("sign", "confirm", "read") and status not in (200, 302)
        )
        self.check("no error answered during the spike", errors == 0, f"{errors} errors")
        self.check(
            "both app servers answered",
            len([u for u in upstreams if u]) == 2,
            ", ".join(f"{u}: {n}" for u, n in upstreams.items()),
        )
        self.check(
            "read-your-writes held for every signer under load",
            outcome["read-your-writes", False] == 0 and outcome["read-your-writes", True] > 0,
            f"{outcome['read-your-writes', True]} journeys, "
            f"{outcome['read-your-writes', False]} saw an older count",
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8, help="length of the spike")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    cluster = Cluster(args)
    started = time.monotonic()
    try:
        cluster.start()
        cluster.run()
    finally:
        cluster.close()
    failed = [name for name, passed, _ in cluster.checks if not passed]
    say(
        f"{len(cluster.checks) - len(failed)}/{len(cluster.checks)} checks passed "
        f"({time.monotonic() - started:.0f} s)"
    )
    for name in failed:
        note(f"FAIL {name}")
    return 1 if failed or not cluster.checks else 0


if __name__ == "__main__":
    sys.exit(main())
