"""Cross-site request forgery protection without a token, for forms on cached pages.

A token in the form would make every copy of the page different, so the pledge page
could not be cached for everyone. Instead the sign view refuses a POST that a browser
says came from another site: browsers send `Sec-Fetch-Site` (all current ones) and
`Origin` (on every cross-origin POST), and a page on another site cannot remove or forge
either. A request with neither header does not come from a current browser acting for a
visitor (curl, a script), and signing uses no cookie or session, so there is no visitor's
authority to borrow; such a request is no different from the attacker posting directly,
which rate limits and the email confirmation deal with.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponseForbidden
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

REFUSAL = _(
    "This form can only be sent from this site's own pages. "
    "Go back to the pledge page and sign there."
)


def request_is_same_origin(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def same_origin_post(view):
    """Use instead of Django's token check on forms served from the shared page cache."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not request_is_same_origin(request):
            return HttpResponseForbidden(REFUSAL, content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)

    return wrapped
