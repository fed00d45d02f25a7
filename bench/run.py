#!/usr/bin/env python
"""The viral-spike benchmark: one command, bounded in time, with correctness checks.

    .venv/bin/python bench/run.py --db postgres --workers 4 --duration 10

It creates a scratch database, seeds a campaign, measures the database's raw insert
ceiling and gunicorn's bare "hello" on this machine, starts the real app under gunicorn,
drives it from separate processes on 127.0.0.1 (signers, confirmations, readers, then all
of them at once), checks that nothing was lost or doubled and that every count and
milestone is exact, prints a table and appends it to docs/benchmarks.md. It exits non-zero
if a check fails. See docs/benchmarks.md ("Viral spike") for what each row means.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
SECRET = "benchmark-only-secret-key-not-for-production-0123456789"  # noqa: S105
EMAIL_DOMAIN = "bench.example"


def say(message):
    print(f"\033[1m==> {message}\033[0m", flush=True)


def note(message):
    print(f"    {message}", flush=True)


# Environment and database ----------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="server URL")
    parser.add_argument("--db-name", default="h_perf_bench", help="scratch PostgreSQL database")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--duration", type=float, default=10, help="seconds per measured phase")
    parser.add_argument("--connections", type=int, default=64, help="readers' connections")
    parser.add_argument("--signers", type=int, default=16, help="signers' connections")
    parser.add_argument("--pledges", type=int, default=50)
    parser.add_argument("--hot-share", type=float, default=0.5, help="share of signs on one pledge")
    parser.add_argument(
        "--big", action="store_true", help="load 1,000,000 signatures over 1,000 pledges first"
    )
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="'' for none")
    parser.add_argument("--profile", action="store_true", help="py-spy the workers while signing")
    parser.add_argument("--no-docs", action="store_true", help="don't append to benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    return parser.parse_args()


def database_url(args):
    if args.db == "postgres":
        return f"{args.pg.rstrip('/')}/{args.db_name}"
    return f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}"


def server_env(args, tag):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(args),
        "SECRET_KEY": SECRET,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "PLEDGELINE_VAR_DIR": str(ROOT / "var" / "bench"),
        "EMAIL_URL": f"file://{ROOT / 'var' / 'bench' / 'mail'}",
        "CACHE_KEY_PREFIX": f"bench-{tag}",  # a fresh cache namespace for every run
        "LOG_LEVEL": "WARNING",
        # Every simulated signer comes from 127.0.0.1 with an address at one domain, where a
        # real spike is thousands of people: the limits stay in force and every counter is
        # still taken on every sign (so its cost is measured), they are only set out of reach.
        # The driver sends no proof of work, so the burst threshold is out of reach too.
        "RATE_LIMIT_SIGN_PER_IP": "100000000/10m",
        "RATE_LIMIT_SIGN_PER_DOMAIN": "100000000/10m",
        "POW_BURST_PER_MINUTE": "100000000",
    }
    env.pop("REDIS_URL", None)
    if args.redis:
        env["REDIS_URL"] = args.redis
    return env


def redis_reachable(url):
    if not url:
        return False
    match = re.match(r"redis://([^:/]+):?(\d+)?", url)
    try:
        with socket.create_connection((match.group(1), int(match.group(2) or 6379)), timeout=1):
            return True
    except OSError:
        return False


def fresh_database(args):
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(f"{args.pg.rstrip('/')}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{args.db_name}"')
    else:
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{folder / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)


def drop_database(args):
    if args.db == "postgres" and not args.keep:
        import psycopg

        with psycopg.connect(f"{args.pg.rstrip('/')}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


def setup_django(env):
    for key in ("DATABASE_URL", "SECRET_KEY", "SITE_URL", "PLEDGELINE_VAR_DIR", "EMAIL_URL"):
        os.environ[key] = env[key]
    os.environ.pop("REDIS_URL", None)  # the harness never touches the app's cache itself
    os.environ["DJANGO_SETTINGS_MODULE"] = "pledgeline.settings"
    os.environ["CONN_MAX_AGE"] = "0"
    import django

    django.setup()


def seed(args):
    """A live campaign with N live pledges named p-0001…; p-0001 is the one that goes viral."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.big:
        call_command("seed_signatures", pledges=args.pledges, signatures=1_000_000)
        return
    call_command("seed_signatures", pledges=args.pledges, signatures=0)


# Load drivers ----------------------------------------------------------------------------


