"""The report: versions, machine, the results table, and docs/benchmarks.md."""

import os
import platform
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.common import ROOT
from bench.environment import database_url
from bench.profiling import summarize_profile


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


DOCS = ROOT / "docs" / "benchmarks.md"
LATEST_START, LATEST_END = "<!-- latest run -->", "<!-- end of latest run -->"
NEXT_HISTORY_ROW = "<!-- next history row -->"
HISTORY_HEADER = (
    "| date (UTC) | database | command | signs /s | confirms /s | pledge page /s "
    "| count.json /s | checks |\n| --- | --- | --- | ---: | ---: | ---: | ---: | --- |\n"
)


def report_text(args, load, results, checks, extra_lines):
    """The run's report: what ran where, the table, the checks and any profiles."""
    raw, hello, pending, flush_ms, total_signatures = results
    info = versions(args)
    settings_line = (
        f"{args.db}, gunicorn {args.workers} × {args.worker_class} workers"
        f"{f' × {args.threads} threads' if args.threads > 1 else ''}, "
        f"cache {'Redis' if args.redis else 'LocMem (per worker)'}, {len(load.slugs)} pledges, "
        f"{total_signatures:,} signatures at the end, hot share {args.hot_share:.0%}, "
        f"{load.seconds:.0f} s per phase (reads and ceilings {load.seconds / 2:.0f} s)"
    )
    report = [
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {args.db}"
        + (" · 1,000,000 signatures loaded" if args.big else ""),
        "",
        f"- command: `{command_line()}`",
        f"- git revision: `{git_revision()}`",
        f"- machine: {machine()}",
        f"- versions: {', '.join(f'{k} {v}' for k, v in info.items())}",
        f"- settings: {settings_line}",
        f"- count changes pending when the load stopped: {pending} (folded by the final flush "
        f"in {flush_ms:.0f} ms)",
        "",
        table(load.rows, raw, hello),
        *distance_lines(load.rows),
        *extra_lines,
        "",
        "Checks:",
        "",
        *[f"- {'PASS' if ok else 'FAIL'}: {name} ({detail})" for name, ok, detail in checks],
    ]
    for label, path in load.profiles:
        if path.exists():
            report += ["", f"Profile while {label} (py-spy, all workers):", "", "```"]
            report += [summarize_profile(path), "```"]
    return "\n".join(report)


def distance_lines(rows):
    """How far our sign view is from a minimal Django view doing one insert, same run."""
    by_route = {(phase, row["route"]): row["rate"] for phase, _, row in rows}
    minimal = by_route.get(("ceiling", "sign, minimal Django view (one ORM insert)"))
    ours = by_route.get(("sign", "sign"))
    if not minimal or not ours:
        return []
    return [
        "",
        f"Our sign view ÷ the minimal Django view: {ours / minimal:.2f} "
        f"({ours:,.0f} against {minimal:,.0f} per second, same driver and connections).",
    ]


def command_line():
    return " ".join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])


def history_row(args, rows, checks):
    """One line for the history table: the main rates of this run."""

    def rate(phase, route):
        found = [row["rate"] for p, _, row in rows if p == phase and row["route"] == route]
        return f"{found[0]:,.0f}" if found else "–"

    passed = sum(1 for _, ok, _ in checks if ok)
    database = args.db + (", 1,000,000 signatures loaded" if args.big else "")
    return (
        f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | {database} | `{command_line()}` "
        f"| {rate('sign', 'sign')} | {rate('confirm', 'confirm')} "
        f"| {rate('read', 'GET pledge page')} | {rate('read', 'GET count.json')} "
        f"| {passed}/{len(checks)} passed |"
    )


def record_in_docs(text, row):
    """docs/benchmarks.md keeps the latest run in full and one history row per run."""
    content = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    if LATEST_START not in content:
        content = (
            content.rstrip("\n")
            + f"\n\n## Latest run\n\n{LATEST_START}\n{LATEST_END}\n\n## History\n\n"
            + HISTORY_HEADER
            + f"{NEXT_HISTORY_ROW}\n"
        )
    before, rest = content.split(LATEST_START, 1)
    _, after = rest.split(LATEST_END, 1)
    content = f"{before}{LATEST_START}\n{text.strip()}\n{LATEST_END}{after}"
    content = content.replace(NEXT_HISTORY_ROW, f"{row}\n{NEXT_HISTORY_ROW}", 1)
    DOCS.write_text(content)
    return DOCS
