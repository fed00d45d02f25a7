#!/usr/bin/env python
"""The viral-spike benchmark: one command, bounded in time, with correctness checks.

    .venv/bin/python bench/run.py --db postgres --workers 4 --duration 10

It creates a scratch database, seeds a campaign, measures the database's raw insert
ceiling and gunicorn's bare "hello" on this machine, starts the real app under gunicorn,
drives it from separate processes on 127.0.0.1 (signers, confirmations, readers, then all
of them at once), checks that nothing was lost or doubled and that every count and
milestone is exact, prints a table, puts it in docs/benchmarks.md as the latest run and
adds a row to the history there. It exits non-zero if a check fails. See
docs/benchmarks.md ("Viral spike") for what each row means.

The phases live in bench/phases/; the load drivers, servers and report next to this file.
"""

import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

# Run as a script: the repository root must be importable (bench.*, and the app itself).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, note, say  # noqa: E402
from bench.environment import (  # noqa: E402
    database_url,
    drop_database,
    fresh_database,
    parse_args,
    redis_reachable,
    seed,
    server_env,
    setup_django,
)
from bench.phases.ceilings import measure_ceilings, minimal_django_ceiling  # noqa: E402
from bench.phases.checks import check_correctness  # noqa: E402
from bench.phases.scale import measure_scale  # noqa: E402
from bench.phases.traffic import Load, run_traffic  # noqa: E402
from bench.report import history_row, record_in_docs, report_text  # noqa: E402
from bench.servers import Gunicorn, warm  # noqa: E402

CAMPAIGN = "bench"


def prepare(args):
    """Checks the tools, makes the scratch database and seeds it; the app's environment."""
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
    say(
        f"Fresh {args.db} database ({database_url(args)}), seeding {args.pledges} pledges"
        + (" and 1,000,000 signatures" if args.big else "")
    )
    fresh_database(args)
    setup_django(env)
    started = time.perf_counter()
    seed(args)
    note(f"seeded in {time.perf_counter() - started:.1f} s")
    return env, tag


def main():
    args = parse_args(__doc__.split("\n\n")[0])
    env, tag = prepare(args)
    # Only now: prepare() has set Django up for the scratch database.
    from pledges.models import Pledge
    from signatures.models import Signature

    slugs = list(
        Pledge.objects.filter(campaign__slug=CAMPAIGN)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    load = Load(campaign=CAMPAIGN, slugs=slugs, seconds=args.duration, tag=tag, rows=[])
    raw, hello = measure_ceilings(args, env, load.seconds, load.rows)
    minimal_django_ceiling(args, env, load)
    with Gunicorn(args, "pledgeline.wsgi:application", env) as server:
        pages = ["/", f"/{load.hot}/", f"/{load.hot}/count.json"]
        warm(args, [f"/c/{CAMPAIGN}{page}" for page in pages])
        run_traffic(args, server, load)
        say("Checks: flush pending count changes, then compare everything")
        checks, pending, flush_ms = check_correctness(
            args, load.accepted, load.confirmed_ok, CAMPAIGN
        )
    total_signatures = Signature.objects.count()
    scale_lines = measure_scale(args, env, CAMPAIGN, load.hot, total_signatures) if args.big else []
    results = (raw, hello, pending, flush_ms, total_signatures)
    text = report_text(args, load, results, checks, scale_lines)
    print()
    print(text)
    if not args.no_docs:
        written = record_in_docs(text, history_row(args, load.rows, checks))
        note(f"recorded in {written.relative_to(ROOT)} (latest run, and a row in its history)")
    drop_database(args)
    failed = [name for name, ok, _ in checks if not ok]
    if failed:
        print(f"\n{len(failed)} check(s) FAILED", file=sys.stderr)
        sys.exit(1)
    print("\nAll checks passed.")


if __name__ == "__main__":
    main()
