"""The app (or a bare WSGI hello) under gunicorn, and readers driven by wrk."""

import asyncio
import json
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench.common import PYTHON, ROOT
from bench.http_driver import get_payload, http


def wrk_command(args, connections, seconds, paths):
    threads = 2 if connections >= 2 else 1
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "wrk" / "report.lua"),
        f"http://127.0.0.1:{args.port}{paths[0]}",
        "--",
        ",".join(paths),
    ]


def parse_wrk(name, output):
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    data = json.loads(line[len("BENCH_JSON ") :])
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    seconds = data["duration_us"] / 1e6
    return {
        "route": name,
        "requests": data["requests"],
        "ok": data["requests"] - data["status"],
        "rate": (data["requests"] - data["status"]) / seconds,
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "errors": errors,
        "elapsed": seconds,
    }


def read_load(args, name, paths, seconds, connections=None):
    """Drive GETs with wrk; falls back to the Python driver if wrk is not installed."""
    connections = connections or args.connections
    output = subprocess.run(
        wrk_command(args, connections, seconds, paths), capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(name, output)


class Gunicorn:
    def __init__(self, args, app, env):
        self.args, self.app, self.env = args, app, env

    def __enter__(self):
        env = {
            **self.env,
            "BENCH_BIND": f"127.0.0.1:{self.args.port}",
            "BENCH_WORKERS": str(self.args.workers),
            "BENCH_WORKER_CLASS": self.args.worker_class,
            "BENCH_THREADS": str(self.args.threads),
        }
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "-c",
                str(ROOT / "bench" / "gunicorn_conf.py"),
                self.app,
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.args.port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"gunicorn did not start on port {self.args.port}")
        time.sleep(0.5)  # let every worker boot
        return self

    def worker_pids(self):
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def warm(args, paths):
    loop = asyncio.new_event_loop()
    for path in paths:
        for _ in range(args.workers * 2):
            loop.run_until_complete(http(loop, args.port, get_payload(args.port, path)))
    loop.close()


# Raw ceiling -----------------------------------------------------------------------------
