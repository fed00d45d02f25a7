"""Load the demo campaign: idempotent, deterministic, clearly fictional signers."""

import datetime
import random
import zoneinfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from actions.models import ActionDay
from actions.services import action_day_create, local_action_save
from actions.timezones import zone_for_place
from campaigns.models import Campaign, Contract, Resource, Target, TimelineEntry
from demo.content.action_day import ACTION_DAY, LOCAL_ACTIONS
from demo.content.campaign import (
    CAMPAIGN,
    CAMPAIGN_ES,
    CONTRACTS,
    RESOURCES,
    TARGET_LINE_ES,
    TIMELINE,
)
from demo.content.campuses import DEMO_FIRST_NAMES, DEMO_LAST_NAMES, INSTITUTIONS, PLEDGES
from institutions.models import Institution, InstitutionAlias, InstitutionDomain
from institutions.services import institution_index
from pledges.counts import update_record_milestones
from pledges.models import Pledge, Update, milestones_between
from signatures.counts import pledge_recount
from signatures.models import Signature

DEMO_EMAIL_DOMAIN = "demo.pledgeline.invalid"  # .invalid can never receive mail
SIGNING_WINDOW = (
    datetime.datetime(2019, 9, 2, 9, 0, tzinfo=datetime.UTC),
    datetime.datetime(2019, 11, 25, 21, 0, tzinfo=datetime.UTC),
)


def demo_load(*, log=print) -> Campaign:
    rng = random.Random(20191127)  # same demo every time
    with transaction.atomic():
        campaign = _campaign(log)
        institutions = {data["name"]: _institution(data) for data in INSTITUTIONS}
        pledge_slugs = {
            data["name"]: slugify(data.get("short_name") or data["name"]) for data in INSTITUTIONS
        }
        for name, spec in PLEDGES.items():
            pledge = _pledge(campaign, institutions[name], slug=pledge_slugs[name])
            created = _demo_signers(pledge, spec["demo_signers"], rng)
            for post in spec.get("organizer_posts", []):
                Update.objects.get_or_create(
                    pledge=pledge,
                    kind=Update.Kind.ORGANIZER,
                    title=post["title"],
                    defaults={"body": post["body"], "link": post["link"], "created_at": post["at"]},
                )
            log(f"  {name}: {pledge.signature_count} signatures ({created} new demo signers)")
        _action_day(campaign, log)
    return campaign


def _action_day(campaign, log) -> ActionDay:
    """The demo's day of action, on a Wednesday three weeks or so after the first load, with
    actions at a few campuses. Loading again leaves it as it is."""
    data = ACTION_DAY
    day = ActionDay.objects.filter(campaign=campaign, slug=data["slug"]).first()
    if day is None:
        date = timezone.localdate() + datetime.timedelta(days=21)
        if (date.month, date.day) >= (12, 15) or (date.month, date.day) <= (1, 10):
            # Not in the winter break, when campuses are empty: the middle of January.
            date = datetime.date(date.year + (date.month == 12), 1, 12)
        date += datetime.timedelta(days=(2 - date.weekday()) % 7)
        day = action_day_create(campaign=campaign, date=date, **data)
    for name, spec in LOCAL_ACTIONS.items():
        pledge = Pledge.objects.select_related("institution").get(
            campaign=campaign, institution__name=name
        )
        institution = pledge.institution
        zone = zone_for_place(
            country=institution.country,
            latitude=institution.latitude,
            longitude=institution.longitude,
        )
        tz = zoneinfo.ZoneInfo(zone)
        times = {
            key: datetime.datetime.combine(
                day.date, datetime.time.fromisoformat(spec[key]), tzinfo=tz
            )
            for key in ("start", "end")
        }
        fields = {k: v for k, v in spec.items() if k not in ("start", "end")}
        local_action_save(
            action_day=day,
            pledge=pledge,
            starts_at=times["start"],
            ends_at=times["end"],
            time_zone=zone,
            **fields,
        )
    log(f"Day of action {day.title!r} on {day.date}: {len(LOCAL_ACTIONS)} campuses")
    return day


# The day of the demo's last signatures, two days before the FALCON renewal.
DEMO_AS_OF = datetime.date(2019, 11, 25)

# The demo shows conditional pledges: each campus binds once this many people there have
# signed. Two campuses are a few signatures short, so confirming them shows a pledge bind.
DEMO_BINDING_RANGE = (5, 200)
DEMO_BINDING_THRESHOLD = 25
DEMO_BINDING_THRESHOLDS = {"University College London": 5, "Carnegie Mellon University": 10}


