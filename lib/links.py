from django.conf import settings


def absolute(path: str) -> str:
    """The full address of a path on this site (links in mail, API and webhook bodies)."""
    return settings.SITE_URL + path
