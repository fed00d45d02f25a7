from django.conf import settings
from django.core.checks import Warning, register


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
