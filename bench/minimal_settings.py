"""The project's settings with no middleware and one URL: the minimal Django view ceiling."""

from pledgeline.settings import *  # noqa: F403

ROOT_URLCONF = "bench.minimal_django"
MIDDLEWARE: list[str] = []
