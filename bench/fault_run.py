"""The processes bench/faults.py breaks: set up, driven with signers and readers, checked.

A FaultRun starts, in a temporary folder on spare loopback ports, its own PostgreSQL
cluster, a Redis, an SMTP server, two gunicorn workers, the task worker and the count
sweeper; it signs and reads through the app, and records each fault's checks.
"""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench.procs import (
    Postgres,
    Redis,
    Smtp,
    Workspace,
    app_env,
    free_port,
    gunicorn,
    manage,
    note,
    request,
    run_manage,
    say,
    setup_django,
    sign_form,
    wait_until,
)

DOMAIN = "faults.example.org"
LEASE_SECONDS = 3


class FaultRun:
    """The processes under test, and the means to load them and record the checks."""

    def __init__(self, args):
        self.args = args
        self.ws = Workspace("pl-faults-", keep=args.keep)
        self.pg = Postgres(self.ws, "pg")
        self.redis = Redis(self.ws, "redis")
        self.smtp = Smtp(self.ws)
        self.port = free_port()
        self.signed = 0
        self.results = []
        self.worker = self.sweeper = self.app = None

    # Set-up -------------------------------------------------------------------------------

    def start(self):
        say(f"Starting PostgreSQL, Redis, SMTP and the app in {self.ws.path}")
        self.pg.init().start()
        self.pg.sql("CREATE DATABASE pledgeline", database="postgres")
        self.redis.start()
        self.smtp.start()
        self.env = app_env(
            database_url=self.pg.url(),
            site_port=self.port,
            var_dir=self.ws.path / "var",
            email_url=f"smtp://127.0.0.1:{self.smtp.port}",
            redis_url=self.redis.url(),
            TASK_LEASE_SECONDS=LEASE_SECONDS,
            MAIL_RETRY_BASE_SECONDS=1,
            MAIL_MAX_ATTEMPTS=6,
        )
        run_manage("migrate", "-v", "0", env=self.env)
        run_manage("seed_signatures", "--pledges", "3", "--signatures", "0", env=self.env)
        setup_django(self.env)
        from pledges.models import Pledge

        pledges = list(Pledge.objects.select_related("campaign").order_by("slug")[:3])
        self.campaign = pledges[0].campaign.slug
        self.pledges = [p.slug for p in pledges]
        self.app = gunicorn(self.ws, "app", port=self.port, env=self.env)
        self.start_worker()
        self.start_sweeper()
        note(
            f"PostgreSQL :{self.pg.port}, Redis :{self.redis.port}, SMTP :{self.smtp.port}, "
            f"app :{self.port} (2 gunicorn workers), task worker, sweeper"
        )

    def start_worker(self):
        # --plain-worker: django_tasks_db's own worker, without a lease, to show the fault.
        command = "db_worker" if self.args.plain_worker else "task_worker"
        self.worker = manage(
            self.ws, "worker", command, "--queue-name", "*", "--interval", "0.2",
            "--no-startup-delay", "--no-reload", env=self.env,
        )  # fmt: skip

    def start_sweeper(self):
        self.sweeper = manage(self.ws, "sweeper", "flush_counts", "--every", "0.5", env=self.env)

    def close(self):
        self.ws.close(self.pg)

    # Signing, reading, checking -----------------------------------------------------------

    def sign(self, n, pledge=0):
        """n signers at once (8 at a time); returns {email: status}."""
        emails = []
        for _ in range(n):
            self.signed += 1
            emails.append(f"signer{self.signed}@{DOMAIN}")
        path = f"/c/{self.campaign}/{self.pledges[pledge]}/sign/"

        def one(email):
            return email, request(self.port, "POST", path, form=sign_form(email, 0))[0]

        with ThreadPoolExecutor(8) as pool:
            return dict(pool.map(one, emails))

    @staticmethod
    def accepted(statuses):
        return {email for email, status in statuses.items() if ok(status)}

    def delivered(self, emails):
        counts = Counter(r for r in self.smtp.recipients() if r in emails)
        return counts

    def tasks(self, status):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status=status).count()

    def record(self, fault, in_flight, lost, duplicated, recovered, checks, detail=""):
        passed = all(check_ok for _, check_ok, _ in checks)
        for name, check_ok, info in checks:
            note(f"{'ok  ' if check_ok else 'FAIL'} {name}: {info}")
        self.results.append(
            {
                "fault": fault,
                "in_flight": in_flight,
                "lost": lost,
                "duplicated": duplicated,
                "recovered": recovered,
                "passed": passed,
                "detail": detail,
            }
        )

    def wait_delivered(self, emails, seconds=60):
        return wait_until(lambda: len(self.delivered(emails)) >= len(emails), seconds=seconds)

    def load(self, seconds, *, during, sign_threads=3, read_threads=2, pledge=0):
        """Signers and readers for `seconds`; `during(t)` is called from the main thread."""
        statuses, reads = {}, Counter()
        stop_at = time.monotonic() + seconds
        lock = threading.Lock()
        paths = [
            f"/c/{self.campaign}/",
            f"/c/{self.campaign}/{self.pledges[pledge]}/",
            f"/c/{self.campaign}/{self.pledges[pledge]}/count.json",
        ]

        def signer():
            while time.monotonic() < stop_at:
                with lock:
                    self.signed += 1
                    email = f"signer{self.signed}@{DOMAIN}"
                status = request(
                    self.port,
                    "POST",
                    f"/c/{self.campaign}/{self.pledges[pledge]}/sign/",
                    form=sign_form(email, 0),
                )[0]
                with lock:
                    statuses[email] = status

        def reader(i):
            n = i
            while time.monotonic() < stop_at:
                status = request(self.port, "GET", paths[n % len(paths)])[0]
                n += 1
                with lock:
                    reads[status] += 1

        threads = [threading.Thread(target=signer) for _ in range(sign_threads)]
        threads += [threading.Thread(target=reader, args=(i,)) for i in range(read_threads)]
        for thread in threads:
            thread.start()
        during()
        for thread in threads:
            thread.join()
        return statuses, reads


def ok(status):
    return isinstance(status, int) and status < 400


def cached(port, campaign):
    status, headers, _ = request(port, "GET", f"/c/{campaign}/")
    return ok(status) and dict(headers).get("X-Cache") == "HIT"


def pending_deltas():
    from pledges.models import PledgeCountDelta

    return PledgeCountDelta.objects.exists()


def partial_rows(rows):
    """Signatures stored without the confirmation mail task of the same transaction."""
    from django_tasks_db.models import DBTaskResult

    with_task = {
        task.args_kwargs["kwargs"].get("signature_id")
        for task in DBTaskResult.objects.filter(task_path__endswith="signature_send_confirmation")
    }
    return [s.email_normalized for s in rows if s.pk not in with_task]