class OneShot(asyncio.Protocol):
    """One HTTP/1.1 request on its own connection (gunicorn's sync workers close it)."""

    def __init__(self, payload, finished):
        self.payload, self.finished, self.chunks = payload, finished, []

    def connection_made(self, transport):
        transport.write(self.payload)

    def data_received(self, data):
        self.chunks.append(data)

    def connection_lost(self, exc):
        if not self.finished.done():
            self.finished.set_result(b"".join(self.chunks))


async def http(loop, port, payload):
    finished = loop.create_future()
    transport, _ = await loop.create_connection(
        lambda: OneShot(payload, finished), "127.0.0.1", port
    )
    try:
        return await asyncio.wait_for(finished, 30)
    finally:
        transport.close()


def sign_payload(port, campaign, pledge_slug, email, n):
    body = (
        f"name=Bench+Signer+{n}&email={email.replace('@', '%40')}"
        "&affiliation=student&display=initial&contact_opt_in=on&website="
    ).encode()
    head = (
        f"POST /c/{campaign}/{pledge_slug}/sign/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def confirm_payload(port, path):
    """Pressing "Confirm my signature": a POST from the site's own page (the GET only
    shows the button)."""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n"
    ).encode()


def get_payload(port, path):
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()


class Route:
    def __init__(self, name):
        self.name, self.latencies, self.statuses, self.errors = name, [], Counter(), 0
        self.started = self.finished = None

    def record(self, started, response):
        self.latencies.append(time.perf_counter() - started)
        self.statuses[int(response[9:12]) if response[:5] == b"HTTP/" else 0] += 1

    def summary(self, ok_status):
        elapsed = max((self.finished or 0) - (self.started or 0), 1e-9)
        ok = self.statuses.get(ok_status, 0)
        lat = sorted(self.latencies)
        return {
            "route": self.name,
            "requests": len(lat) + self.errors,
            "ok": ok,
            "rate": ok / elapsed,
            "p50_ms": 1000 * lat[len(lat) // 2] if lat else 0,
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0,
            "errors": self.errors + sum(n for s, n in self.statuses.items() if s != ok_status),
            "statuses": dict(self.statuses),
            "elapsed": elapsed,
        }


def drive(spec, queue):
    """Runs in its own process: signers and/or confirmers for spec['duration'] seconds.

    Every request is awaited, so when the deadline passes the driver stops sending and
    waits for the answers still on their way: each accepted response is accounted for.
    """
    random.seed(spec["seed"])
    loop = asyncio.new_event_loop()
    port, deadline = spec["port"], None
    sign, confirm = Route("sign"), Route("confirm")
    sent_emails = []
    links = list(spec.get("links", []))

    async def signer(worker):
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            if random.random() < spec["hot_share"]:
                slug = spec["pledges"][0]
            else:
                slug = random.choice(spec["pledges"])
            email = f"b{spec['tag']}-{worker}-{n}@{EMAIL_DOMAIN}"
            started = time.perf_counter()
            try:
                response = await http(
                    loop, port, sign_payload(port, spec["campaign"], slug, email, n)
                )
            except (OSError, TimeoutError):
                sign.errors += 1
                continue
            sign.record(started, response)
            if response[9:12] == b"302":
                sent_emails.append(email)

    async def confirmer():
        while time.perf_counter() < deadline and links:
            path = links.pop()
            started = time.perf_counter()
            try:
                response = await http(loop, port, confirm_payload(port, path))
            except (OSError, TimeoutError):
                confirm.errors += 1
                continue
            confirm.record(started, response)

    async def main():
        nonlocal deadline
        tasks = [signer(i) for i in range(spec.get("signers", 0))]
        tasks += [confirmer() for _ in range(spec.get("confirmers", 0))]
        deadline = time.perf_counter() + spec["duration"]
        sign.started = confirm.started = time.perf_counter()
        await asyncio.gather(*tasks)
        sign.finished = confirm.finished = time.perf_counter()

    loop.run_until_complete(main())
    queue.put(
        {
            "sign": sign.summary(302) if spec.get("signers") else None,
            "confirm": confirm.summary(200) if spec.get("confirmers") else None,
            "accepted_emails": sent_emails,
        }
    )


def run_driver(spec):
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=drive, args=(spec, queue))
    process.start()
    return process, queue


def wrk_command(args, connections, seconds, paths):
    threads = 2 if connections >= 2 else 1
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "wrk" / "report.lua"),
        f"http://127.0.0.1:{args.port}{paths[0]}",
        "--",
        ",".join(paths),
    ]


