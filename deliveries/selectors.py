"""What a delivery pack holds: public data only, counted afresh from the signatures."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from campaigns.models import Campaign
from lib.countries import COUNTRY_NAMES
from pledges.models import Pledge
from signatures.models import Signature, verified_student_q

CONFIRMED = Q(signatures__status=Signature.Status.CONFIRMED)


@dataclass
class CampusTotals:
    pledge: Pledge
    online: int
    verified_students: int
    # Paper signatures are not recorded on this site yet: None says "none recorded", and
    # the pack keeps their column apart from the on-line one for when they are.
    paper: int | None = None
    names: list[str] = field(default_factory=list)


@dataclass
class CountryTotals:
    country: str
    name: str
    campuses: int
    online: int
    verified_students: int
    paper: int | None = None


@dataclass
class DeliveryPack:
    campaign: Campaign
    campuses: list[CampusTotals]
    countries: list[CountryTotals]
    online: int
    verified_students: int
    paper: int | None
    name_count: int
    targets: list[str]


def delivery_pack(*, campaign, pledge: Pledge | None = None) -> DeliveryPack:
    """The pack of a campaign's public pledges, or of one of them (an organizer's own).

    Names are those signers chose to show, as the public pages show them
    (Signature.public_name); signers who chose "Anonymous" are counted, not named.
    """
    pledges = Pledge.objects.public().filter(campaign=campaign)
    if pledge is not None:
        pledges = pledges.filter(pk=pledge.pk)
    pledges = (
        pledges.select_related("institution")
        .annotate(
            online=Count("signatures", filter=CONFIRMED),
            verified=Count("signatures", filter=CONFIRMED & verified_student_q("signatures__")),
        )
        .order_by("institution__country", "institution__name", "pk")
    )
    campuses = {
        p.pk: CampusTotals(pledge=p, online=p.online, verified_students=p.verified) for p in pledges
    }
    shown = (
        Signature.objects.filter(pledge_id__in=campuses, status=Signature.Status.CONFIRMED)
        .exclude(display=Signature.Display.ANONYMOUS)
        .only("pledge_id", "name", "display")  # never the email
        .order_by("pledge_id", "confirmed_at", "pk")
    )
    name_count = 0
    for signature in shown.iterator(chunk_size=2000):
        name = signature.public_name
        if name != "Anonymous":  # a name made only of an address shows as Anonymous
            campuses[signature.pledge_id].names.append(name)
            name_count += 1
    countries: dict[str, CountryTotals] = {}
    for campus in campuses.values():
        code = campus.pledge.institution.country
        totals = countries.setdefault(
            code,
            CountryTotals(
                country=code,
                name=COUNTRY_NAMES.get(code, code or "—"),
                campuses=0,
                online=0,
                verified_students=0,
            ),
        )
        totals.campuses += 1
        totals.online += campus.online
        totals.verified_students += campus.verified_students
    return DeliveryPack(
        campaign=campaign,
        campuses=list(campuses.values()),
        countries=sorted(countries.values(), key=lambda c: c.name),
        online=sum(c.online for c in campuses.values()),
        verified_students=sum(c.verified_students for c in campuses.values()),
        paper=None,
        name_count=name_count,
        targets=list(campaign.targets.values_list("name", flat=True)),
    )


def delivery_pack_rows(pack: DeliveryPack):
    """The pack as CSV rows: one per campus, per country, the total, then one per name."""
    paper = "" if pack.paper is None else pack.paper
    for campus in pack.campuses:
        institution = campus.pledge.institution
        yield (
            "campus",
            institution.name,
            institution.country,
            campus.online,
            campus.verified_students,
            "" if campus.paper is None else campus.paper,
            "",
        )
    for country in pack.countries:
        yield (
            "country",
            "",
            country.country,
            country.online,
            country.verified_students,
            "" if country.paper is None else country.paper,
            "",
        )
    yield ("total", "", "", pack.online, pack.verified_students, paper, "")
    for campus in pack.campuses:
        for name in campus.names:
            institution = campus.pledge.institution
            yield ("name", institution.name, institution.country, "", "", "", name)


PACK_CSV_COLUMNS = (
    "row",
    "campus",
    "country",
    "online_signatures",
    "verified_students",
    "paper_signatures",
    "name",
)


def delivery_signers_to_tell(*, campaign) -> list[int]:
    """One signature per address among the campaign's confirmed signers who asked for
    news (the oldest): a person who signed at two campuses gets one mail."""
    firsts: dict[str, int] = {}
    signatures = (
        Signature.objects.filter(
            pledge__campaign=campaign,
            status=Signature.Status.CONFIRMED,
            contact_opt_in=True,
            is_demo=False,  # demo addresses can never receive mail
        )
        .exclude(email_normalized="")
        .order_by("confirmed_at", "pk")
        .values_list("pk", "email_normalized")
    )
    for pk, address in signatures.iterator(chunk_size=2000):
        firsts.setdefault(address, pk)
    return list(firsts.values())
