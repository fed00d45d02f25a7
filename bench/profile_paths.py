#!/usr/bin/env python
"""What one sign and one confirm cost, measured in-process through the whole WSGI stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_prof .venv/bin/python bench/profile_paths.py

The throughput of `bench/run.py` moves with whatever else the machine is doing; the CPU
time a request takes in its own process, and the number of database and cache round trips
it makes, hardly do. This calls `pledgeline.wsgi.application` (what gunicorn calls) with
the same requests the benchmark sends, in one process, and prints per request: CPU ms,
wall ms, SQL queries, cache (Redis) commands. `--pyinstrument` adds a profile of each path.
The database given is migrated and gets a small "bench" campaign; it is not dropped.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="requests per path")
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="'' for none")
    return parser.parse_args()


def environ_for(method, path, body=b"", headers=()):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if body:
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
    environ.update(headers)
    return environ


def call(app, environ):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    result = app(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return seen["status"], body


class Counters:
    """Counts SQL statements (Django's execute wrapper) and Redis commands."""

    def __init__(self):
        self.sql = self.cache = 0

    def install(self):
        from django.db import connection

        def count_sql(execute, sql, params, many, context):
            self.sql += 1
            return execute(sql, params, many, context)

        connection.execute_wrappers.append(count_sql)
        try:
            import redis.connection

            original = redis.connection.AbstractConnection.send_packed_command

            def counted(conn, command, check_health=True):
                self.cache += 1
                return original(conn, command, check_health)

            redis.connection.AbstractConnection.send_packed_command = counted
        except ImportError:
            pass


def measure(label, app, environs, counters, expect):
    cpu0, wall0 = time.process_time(), time.perf_counter()
    sql0, cache0 = counters.sql, counters.cache
    statuses = {}
    for environ in environs:
        status, _ = call(app, environ)
        statuses[status[:3]] = statuses.get(status[:3], 0) + 1
    n = len(environs)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(
        f"{label:8} n={n}: {1000 * cpu / n:6.2f} ms CPU, {1000 * wall / n:6.2f} ms wall, "
        f"{(counters.sql - sql0) / n:4.1f} SQL, {(counters.cache - cache0) / n:4.1f} cache "
        f"per request; statuses {statuses}"
    )
    if set(statuses) != {expect}:
        raise SystemExit(f"{label}: expected only {expect}")


def main():
    args = parse_args()
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-0123456789")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["SITE_URL"] = "http://127.0.0.1:8000"
    os.environ["CACHE_KEY_PREFIX"] = f"prof-{time.time_ns()}"
    # As in bench/run.py: one client stands for many people.
    os.environ["RATE_LIMIT_SIGN_PER_IP"] = "100000000/10m"
    os.environ["RATE_LIMIT_SIGN_PER_DOMAIN"] = "100000000/10m"
    os.environ["POW_BURST_PER_MINUTE"] = "100000000"
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pledgeline.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_signatures", pledges=5, signatures=0, stdout=io.StringIO())
    from pledgeline.wsgi import application
    from pledges.models import Pledge
    from signatures.links import confirm_url
    from signatures.models import Signature

    pledge = Pledge.objects.filter(campaign__slug="bench").order_by("slug").first()
    sign_path = f"/c/bench/{pledge.slug}/sign/"
    tag = time.time_ns()
    headers = {"HTTP_ORIGIN": "http://127.0.0.1:8000", "HTTP_SEC_FETCH_SITE": "same-origin"}

    def sign_environ(i):
        body = (
            f"name=Profile+Signer+{i}&email=p{tag}-{i}%40prof.example"
            "&affiliation=student&display=initial&contact_opt_in=on&website="
        ).encode()
        return environ_for("POST", sign_path, body, headers)

    counters = Counters()
    counters.install()
    # Warm up: imports, connections, first queries.
    for i in range(20):
        call(application, sign_environ(-1 - i))

    def confirm_environs(emails_like):
        rows = Signature.objects.filter(
            status=Signature.Status.PENDING, email_normalized__startswith=emails_like
        )
        return [
            environ_for("POST", "/" + confirm_url(s).split("://", 1)[1].split("/", 1)[1])
            for s in rows
        ]

    for environ in confirm_environs(f"p{tag}--")[:10]:
        call(application, environ)

    runs = [
        ("sign", [sign_environ(i) for i in range(args.n)], "302"),
        ("confirm", None, "200"),
    ]
    for label, environs, expect in runs:
        if environs is None:
            environs = confirm_environs(f"p{tag}-")[: args.n]
        if args.pyinstrument:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
            measure(label, application, environs, counters, expect)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False)[:6000])
        else:
            measure(label, application, environs, counters, expect)


if __name__ == "__main__":
    main()