def parse_wrk(name, output):
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    data = json.loads(line[len("BENCH_JSON ") :])
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    seconds = data["duration_us"] / 1e6
    return {
        "route": name,
        "requests": data["requests"],
        "ok": data["requests"] - data["status"],
        "rate": (data["requests"] - data["status"]) / seconds,
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "errors": errors,
        "elapsed": seconds,
    }


def read_load(args, name, paths, seconds, connections=None):
    """Drive GETs with wrk; falls back to the Python driver if wrk is not installed."""
    connections = connections or args.connections
    output = subprocess.run(
        wrk_command(args, connections, seconds, paths), capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(name, output)


def wait_with_progress(label, seconds, processes=()):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if processes and all(not p.is_alive() for p in processes):
            break
        time.sleep(1)
        print(
            f"\r    {label}: {time.monotonic() - started:4.0f}/{seconds:.0f} s", end="", flush=True
        )
    print("\r", end="")


# Servers ---------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, args, app, env):
        self.args, self.app, self.env = args, app, env

    def __enter__(self):
        env = {
            **self.env,
            "BENCH_BIND": f"127.0.0.1:{self.args.port}",
            "BENCH_WORKERS": str(self.args.workers),
            "BENCH_WORKER_CLASS": self.args.worker_class,
            "BENCH_THREADS": str(self.args.threads),
        }
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "-c",
                str(ROOT / "bench" / "gunicorn_conf.py"),
                self.app,
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.args.port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"gunicorn did not start on port {self.args.port}")
        time.sleep(0.5)  # let every worker boot
        return self

    def worker_pids(self):
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def warm(args, paths):
    loop = asyncio.new_event_loop()
    for path in paths:
        for _ in range(args.workers * 2):
            loop.run_until_complete(http(loop, args.port, get_payload(args.port, path)))
    loop.close()


# Raw ceiling -----------------------------------------------------------------------------


# Every column the sign view writes, with values of the same size (digests are 64/32 hex).
RAW_COLUMNS = (
    "pledge_id, name, email, email_normalized, email_digest, email_state, email_domain,"
    " ip_hash, user_agent_hash, abuse_data, verification, affiliation, display,"
    " contact_opt_in, status, token, confirmation_sends, is_demo, created_at, last_sent_at"
)
RAW_VALUES_PG = ", ".join(["%s"] * 20)
RAW_VALUES_SQLITE = ", ".join(["?"] * 20)


def raw_row(worker, done, email, now, true=True, false=False):
    digest = f"{worker:08x}{done:056x}"
    return (
        1,
        f"Raw Signer {done}",
        email,
        email,
        digest,
        "kept",
        EMAIL_DOMAIN,
        digest[:32],
        digest[32:],
        "kept",
        "none",
        "student",
        "initial",
        true,
        "pending",
        f"t{worker}x{done}",
        1,
        false,
        now,
        now,
    )


def raw_inserter(db_url, kind, seconds, worker, queue):
    """Plain inserts of signature rows, one transaction per row, as fast as one client can."""
    now = datetime.now(UTC)
    done = 0
    deadline = time.perf_counter() + seconds
    if kind == "postgres":
        import psycopg

        with psycopg.connect(db_url, autocommit=True) as conn:
            while time.perf_counter() < deadline:
                email = f"raw-{worker}-{done}@{EMAIL_DOMAIN}"
                conn.execute(
                    f"INSERT INTO bench_raw ({RAW_COLUMNS}) VALUES ({RAW_VALUES_PG})",
                    raw_row(worker, done, email, now),
                )
                done += 1
    else:
        conn = sqlite3.connect(db_url, timeout=20, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        while time.perf_counter() < deadline:
            email = f"raw-{worker}-{done}@{EMAIL_DOMAIN}"
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                f"INSERT INTO bench_raw ({RAW_COLUMNS}) VALUES ({RAW_VALUES_SQLITE})",
                raw_row(worker, done, email, now.isoformat(), true=1, false=0),
            )
            conn.execute("COMMIT")
            done += 1
        conn.close()
    queue.put(done)


