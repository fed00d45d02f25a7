#!/usr/bin/env python3
"""Fault injection against real processes, each fault with a check that nothing is lost.

    .venv/bin/python bench/faults.py                 all five faults (1–2 minutes)
    .venv/bin/python bench/faults.py --only smtp-down,fold-killed
    .venv/bin/python bench/faults.py --markdown      also print the results as a table row set

It starts, in a temporary folder on spare loopback ports: its own PostgreSQL cluster
(Debian's initdb / pg_ctl, so it can be stopped without touching anyone else's), a Redis
for the cache, an SMTP server (aiosmtpd, its own process, keeping mail in a Maildir), two
gunicorn workers, the task worker (`manage.py task_worker`) and the count sweeper
(`manage.py flush_counts --every 0.5`). Then, one after the other:

  mail-worker-killed  the SMTP server hangs while a burst of signers' confirmation mails is
                      being sent; the task worker is SIGKILLed mid-send, the SMTP server
                      resumes, a new worker starts: every mail must arrive (duplicates are
                      counted: delivery is at least once).
  smtp-down           the SMTP server is down while people sign; mail is retried with back-off
                      (MAIL_RETRY_BASE_SECONDS=1 here: 1, 2, 4 s …) and delivered once it is
                      back; nothing may be marked failed meanwhile.
  redis-stopped       Redis (cache, rate limits, page cache) is stopped during signing and
                      page views, then started again: no 5xx, every accepted signature stored.
  postgres-restart    PostgreSQL is stopped for two seconds during a burst of signs and
                      confirmations: only 503 pages (no 500), no partial rows (every
                      signature has its mail task), counts exact after the signers retry,
                      and `recount_signatures` finds nothing to repair.
  fold-killed         the count sweeper is SIGKILLed inside a fold (after it took the pending
                      deltas, before it committed): the fold rolls back whole, and the counts
                      are exact after it restarts.

Exits non-zero if any check fails. The lease is TASK_LEASE_SECONDS=3 here (30 in production).
"""

import argparse
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fault_run import (  # noqa: E402
    FaultRun,
    cached,
    ok,
    partial_rows,
    pending_deltas,
)
from bench.procs import (  # noqa: E402
    confirm_path,
    kill,
    note,
    request,
    run_manage,
    say,
    sign_form,
    stop,
    wait_until,
)


