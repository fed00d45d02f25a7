from django.db.models import Q

from institutions.models import Institution


def _domain_candidates(query: str) -> list[str]:
    """ "ada@cl.cam.ac.uk" or "cl.cam.ac.uk" → ["cl.cam.ac.uk", "cam.ac.uk", "ac.uk"]."""
    domain = query.rsplit("@", 1)[-1].strip().lower().strip(".")
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def institution_search(*, query: str, limit: int = 20, campaign=None) -> list[Institution]:
    """Active institutions whose name contains `query`, or that own the domain typed."""
    query = " ".join(query.split())
    if not query:
        return []
    match = Q(name__icontains=query) | Q(short_name__icontains=query)
    if "." in query:
        match |= Q(domains__domain__in=_domain_candidates(query))
    ids = (
        Institution.objects.filter(match, status=Institution.Status.ACTIVE)
        .values_list("pk", flat=True)
        .distinct()
    )
    return list(Institution.objects.filter(pk__in=ids).order_by("name")[:limit])