def raw_ceiling(args, seconds):
    """The database's own limit here: 4 client processes inserting the same rows."""
    if args.db == "postgres":
        import psycopg

        url = database_url(args)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS bench_raw")
            conn.execute("CREATE TABLE bench_raw (LIKE signatures_signature INCLUDING ALL)")
    else:
        url = str(ROOT / "var" / "bench" / "bench.sqlite3")
        conn = sqlite3.connect(url)
        sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'signatures_signature'"
        ).fetchone()[0]
        conn.execute("DROP TABLE IF EXISTS bench_raw")
        conn.execute(sql.replace('"signatures_signature"', "bench_raw", 1))
        conn.execute(
            "CREATE UNIQUE INDEX bench_raw_email ON bench_raw (pledge_id, email_normalized)"
        )
        conn.commit()
        conn.close()
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=raw_inserter, args=(url, args.db, seconds, i, queue))
        for i in range(4)
    ]
    for process in processes:
        process.start()
    wait_with_progress("raw inserts", seconds, processes)
    # An inserter that died (e.g. the table no longer matches) must stop the run, not hang it.
    total = sum(queue.get(timeout=seconds + 30) for _ in processes)
    for process in processes:
        process.join()
    if args.db == "postgres":
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE bench_raw")
    else:
        conn = sqlite3.connect(url)
        conn.execute("DROP TABLE bench_raw")
        conn.commit()
        conn.close()
    return {
        "route": "raw insert (4 clients)",
        "ok": total,
        "rate": total / seconds,
        "requests": total,
        "errors": 0,
        "p50_ms": None,
        "p99_ms": None,
        "elapsed": seconds,
    }


# Profiles --------------------------------------------------------------------------------


def start_profile(server, seconds, label):
    if not shutil.which("py-spy") and not (Path(PYTHON).parent / "py-spy").exists():
        note("py-spy is not installed (pip install py-spy): no profile")
        return None
    out = ROOT / "var" / "bench" / f"profile-{label}.txt"
    command = [
        shutil.which("py-spy") or str(Path(PYTHON).parent / "py-spy"),
        "record",
        "--pid",
        str(server.process.pid),
        "--subprocesses",
        "--nonblocking",
        "--rate",
        "97",
        "--duration",
        str(max(1, int(seconds))),
        "--format",
        "raw",
        "-o",
        str(out),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), out


def summarize_profile(path, top=12):
    """Collapsed stacks -> the functions where the workers spent their samples."""
    own, inclusive, total = Counter(), Counter(), 0
    for line in Path(path).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        count = int(count)
        frames = [re.sub(r" \((/.*/)?([^/]+)\)$", r" (\2)", frame) for frame in stack.split(";")]
        frames = [f for f in frames if not f.startswith("process ")]
        if not frames:
            continue
        total += count
        own[frames[-1]] += count
        for frame in set(frames):
            inclusive[frame] += count
    lines = [f"{total} samples; own time:"]
    lines += [f"  {100 * n / total:5.1f}%  {frame}" for frame, n in own.most_common(top)]
    interesting = [
        (frame, n)
        for frame, n in inclusive.most_common(200)
        if any(
            part in frame
            for part in (
                "services",
                "views",
                "pagecache",
                "middleware",
                "execute",
                "render",
                "commit",
                "form",
            )
        )
    ][:top]
    lines += ["inclusive (app, templates, database):"]
    lines += [f"  {100 * n / total:5.1f}%  {frame}" for frame, n in interesting]
    return "\n".join(lines)


# Checks ----------------------------------------------------------------------------------


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


# Scale: export, recount, indexes ---------------------------------------------------------


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


# Report ----------------------------------------------------------------------------------


def versions(args):
    import django
    import gunicorn
    import psycopg

    found = {
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "psycopg": psycopg.__version__,
    }
    if args.db == "postgres":
        with psycopg.connect(database_url(args)) as conn:
            found["PostgreSQL"] = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    else:
        found["SQLite"] = sqlite3.sqlite_version
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        found["wrk"] = (out.stdout + out.stderr).split()[1]
    return found


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split()[1]
    load = os.getloadavg()[0]
    gigabytes = int(memory) // 1024 // 1024
    return f"{os.cpu_count()} cores ({cpu}), {gigabytes} GB RAM, load {load:.1f} at start"


def git_revision():
    rev = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT
    )
    return rev + ("+changes" if dirty.stdout.strip() else "")


def fmt_ms(value):
    return "–" if value is None else f"{value:.1f}"