class Run(FaultRun):
    """The faults, one method each: break something mid-flight, then check nothing is lost."""

    def mail_worker_killed(self):
        say("mail-worker-killed: SIGKILL the task worker while it sends a burst of mails")
        from django_tasks_db.compat import TaskResultStatus

        self.smtp.hang()
        statuses = self.sign(20)
        accepted = self.accepted(statuses)
        running, _ = wait_until(lambda: self.tasks(TaskResultStatus.RUNNING), seconds=10)
        kill(self.worker)
        killed_at = time.monotonic()
        left_running = self.tasks(TaskResultStatus.RUNNING)
        note(f"{len(accepted)} signs accepted; worker killed with {left_running} task running")
        self.smtp.resume()
        self.start_worker()
        done, _ = self.wait_delivered(accepted, seconds=60)
        recovered = time.monotonic() - killed_at
        counts = self.delivered(accepted)
        lost = len(accepted - set(counts))
        duplicated = sum(n - 1 for n in counts.values())
        self.record(
            "mail worker SIGKILLed mid-send (SMTP hanging)",
            f"{len(accepted)} mails, {left_running} being sent",
            lost,
            duplicated,
            recovered,
            [
                ("every sign accepted", len(accepted) == 20, f"{len(accepted)}/20"),
                ("a task was left RUNNING by the kill", left_running >= 1, str(left_running)),
                ("every confirmation mail delivered", lost == 0, f"{lost} lost"),
                (
                    "nothing left RUNNING or FAILED",
                    self.tasks(TaskResultStatus.RUNNING) == 0
                    and self.tasks(TaskResultStatus.FAILED) == 0,
                    f"{self.tasks(TaskResultStatus.RUNNING)} running, "
                    f"{self.tasks(TaskResultStatus.FAILED)} failed",
                ),
            ],
        )

    def smtp_down(self):
        say("smtp-down: the SMTP server is down while people sign")
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        self.smtp.stop()
        down_at = time.monotonic()
        accepted = self.accepted(self.sign(10))
        note(f"10 signs answered in {time.monotonic() - down_at:.1f} s with mail down")
        time.sleep(6)
        failed_while_down = self.tasks(TaskResultStatus.FAILED)
        retries_queued = DBTaskResult.objects.filter(return_value="retrying").count()
        note(
            f"down {time.monotonic() - down_at:.1f} s: {retries_queued} failed attempts "
            f"re-queued with back-off, {failed_while_down} marked failed"
        )
        self.smtp.start()
        back_at = time.monotonic()
        down_for = back_at - down_at
        done, _ = self.wait_delivered(accepted, seconds=40)
        recovered = time.monotonic() - back_at
        counts = self.delivered(accepted)
        lost = len(accepted - set(counts))
        duplicated = sum(n - 1 for n in counts.values())
        self.record(
            f"SMTP server down {down_for:.0f} s (back-off 1, 2, 4, 8 s)",
            f"{len(accepted)} mails",
            lost,
            duplicated,
            recovered,
            [
                ("every sign accepted while mail is down", len(accepted) == 10, len(accepted)),
                ("attempts retried with back-off", retries_queued >= len(accepted), retries_queued),
                ("nothing marked failed early", failed_while_down == 0, str(failed_while_down)),
                ("every mail delivered once it is back", lost == 0, f"{lost} lost"),
            ],
        )

    def redis_stopped(self):
        say("redis-stopped: Redis goes away during signing and page views, then comes back")
        from signatures.models import Signature

        def during():
            time.sleep(1.5)
            self.redis.stop()
            note("Redis stopped")
            time.sleep(3)
            self.redis.start()
            note("Redis started again (empty)")

        statuses, reads = self.load(7, during=during)
        accepted = self.accepted(statuses)
        sign_codes = Counter(statuses.values())
        stored = set(
            Signature.objects.filter(email_normalized__in=list(statuses)).values_list(
                "email_normalized", flat=True
            )
        )
        server_errors = sum(n for s, n in sign_codes.items() if not ok(s))
        read_errors = sum(n for s, n in reads.items() if not ok(s))
        _, recovered = wait_until(lambda: cached(self.port, self.campaign), seconds=10)
        self.record(
            "Redis stopped 3 s during signing and reads",
            f"{len(statuses)} signs, {sum(reads.values())} reads",
            len(accepted - stored),
            0,
            recovered,
            [
                ("no sign failed", server_errors == 0, dict(sign_codes)),
                ("no page view failed", read_errors == 0, dict(reads)),
                ("every accepted sign stored", accepted <= stored, f"{len(accepted)} accepted"),
            ],
            detail="page cache back (X-Cache: HIT) after",
        )

    def postgres_restart(self):
        say("postgres-restart: PostgreSQL stops for 2 s during signs and confirmations")
        from django.db import connections

        from pledges.models import Pledge
        from signatures.models import Signature

        pledge = 1
        first = self.accepted(self.sign(30, pledge=pledge))
        pending = Signature.objects.filter(email_normalized__in=first)
        confirms = {s.email_normalized: confirm_path(s) for s in pending}
        connections.close_all()
        confirm_statuses = {}
        outage = {}

        def confirmer(items):
            for email, path in items:
                confirm_statuses[email] = request(self.port, "POST", path)[0]
                time.sleep(0.1)

        def during():
            items = list(confirms.items())
            threads = [threading.Thread(target=confirmer, args=(items[i::2],)) for i in (0, 1)]
            for thread in threads:
                thread.start()
            time.sleep(1)
            outage["down"] = time.monotonic()
            self.pg.stop("fast")
            note("PostgreSQL stopped")
            time.sleep(2)
            self.pg.start()
            outage["up"] = time.monotonic()
            note("PostgreSQL started again")
            # The query string bypasses the page cache: this page needs the database.
            fresh = f"/c/{self.campaign}/{self.pledges[pledge]}/?fresh=1"
            _, outage["recovered"] = wait_until(
                lambda: ok(request(self.port, "GET", fresh)[0]), seconds=20, every=0.05
            )
            for thread in threads:
                thread.join()

        statuses, reads = self.load(5, during=during, sign_threads=2, read_threads=1, pledge=pledge)
        every = Counter(statuses.values()) + Counter(confirm_statuses.values()) + reads
        five_hundreds = sum(n for s, n in every.items() if s == 500 or isinstance(s, str))
        unavailable = sum(n for s, n in every.items() if s == 503)
        recovered = outage["recovered"]
        # The signers who saw the 503 page do as it says: try again.
        retried_signs = {e for e, s in statuses.items() if not ok(s)}
        for email in retried_signs:
            statuses[email] = request(
                self.port,
                "POST",
                f"/c/{self.campaign}/{self.pledges[pledge]}/sign/",
                form=sign_form(email, 0),
            )[0]
        retried_confirms = {e for e, s in confirm_statuses.items() if not ok(s)}
        for email in retried_confirms:
            confirm_statuses[email] = request(self.port, "POST", confirms[email])[0]
        accepted = self.accepted(statuses) | first
        rows = Signature.objects.filter(email_normalized__in=list(accepted | set(statuses)))
        stored = set(rows.values_list("email_normalized", flat=True))
        partial = partial_rows(rows)
        confirmed = rows.filter(status=Signature.Status.CONFIRMED).count()
        wait_until(lambda: not pending_deltas(), seconds=10)
        p = Pledge.objects.get(campaign__slug=self.campaign, slug=self.pledges[pledge])
        actual = p.signatures.filter(status=Signature.Status.CONFIRMED).count()
        recount = run_manage("recount_signatures", env=self.env).stdout.strip()
        self.record(
            "PostgreSQL stopped 2 s during signs and confirmations",
            f"{sum(every.values())} requests, {unavailable} answered 503",
            len(accepted - stored),
            0,
            recovered,
            [
                ("no 500 or dropped connection, only 503", five_hundreds == 0, dict(every)),
                ("the outage showed the 503 page", unavailable > 0, f"{unavailable} × 503"),
                (
                    "after retrying, every sign and confirmation succeeded",
                    all(map(ok, statuses.values())) and all(map(ok, confirm_statuses.values())),
                    f"{len(retried_signs)} signs, {len(retried_confirms)} confirmations retried",
                ),
                ("every accepted sign stored", accepted <= stored, f"{len(stored)} rows"),
                ("no partial rows (each signature has its mail task)", not partial, partial[:3]),
                (
                    "count exact after recovery",
                    p.signature_count == actual == confirmed,
                    f"stored {p.signature_count}, counted {actual}, confirmed {confirmed}",
                ),
                ("recount repaired nothing", "already exact" in recount, recount[-60:]),
            ],
            detail="first database-backed page served after the restart",
        )

    def fold_killed(self):
        say("fold-killed: SIGKILL the count sweeper inside a fold")
        from django.db import connections, transaction

        from pledges.models import Pledge, PledgeCountDelta, Update
        from signatures.models import Signature

        stop(self.sweeper)
        stop(self.worker)  # its follow-up flush tasks would fold before the sweeper does
        pledge = Pledge.objects.get(campaign__slug=self.campaign, slug=self.pledges[2])
        emails = self.accepted(self.sign(12, pledge=2))
        paths = [confirm_path(s) for s in Signature.objects.filter(email_normalized__in=emails)]
        connections.close_all()
        held, release, milestone_in, rollback = (threading.Event() for _ in range(4))

        def hold_pledge_row():  # as a fold elsewhere would: confirmations leave their deltas
            with transaction.atomic():
                locked = Pledge.objects.select_for_update(no_key=True).filter(pk=pledge.pk)
                list(locked.values_list("pk"))
                held.set()
                release.wait(30)
            connections.close_all()

        def hold_milestone():  # makes the sweeper's fold wait just before it commits
            try:
                with transaction.atomic():
                    Update.objects.create(
                        pledge=pledge, kind=Update.Kind.MILESTONE, milestone=10,
                        title="held", created_at=pledge.created_at,
                    )  # fmt: skip
                    milestone_in.set()
                    rollback.wait(30)
                    raise _RolledBack
            except _RolledBack:
                pass
            finally:
                connections.close_all()

        holder = threading.Thread(target=hold_pledge_row)
        holder.start()
        held.wait(10)
        statuses = [request(self.port, "POST", path)[0] for path in paths]
        release.set()
        holder.join()
        before = PledgeCountDelta.objects.filter(pledge=pledge).count()
        blocker = threading.Thread(target=hold_milestone)
        blocker.start()
        milestone_in.wait(10)
        self.start_sweeper()
        waiting, _ = wait_until(
            lambda: (
                self.pg.sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query ILIKE '%INSERT INTO%pledges_update%'"
                )
                != "0"
            ),
            seconds=10,
        )
        kill(self.sweeper)
        killed_at = time.monotonic()
        rollback.set()
        blocker.join()
        after_kill = PledgeCountDelta.objects.filter(pledge=pledge).count()
        count_after_kill = Pledge.objects.get(pk=pledge.pk).signature_count
        self.start_sweeper()
        self.start_worker()
        _, _ = wait_until(
            lambda: not PledgeCountDelta.objects.filter(pledge=pledge).exists(), seconds=15
        )
        recovered = time.monotonic() - killed_at
        pledge.refresh_from_db()
        actual = pledge.signatures.filter(status=Signature.Status.CONFIRMED).count()
        milestones = Counter(
            Update.objects.filter(pledge=pledge, kind=Update.Kind.MILESTONE).values_list(
                "milestone", flat=True
            )
        )
        self.record(
            "count sweeper SIGKILLed inside a fold",
            f"1 fold of {before} deltas",
            actual - pledge.signature_count,
            0,
            recovered,
            [
                ("confirmations answered", all(map(ok, statuses)), Counter(statuses)),
                ("deltas pending before the fold", before == len(paths), f"{before}"),
                ("the sweeper was killed inside its fold", bool(waiting), "waiting on a lock"),
                (
                    "the killed fold rolled back whole",
                    after_kill == before and count_after_kill == 0,
                    f"{after_kill} deltas pending, count {count_after_kill}",
                ),
                (
                    "count exact after the sweeper restarts",
                    pledge.signature_count == actual == len(paths),
                    f"stored {pledge.signature_count}, counted {actual}",
                ),
                ("the milestone posted once", milestones == {10: 1}, dict(milestones)),
            ],
        )


