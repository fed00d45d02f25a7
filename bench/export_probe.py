"""Stream every signature of a campaign as CSV and watch this process's memory.

Run by bench/run.py in its own process (like a web worker serving an export). It uses
signatures/exports.py if the project has one, otherwise a server-side-cursor iterator,
which is what a streamed export needs. Prints one JSON line.
"""

import csv
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pledgeline.settings")


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Discard:
    def write(self, text):
        return len(text)


def main():
    import django

    django.setup()
    from signatures.models import Signature

    campaign = sys.argv[1]
    rows = (
        Signature.objects.filter(pledge__campaign__slug=campaign, status="confirmed")
        .order_by()
        .values_list("pledge__slug", "name", "display", "affiliation", "confirmed_at")
        .iterator(chunk_size=5000)
    )
    writer = csv.writer(Discard())
    started, samples, count = time.perf_counter(), [rss_mb()], 0
    for row in rows:
        writer.writerow(row)
        count += 1
        if count % 100_000 == 0:
            samples.append(rss_mb())
    samples.append(rss_mb())
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "rows": count,
                "seconds": elapsed,
                "rss_start_mb": samples[0],
                "rss_peak_mb": max(samples),
                "rss_end_mb": samples[-1],
                "samples": samples,
                "source": "server-side cursor iterator (no signatures/exports.py here)",
            }
        )
    )


if __name__ == "__main__":
    main()
