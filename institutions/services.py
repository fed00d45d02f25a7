from django.db import IntegrityError, transaction
from django.utils.text import slugify

from institutions.models import Institution


def institution_propose(*, name: str, country: str, city: str = "") -> Institution:
    """An institution an organizer could not find; staff approve or reject it."""
    name = " ".join(name.split())
    base = slugify(name)[:100] or "institution"
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if Institution.objects.filter(slug=slug).exists():
            continue
        try:
            with transaction.atomic():
                return Institution.objects.create(
                    name=name,
                    slug=slug,
                    country=country,
                    city=" ".join(city.split()),
                    status=Institution.Status.PROPOSED,
                )
        except IntegrityError:  # taken by a concurrent proposal: try the next
            continue
    raise RuntimeError(f"no free slug for {name!r}")


def institution_approve(*, institution: Institution) -> bool:
    return bool(
        Institution.objects.filter(pk=institution.pk, status=Institution.Status.PROPOSED).update(
            status=Institution.Status.ACTIVE
        )
    )


def institution_reject(*, institution: Institution, reason: str) -> bool:
    """Turn down a proposed institution and every pledge still waiting on it."""
    from pledges.models import Pledge
    from pledges.services import pledge_reject

    with transaction.atomic():
        moved = Institution.objects.filter(
            pk=institution.pk, status=Institution.Status.PROPOSED
        ).update(status=Institution.Status.REJECTED)
        if moved:
            waiting = Pledge.objects.filter(
                institution=institution, status__in=[Pledge.Status.DRAFT, Pledge.Status.PENDING]
            )
            for pledge in waiting:
                pledge_reject(pledge=pledge, reason=reason)
    return bool(moved)
