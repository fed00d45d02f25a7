from django.conf import settings

from lib.i18n import language_links


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}


def languages(request):
    """The current page in every language, for the switch and hreflang links (base.html)."""
    return {"language_links": language_links(request)}