def _campaign(log) -> Campaign:
    data = CAMPAIGN
    campaign, created = Campaign.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "hashtag": data["hashtag"],
            "summary": data["summary"],
            "pledge_text": data["pledge_text"],
            "why_it_matters": data["why_it_matters"],
            "target_line_template": data["target_line_template"],
            "status": Campaign.Status.LIVE,
            "is_demo": True,
            "demo_as_of": DEMO_AS_OF,
        },
    )
    # Demos loaded before these fields existed get them too.
    Campaign.objects.filter(pk=campaign.pk).update(
        is_demo=True,
        demo_as_of=DEMO_AS_OF,
        conditional=True,
        binding_threshold_min=DEMO_BINDING_RANGE[0],
        binding_threshold_max=DEMO_BINDING_RANGE[1],
        goal_signatures=data["goal_signatures"],
        goal_campuses=data["goal_campuses"],
        **CAMPAIGN_ES,
    )
    campaign.refresh_from_db()
    log(f"Campaign {campaign.title!r}: {'created' if created else 'already there'}")
    if created:
        target = Target.objects.create(
            campaign=campaign, name=data["target_name"], url=data["target_url"]
        )
        for contract in CONTRACTS:
            Contract.objects.create(target=target, **contract)
        TimelineEntry.objects.bulk_create(
            TimelineEntry(campaign=campaign, **entry) for entry in TIMELINE
        )
        Resource.objects.bulk_create(
            Resource(campaign=campaign, position=i, **resource)
            for i, resource in enumerate(RESOURCES)
        )
    return campaign


def _institution(data) -> Institution:
    details = {
        "short_name": data.get("short_name", ""),
        "country": data["country"],
        "city": data.get("city", ""),
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
    }
    # The directory may have been imported first: reuse the institution owning the domain.
    known = InstitutionDomain.objects.filter(domain__in=data.get("domains", [])).first()
    if known:
        institution = known.institution
        changes = {key: value for key, value in details.items() if not getattr(institution, key)}
        if institution.name != data["name"]:
            # The demo's name is the one people know; the directory's stays searchable.
            InstitutionAlias.objects.get_or_create(institution=institution, name=institution.name)
            changes["name"] = data["name"]
        if changes:
            Institution.objects.filter(pk=institution.pk).update(**changes)
            institution.refresh_from_db()
    else:
        institution, _ = Institution.objects.get_or_create(
            slug=slugify(data.get("short_name") or data["name"]),
            defaults={"name": data["name"], **details},
        )
    for domain in data.get("domains", []):
        InstitutionDomain.objects.get_or_create(
            domain=domain, defaults={"institution": institution}
        )
    institution_index(institution_ids=[institution.pk])
    return institution


def _pledge(campaign, institution, *, slug) -> Pledge:
    pledge, _ = Pledge.objects.get_or_create(
        campaign=campaign,
        slug=slug,
        defaults={
            "institution": institution,
            "target_line": campaign.target_line_for(institution.name),
            "target_line_es": TARGET_LINE_ES.replace("{institution}", institution.name),
            "status": Pledge.Status.LIVE,
            "published_at": SIGNING_WINDOW[0],
            "binding": Pledge.Binding.NOT_YET,
            "binding_threshold": DEMO_BINDING_THRESHOLDS.get(
                institution.name, DEMO_BINDING_THRESHOLD
            ),
        },
    )
    return pledge


def _demo_signers(pledge, how_many, rng) -> int:
    existing = pledge.signatures.filter(is_demo=True).count()
    if existing >= how_many:
        return 0
    start, end = SIGNING_WINDOW
    span = (end - start).total_seconds()
    times = sorted(start + datetime.timedelta(seconds=rng.random() * span) for _ in range(how_many))
    displays = [
        Signature.Display.FIRST_NAME_INITIAL,
        Signature.Display.FIRST_NAME_INITIAL,
        Signature.Display.FULL_NAME,
        Signature.Display.ANONYMOUS,
    ]
    affiliations = ["student"] * 6 + ["faculty", "staff", "alumni", "other"]
    # Where demo signers came from, for the organizer's chart (its own generator, so the
    # names and times stay what they were).
    sources = ["", "", "", "poster", "poster", "qr", "share-whatsapp", "share-link"]
    source_rng = random.Random(f"sources-{pledge.slug}")
    signatures = []
    for n in range(existing, how_many):
        name = f"{rng.choice(DEMO_FIRST_NAMES)} {rng.choice(DEMO_LAST_NAMES)}"
        email = f"demo-{pledge.slug}-{n}@{DEMO_EMAIL_DOMAIN}"
        signatures.append(
            Signature(
                pledge=pledge,
                name=name,
                email=email,
                email_normalized=email,
                affiliation=rng.choice(affiliations),
                display=rng.choice(displays),
                contact_opt_in=rng.random() < 0.4,
                status=Signature.Status.CONFIRMED,
                is_demo=True,
                source=source_rng.choice(sources),
                created_at=times[n] - datetime.timedelta(minutes=rng.randint(1, 90)),
                confirmed_at=times[n],
            )
        )
    Signature.objects.bulk_create(signatures, batch_size=500)
    # A campus past its threshold bound in the past, when its threshold-th signer
    # confirmed: set here so that loading the demo announces nothing and mails nobody.
    if pledge.binding == Pledge.Binding.NOT_YET and pledge.binding_threshold <= how_many:
        Pledge.objects.filter(pk=pledge.pk, binding=Pledge.Binding.NOT_YET).update(
            binding=Pledge.Binding.BOUND, bound_at=times[pledge.binding_threshold - 1]
        )
    # Milestones dated when the demo signer who crossed each one confirmed.
    for threshold in milestones_between(0, how_many):
        update_record_milestones(
            pledge_id=pledge.pk, old=threshold - 1, new=threshold, at=times[threshold - 1]
        )
    pledge_recount(pledge_ids=[pledge.pk])
    pledge.refresh_from_db(fields=["signature_count"])
    return len(signatures)
