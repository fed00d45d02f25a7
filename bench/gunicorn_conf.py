"""gunicorn settings for the benchmark (the same for the app and for the bare hello)."""

import os

bind = os.environ.get("BENCH_BIND", "127.0.0.1:8150")
workers = int(os.environ.get("BENCH_WORKERS", "4"))
worker_class = os.environ.get("BENCH_WORKER_CLASS", "sync")
threads = int(os.environ.get("BENCH_THREADS", "1"))
backlog = 2048
timeout = 60
accesslog = None
errorlog = "-"
loglevel = "warning"
