"""What every part of the benchmark shares: where things are, and how it speaks."""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECRET = "benchmark-only-secret-key-not-for-production-0123456789"  # noqa: S105
EMAIL_DOMAIN = "bench.example"


def say(message):
    print(f"\033[1m==> {message}\033[0m", flush=True)


def note(message):
    print(f"    {message}", flush=True)


def wait_with_progress(label, seconds, processes=()):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if processes and all(not p.is_alive() for p in processes):
            break
        time.sleep(1)
        print(
            f"\r    {label}: {time.monotonic() - started:4.0f}/{seconds:.0f} s", end="", flush=True
        )
    print("\r", end="")
