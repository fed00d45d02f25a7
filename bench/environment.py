"""The command line, the scratch database, the app's environment and the seed data."""

import argparse
import os
import re
import socket
from pathlib import Path

from bench.common import ROOT, SECRET


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
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
    parser.add_argument("--no-docs", action="store_true", help="don't write to benchmarks.md")
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
