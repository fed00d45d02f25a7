"""This machine's ceilings: the database's raw insert rate and gunicorn's bare hello."""

import multiprocessing
import sqlite3
import time
from datetime import UTC, datetime

from bench.common import EMAIL_DOMAIN, ROOT, note, say, wait_with_progress
from bench.environment import database_url
from bench.http_driver import run_driver
from bench.servers import Gunicorn, read_load

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


def measure_ceilings(args, env, seconds, rows):
    """The raw insert rate and the bare hello: what the app's rates are compared with."""
    say(f"Raw ceiling: plain inserts, one transaction per row, 4 processes, {seconds / 2:.0f} s")
    raw = raw_ceiling(args, seconds / 2)
    note(f"{raw['rate']:,.0f} rows/s")
    rows.append(("ceiling", 4, raw))

    say(f"Bare WSGI hello under the same gunicorn settings, {args.connections} connections")
    with Gunicorn(args, "bench.hello:app", env):
        hello = read_load(args, "GET hello (bare WSGI)", ["/"], seconds / 2)
    note(f"{hello['rate']:,.0f} req/s, p99 {hello['p99_ms']:.1f} ms")
    rows.append(("ceiling", args.connections, hello))
    return raw, hello


def minimal_django_ceiling(args, env, load):
    """Signers against a Django view with no middleware that stores the row with the ORM
    (bench/minimal_django.py): the same driver, form and connections as the sign phase."""
    say(f"Minimal Django view: one ORM insert per sign form, {args.signers} connections")
    spec = {
        "port": args.port,
        "campaign": load.campaign,
        "pledges": load.slugs,
        "hot_share": args.hot_share,
        "duration": load.seconds / 2,
        "signers": args.signers,
        "tag": f"{load.tag}d",
        "seed": 4,
    }
    with Gunicorn(args, "bench.minimal_django:application", env):
        process, queue = run_driver(spec)
        wait_with_progress("minimal Django inserts", spec["duration"] + 1, [process])
        result = queue.get()
        process.join()
    row = {**result["sign"], "route": "sign, minimal Django view (one ORM insert)"}
    note(f"{row['rate']:,.0f} inserts/s, p99 {row['p99_ms']:.1f} ms")
    load.rows.append(("ceiling", args.signers, row))
    # Its rows are not signatures of the run: the checks count only the real ones. (Imported
    # here: Django is set up only once run.py has made the scratch database.)
    from signatures.models import Signature

    deleted, _ = Signature.objects.filter(email__startswith="minimal-django-").delete()
    note(f"{deleted:,} rows of the minimal view removed")
    return row
