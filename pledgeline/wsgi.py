import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pledgeline.settings")
django_application = get_wsgi_application()

from lib.checks import require_secret_key  # noqa: E402 (needs the settings loaded above)
from lib.pagecache import CachedPages  # noqa: E402

require_secret_key()  # no serving on the development key with DEBUG off

application = CachedPages(django_application)