def table(rows, raw, hello):
    lines = [
        "| phase | route | conns | ok | per second | ratio | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase, conns, row in rows:
        base = None
        if row["route"].startswith(("sign", "confirm")):
            base, base_name = raw["rate"], "raw"
        elif row["route"].startswith("GET"):
            base, base_name = hello["rate"], "hello"
        ratio = f"{row['rate'] / base:.2f} × {base_name}" if base else "–"
        lines.append(
            f"| {phase} | {row['route']} | {conns} | {row['ok']:,} | {row['rate']:,.0f} | {ratio} "
            f"| {fmt_ms(row['p50_ms'])} | {fmt_ms(row['p99_ms'])} | {row['errors']} |"
        )
    return "\n".join(lines)


def append_to_docs(text):
    path = ROOT / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    heading = "## Viral spike"
    content = path.read_text() if path.exists() else "# Benchmarks\n\n"
    if heading not in content:
        content = content.rstrip("\n") + f"\n\n{heading}\n\nRuns of `bench/run.py`, newest last.\n"
    start = content.index(heading) + len(heading)
    following = content.find("\n## ", start)
    end = len(content) if following == -1 else following
    section = content[:end].rstrip("\n") + "\n\n" + text.strip() + "\n"
    path.write_text(section + ("\n" + content[end:].lstrip("\n") if following != -1 else ""))
    return path


# Main ------------------------------------------------------------------------------------


def main():
    args = parse_args()
    if args.big:
        args.pledges = max(args.pledges, 1000)
    if not shutil.which("wrk"):
        raise SystemExit(
            "wrk is needed for the read phases: `apt-get install -y wrk` (Debian's package)."
        )
    tag = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    env = server_env(args, tag)
    if args.redis and not redis_reachable(args.redis):
        note(f"Redis not reachable at {args.redis}: the cache is per worker (LocMem)")
        args.redis = ""
        env.pop("REDIS_URL", None)
    seconds = args.duration
    say(
        f"Fresh {args.db} database ({database_url(args)}), seeding {args.pledges} pledges"
        + (" and 1,000,000 signatures" if args.big else "")
    )
    fresh_database(args)
    setup_django(env)
    started = time.perf_counter()
    seed(args)
    note(f"seeded in {time.perf_counter() - started:.1f} s")
    campaign = "bench"
    from pledges.models import Pledge

    slugs = list(
        Pledge.objects.filter(campaign__slug=campaign)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    hot = slugs[0]
    rows = []

    say(f"Raw ceiling: plain inserts, one transaction per row, 4 processes, {seconds / 2:.0f} s")
    raw = raw_ceiling(args, seconds / 2)
    note(f"{raw['rate']:,.0f} rows/s")
    rows.append(("ceiling", 4, raw))

    say(f"Bare WSGI hello under the same gunicorn settings, {args.connections} connections")
    with Gunicorn(args, "bench.hello:app", env):
        hello = read_load(args, "GET hello (bare WSGI)", ["/"], seconds / 2)
    note(f"{hello['rate']:,.0f} req/s, p99 {hello['p99_ms']:.1f} ms")
    rows.append(("ceiling", args.connections, hello))

    accepted, confirmed_ok, profiles = [], 0, []
    with Gunicorn(args, "pledgeline.wsgi:application", env) as server:
        warm(args, [f"/c/{campaign}/", f"/c/{campaign}/{hot}/", f"/c/{campaign}/{hot}/count.json"])

        say(
            f"Signers: {args.signers} connections, {int(args.hot_share * 100)}% on {hot}, "
            f"the rest over {len(slugs)} pledges, {seconds:.0f} s"
        )
        profiler = start_profile(server, seconds, "sign") if args.profile else None
        spec = {
            "port": args.port,
            "campaign": campaign,
            "pledges": slugs,
            "hot_share": args.hot_share,
            "duration": seconds,
            "signers": args.signers,
            "tag": f"{tag}s",
            "seed": 1,
        }
        process, queue = run_driver(spec)
        wait_with_progress("signing", seconds + 1, [process])
        result = queue.get()
        process.join()
        accepted += result["accepted_emails"]
        rows.append(("sign", args.signers, result["sign"]))
        note(
            f"{result['sign']['rate']:,.0f} accepted/s, p99 {result['sign']['p99_ms']:.1f} ms, "
            f"statuses {result['sign']['statuses']}"
        )
        if profiler:
            profiler[0].wait()
            profiles.append(("sign", profiler[1]))

        links = confirm_paths(campaign)
        ids = list(links)
        random.Random(2).shuffle(ids)
        first, second = ids[: len(ids) // 2], ids[len(ids) // 2 :]
        say(f"Confirmations: {args.signers} connections, {len(first):,} links, {seconds:.0f} s")
        profiler = start_profile(server, seconds, "confirm") if args.profile else None
        spec = {
            **spec,
            "signers": 0,
            "confirmers": args.signers,
            "seed": 2,
            "links": [links[i] for i in first],
        }
        process, queue = run_driver(spec)
        wait_with_progress("confirming", seconds + 1, [process])
        result = queue.get()
        process.join()
        confirmed_ok += result["confirm"]["ok"]
        rows.append(("confirm", args.signers, result["confirm"]))
        note(
            f"{result['confirm']['rate']:,.0f} confirmed/s, p99 "
            f"{result['confirm']['p99_ms']:.1f} ms"
        )
        if profiler:
            profiler[0].wait()
            profiles.append(("confirm", profiler[1]))

        for name, path in [
            ("GET hub", f"/c/{campaign}/"),
            ("GET pledge page", f"/c/{campaign}/{hot}/"),
            ("GET count.json", f"/c/{campaign}/{hot}/count.json"),
        ]:
            say(f"Readers: {name} {path}, {args.connections} connections, {seconds / 2:.0f} s")
            row = read_load(args, name, [path], seconds / 2)
            rows.append(("read", args.connections, row))
            note(f"{row['rate']:,.0f} req/s, p99 {row['p99_ms']:.1f} ms, errors {row['errors']}")

        say(f"Spike: signers + confirmations + readers at once, {seconds:.0f} s")
        spec = {
            **spec,
            "signers": args.signers // 2,
            "confirmers": args.signers // 2,
            "tag": f"{tag}m",
            "seed": 3,
            "links": [links[i] for i in second],
        }
        process, queue = run_driver(spec)
        readers = subprocess.Popen(
            wrk_command(
                args,
                args.connections // 2,
                seconds,
                [
                    f"/c/{campaign}/{hot}/count.json",
                    f"/c/{campaign}/{hot}/",
                    f"/c/{campaign}/{slugs[-1]}/count.json",
                    f"/c/{campaign}/",
                ],
            ),
            stdout=subprocess.PIPE,
            text=True,
        )
        wait_with_progress("spike", seconds + 1, [process])
        result = queue.get()
        process.join()
        spike_reads = parse_wrk("GET mixed pages + counts", readers.communicate()[0])
        accepted += result["accepted_emails"]
        confirmed_ok += result["confirm"]["ok"]
        rows.append(("spike", args.signers // 2, result["sign"]))
        rows.append(("spike", args.signers // 2, result["confirm"]))
        rows.append(("spike", args.connections // 2, spike_reads))

        say("Checks: flush pending count changes, then compare everything")
        checks, pending, flush_ms = check_correctness(args, accepted, confirmed_ok, campaign)

    from signatures.models import Signature

    total_signatures = Signature.objects.count()
    scale_lines = []
    if args.big:
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
        scale_lines = [
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
    info = versions(args)
    settings_line = (
        f"{args.db}, gunicorn {args.workers} × {args.worker_class} workers"
        f"{f' × {args.threads} threads' if args.threads > 1 else ''}, "
        f"cache {'Redis' if args.redis else 'LocMem (per worker)'}, {len(slugs)} pledges, "
        f"{total_signatures:,} signatures at the end, hot share {args.hot_share:.0%}, "
        f"{seconds:.0f} s per phase (reads and ceilings {seconds / 2:.0f} s)"
    )
    report = [
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {args.db}"
        + (" · 1,000,000 signatures loaded" if args.big else ""),
        "",
        f"- command: `{' '.join(['.venv/bin/python', 'bench/run.py', *sys.argv[1:]])}`",
        f"- git revision: `{git_revision()}`",
        f"- machine: {machine()}",
        f"- versions: {', '.join(f'{k} {v}' for k, v in info.items())}",
        f"- settings: {settings_line}",
        f"- count changes pending when the load stopped: {pending} (folded by the final flush "
        f"in {flush_ms:.0f} ms)",
        "",
        table(rows, raw, hello),
        *scale_lines,
        "",
        "Checks:",
        "",
        *[f"- {'PASS' if ok else 'FAIL'}: {name} ({detail})" for name, ok, detail in checks],
    ]
    for label, path in profiles:
        if path.exists():
            report += [
                "",
                f"Profile while {label} (py-spy, all workers):",
                "",
                "```",
                summarize_profile(path),
                "```",
            ]
    text = "\n".join(report)
    print()
    print(text)
    if not args.no_docs:
        note(f"appended to {append_to_docs(text).relative_to(ROOT)}")
    drop_database(args)
    failed = [name for name, ok, _ in checks if not ok]
    if failed:
        print(f"\n{len(failed)} check(s) FAILED", file=sys.stderr)
        sys.exit(1)
    print("\nAll checks passed.")


if __name__ == "__main__":
    main()