class _RolledBack(Exception):
    pass


FAULTS = {
    "mail-worker-killed": Run.mail_worker_killed,
    "smtp-down": Run.smtp_down,
    "redis-stopped": Run.redis_stopped,
    "postgres-restart": Run.postgres_restart,
    "fold-killed": Run.fold_killed,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(FAULTS), help="comma-separated faults")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument(
        "--plain-worker", action="store_true", help="run db_worker (no lease) instead"
    )
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(chosen) - set(FAULTS)
    if unknown:
        parser.error(f"unknown fault(s): {', '.join(sorted(unknown))}")
    run = Run(args)
    started = time.monotonic()
    try:
        run.start()
        for name in chosen:
            FAULTS[name](run)
        # Killed ones were replaced; anything else that exited did so on its own.
        current = [run.worker, run.sweeper, run.app, run.smtp.process, run.redis.process]
        died = [p.log_path.stem for p in current if p is not None and p.poll() is not None]
        if died:
            say(f"FAIL: exited on their own during the run: {died}")
            run.results.append(
                {
                    "fault": "processes exited",
                    "in_flight": "",
                    "lost": 0,
                    "duplicated": 0,
                    "recovered": 0,
                    "passed": False,
                    "detail": str(died),
                }
            )
    finally:
        run.close()
    say(f"Summary ({time.monotonic() - started:.0f} s)")
    width = max(len(r["fault"]) for r in run.results)
    for r in run.results:
        note(
            f"{'PASS' if r['passed'] else 'FAIL'}  {r['fault']:<{width}}  in flight: "
            f"{r['in_flight']}; lost {r['lost']}, duplicated {r['duplicated']}, "
            f"recovered in {r['recovered']:.1f} s"
        )
    if args.markdown:
        print("\n| fault | requests in flight | lost | duplicated | recovered in |")
        print("| --- | --- | --- | --- | --- |")
        for r in run.results:
            print(
                f"| {r['fault']} | {r['in_flight']} | {r['lost']} | {r['duplicated']} | "
                f"{r['recovered']:.1f} s |"
            )
    return 0 if run.results and all(r["passed"] for r in run.results) else 1


if __name__ == "__main__":
    sys.exit(main())
