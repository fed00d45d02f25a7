import base64
import os
import random
import time
from datetime import timedelta
from io import StringIO

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from campaigns.models import Campaign
from institutions.models import Institution
from lib.privacy import email_digest
from pledges.models import Pledge
from signatures.counts import pledge_recount
from signatures.models import Signature

COLUMNS = [
    "pledge_id", "name", "email", "email_normalized", "email_digest", "email_state",
    "email_domain", "ip_hash", "user_agent_hash", "abuse_data", "verification",
    "affiliation", "display", "contact_opt_in", "status", "token", "confirmation_sends",
    "is_demo", "created_at", "last_sent_at", "confirmed_at",
]  # fmt: skip
COUNTRIES = ["GB", "US", "CA", "IE", "DE", "FR", "NL", "AU"]


class Command(BaseCommand):
    help = (
        "Load a campaign of many live pledges and many signatures for load tests "
        "(COPY on PostgreSQL, bulk inserts on SQLite). Benchmark data only: never on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", default="bench")
        parser.add_argument("--pledges", type=int, default=1000)
        parser.add_argument("--signatures", type=int, default=1_000_000)
        parser.add_argument("--confirmed-share", type=float, default=0.9)
        parser.add_argument("--seed", type=int, default=5)

    def handle(self, *args, campaign, pledges, signatures, confirmed_share, seed, **options):
        started = time.perf_counter()
        rng = random.Random(seed)
        pledge_ids = self.pledges(campaign, pledges)
        self.stdout.write(f"{len(pledge_ids)} live pledges in campaign “{campaign}”")
        if signatures:
            loaded = self.signatures(pledge_ids, signatures, confirmed_share, rng)
            self.stdout.write(
                f"{loaded:,} signatures loaded in {time.perf_counter() - started:.1f} s"
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {Signature._meta.db_table}")
        counted = time.perf_counter()
        fixed = pledge_recount(pledge_ids=pledge_ids)
        self.stdout.write(
            f"Counts and milestones set for {len(fixed)} pledge(s) in "
            f"{time.perf_counter() - counted:.1f} s"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Seeded in {time.perf_counter() - started:.1f} s in all.")
        )

    def pledges(self, slug, how_many):
        campaign, _ = Campaign.objects.get_or_create(
            slug=slug,
            defaults={
                "title": "Load test: we won't work for the target",
                "hashtag": "#LoadTest",
                "summary": "A campaign made by the benchmark.",
                "pledge_text": "We will not work for the target while it works for the agency.",
                "why_it_matters": "Because the benchmark needs a page with real content.",
                "status": Campaign.Status.LIVE,
            },
        )
        existing = set(
            Pledge.objects.filter(campaign=campaign).values_list("institution__slug", flat=True)
        )
        institutions = [
            Institution(
                name=f"Load Test University {n:04d}",
                slug=f"{slug}-university-{n:04d}",
                country=COUNTRIES[n % len(COUNTRIES)],
                city=f"City {n}",
            )
            for n in range(1, how_many + 1)
            if f"{slug}-university-{n:04d}" not in existing
        ]
        Institution.objects.bulk_create(institutions, ignore_conflicts=True)
        by_slug = dict(
            Institution.objects.filter(slug__startswith=f"{slug}-university-").values_list(
                "slug", "pk"
            )
        )
        Pledge.objects.bulk_create(
            [
                Pledge(
                    campaign=campaign,
                    institution_id=by_slug[institution.slug],
                    slug=f"p-{n:04d}",
                    target_line=f"To: {institution.name} students and academics",
                    status=Pledge.Status.LIVE,
                    published_at=timezone.now(),
                )
                for n, institution in enumerate(institutions, start=1)
            ],
            ignore_conflicts=True,
        )
        return list(
            Pledge.objects.filter(campaign=campaign).order_by("slug").values_list("pk", flat=True)
        )

    def rows(self, pledge_ids, how_many, confirmed_share, rng):
        now = timezone.now()
        secrets = base64.urlsafe_b64encode(os.urandom(18 * how_many)).decode()
        for n in range(how_many):
            # Skewed like real campaigns: a few big campuses, a long tail of small ones.
            pledge_id = pledge_ids[int(len(pledge_ids) * rng.random() ** 3)]
            confirmed = rng.random() < confirmed_share
            created = now - timedelta(seconds=how_many - n)
            email = f"seed-{n}@seed.example"
            yield (
                pledge_id,
                f"Seeded Signer {n}",
                email,
                email,
                email_digest(email),  # what a real sign stores, so dedupe works the same
                Signature.EmailState.KEPT,
                "seed.example",
                "",
                "",
                Signature.AbuseData.PRUNED,
                Signature.Verification.NONE,
                "student",
                "initial",
                n % 3 == 0,
                "confirmed" if confirmed else "pending",
                secrets[24 * n : 24 * n + 24],
                1,
                True,
                created,
                created,
                created + timedelta(seconds=30) if confirmed else None,
            )

    def signatures(self, pledge_ids, how_many, confirmed_share, rng):
        table = Signature._meta.db_table
        rows = self.rows(pledge_ids, how_many, confirmed_share, rng)
        done = 0
        if connection.vendor == "postgresql":
            copy_sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
            with transaction.atomic(), connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
                buffer = StringIO()
                for row in rows:
                    buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
                    done += 1
                    if done % 100_000 == 0:
                        copy.write(buffer.getvalue())
                        buffer = StringIO()
                        self.stdout.write(f"  {done:,} / {how_many:,}")
                copy.write(buffer.getvalue())
            return done
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608
        batch = []
        with transaction.atomic(), connection.cursor() as cursor:
            for row in rows:
                batch.append(row)
                done += 1
                if len(batch) == 20_000:
                    cursor.executemany(sql, batch)
                    batch = []
                if done % 100_000 == 0:
                    self.stdout.write(f"  {done:,} / {how_many:,}")
            if batch:
                cursor.executemany(sql, batch)
        return done


def _copy_value(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
