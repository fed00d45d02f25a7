"""A minimal Django view that stores one signature row: what Django itself costs here.

Served by gunicorn with the project's settings but no middleware (bench.minimal_settings),
it takes the same sign form the signers send, writes the row with the ORM in one
transaction and answers 302, as the real sign view does. Between the raw insert ceiling
(no HTTP, no Django) and our sign view, it shows how much of the distance is Django's and
how much is ours. Its rows carry a marker address and are deleted after the phase.
"""

import os
import secrets

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.minimal_settings"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.db import transaction  # noqa: E402
from django.http import HttpResponse, HttpResponseRedirect  # noqa: E402
from django.urls import re_path  # noqa: E402
from django.utils import timezone  # noqa: E402

from pledges.models import Pledge  # noqa: E402
from signatures.models import Signature  # noqa: E402

MARKER = "minimal-django-"
_pledge_ids: dict[str, int] = {}


def _pledge_id(slug: str) -> int:
    # Looked up once per process, as the real view remembers the pledge it signs.
    if slug not in _pledge_ids:
        _pledge_ids[slug] = Pledge.objects.values_list("pk", flat=True).get(slug=slug)
    return _pledge_ids[slug]


def insert(request, campaign, slug):
    if request.method != "POST":
        return HttpResponse(status=405)
    email = MARKER + request.POST["email"]
    digest = secrets.token_hex(32)
    now = timezone.now()
    with transaction.atomic():
        Signature.objects.create(
            pledge_id=_pledge_id(slug),
            name=request.POST["name"],
            email=email,
            email_normalized=email,
            email_digest=digest,
            email_domain=email.rsplit("@", 1)[-1],
            ip_hash=digest[:32],
            user_agent_hash=digest[32:],
            affiliation=request.POST.get("affiliation", "student"),
            display=request.POST.get("display", "initial"),
            contact_opt_in=bool(request.POST.get("contact_opt_in")),
            created_at=now,
            last_sent_at=now,
        )
    return HttpResponseRedirect(f"/c/{campaign}/{slug}/check-email/")


urlpatterns = [re_path(r"^c/(?P<campaign>[^/]+)/(?P<slug>[^/]+)/sign/$", insert)]
