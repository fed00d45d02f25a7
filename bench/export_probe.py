"""Stream every signature of a campaign as CSV and watch this process's memory.

Run by bench/run.py in its own process (like a web worker serving an export). It streams the
organizers' real export (signatures/exports.py) of every pledge in turn, then every
confirmed signature through one server-side cursor. Prints one JSON line.
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


def sample(rows, label):
    writer = csv.writer(Discard())
    started, samples, count = time.perf_counter(), [rss_mb()], 0
    for row in rows:
        if isinstance(row, str):
            Discard().write(row)
        else:
            writer.writerow(row)
        count += 1
        if count % 100_000 == 0:
            samples.append(rss_mb())
    samples.append(rss_mb())
    return {
        "source": label,
        "rows": count,
        "seconds": time.perf_counter() - started,
        "rss_start_mb": samples[0],
        "rss_peak_mb": max(samples),
        "rss_end_mb": samples[-1],
        "samples": samples,
    }


def main():
    import django

    django.setup()
    from pledges.models import Pledge
    from signatures.models import Signature

    campaign = sys.argv[1]
    results = []
    try:
        from lib.csv_export import csv_lines
        from signatures.exports import CSV_COLUMNS, consenting_signer_rows
    except ImportError:
        pass
    else:
        # The organizers' real download, for every pledge one after the other.
        pledges = Pledge.objects.filter(campaign__slug=campaign).order_by("slug")

        def every_export():
            for pledge in pledges.iterator():
                yield from csv_lines(consenting_signer_rows(pledge=pledge), header=CSV_COLUMNS)

        results.append(sample(every_export(), "lib.csv_export.csv_lines, every pledge"))
    rows = (
        Signature.objects.filter(pledge__campaign__slug=campaign, status="confirmed")
        .order_by()
        .values_list("pledge__slug", "name", "display", "affiliation", "confirmed_at")
        .iterator(chunk_size=5000)
    )
    results.append(sample(rows, "server-side cursor over every confirmed signature"))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
