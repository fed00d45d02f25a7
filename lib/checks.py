from django.conf import settings
from django.core.checks import Warning, register
from django.core.exceptions import ImproperlyConfigured

NO_REAL_KEY_MESSAGE = (
    "SECRET_KEY is not set, and DEBUG is off: the site would sign links, sessions and "
    "proof-of-work challenges with the development key printed in its source code. Set the "
    "SECRET_KEY environment variable to a long random value (python3 -c 'import secrets; "
    "print(secrets.token_urlsafe(60))'), or DEBUG=1 for development."
)


def secret_key_problem() -> str:
    """Why this process must not serve requests, or "" when the key is fine."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return NO_REAL_KEY_MESSAGE
    return ""


def require_secret_key() -> None:
    """Called where the site starts serving (pledgeline/wsgi.py): refuse the public key."""
    problem = secret_key_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits, burst detection and proof-of-work replay protection live in the cache:
    with one cache per process they stop working once there is more than one process."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is per process, so rate limits and proof-of-work replay "
                "protection are not shared between app servers and workers.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0).",
                id="pledgeline.W001",
            )
        ]
    return []
