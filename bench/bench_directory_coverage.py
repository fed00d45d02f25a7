#!/usr/bin/env python3
"""How often "Find your campus" finds a real institution on its first page.

    .venv/bin/python bench/bench_directory_coverage.py                  # scratch SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgeline_bench \\
        .venv/bin/python bench/bench_directory_coverage.py              # scratch PostgreSQL
    .venv/bin/python bench/bench_directory_coverage.py --seeds 1 2 3 --samples 200

It migrates the database, imports the directory (`import_institutions --if-changed`),
then for each seed draws a sample of institutions from the vendored world university
list (leaving out what the exclusion rule calls a secondary school, district or company)
and searches each one by its name and by its first domain, as someone would on the hub
(first page: 12 results). A search counts as found when a result owns one of the
institution's domains or bears its name. Never point it at a database you care about.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pledgeline.settings")
if not os.environ.get("DATABASE_URL") and not os.environ.get("PLEDGELINE_VAR_DIR"):
    os.environ["PLEDGELINE_VAR_DIR"] = tempfile.mkdtemp(prefix="pledgeline-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from institutions.rules import is_campus  # noqa: E402
from institutions.selectors import institution_search  # noqa: E402
from institutions.sources import WORLD_UNIVERSITIES  # noqa: E402
from institutions.terms import fold  # noqa: E402

FIRST_PAGE = 12  # campaigns.views.SEARCH_RESULTS


def found(query: str, entry: dict) -> bool:
    domains = set(entry["domains"])
    name = fold(entry["name"])
    for institution in institution_search(query=query, limit=FIRST_PAGE):
        own = {d.domain for d in institution.domain_list}
        names = {fold(institution.name), fold(institution.short_name)}
        names |= {fold(a) for a in institution.aliases.values_list("name", flat=True)}
        if own & domains or name in names:
            return True
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("import_institutions", "--if-changed", verbosity=0)
    print(f"Import: {time.perf_counter() - started:.1f} s")

    entries = json.loads(WORLD_UNIVERSITIES.read_text(encoding="utf-8"))
    campuses = [
        e
        for e in entries
        if e.get("domains") and is_campus(names=[e["name"]], domains=e["domains"])
    ]
    print(f"World list: {len(entries):,} institutions, {len(campuses):,} of them campuses")
    worst = (1.0, 1.0)
    for seed in args.seeds:
        sample = random.Random(seed).sample(campuses, args.samples)
        by_name = [e for e in sample if not found(e["name"], e)]
        by_domain = [e for e in sample if not found(e["domains"][0], e)]
        name_rate = 1 - len(by_name) / len(sample)
        domain_rate = 1 - len(by_domain) / len(sample)
        worst = (min(worst[0], name_rate), min(worst[1], domain_rate))
        print(
            f"seed {seed}: {len(sample)} institutions, found on the first page "
            f"by name {name_rate:.1%}, by first domain {domain_rate:.1%}"
        )
        if args.show_misses:
            for entry in by_name:
                print(f"    not found by name: {entry['name']} ({entry['alpha_two_code']})")
            for entry in by_domain:
                print(f"    not found by domain: {entry['domains'][0]} ({entry['name']})")
    print(
        f"Lowest over {len(args.seeds)} samples: by name {worst[0]:.1%}, by domain {worst[1]:.1%}"
    )


if __name__ == "__main__":
    main()
