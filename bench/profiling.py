"""py-spy profiles of the workers, summed up by function."""

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from bench.common import PYTHON, ROOT, note


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
