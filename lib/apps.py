from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lib"
    verbose_name = "Shared helpers"

    def ready(self):
        from lib import (
            checks,  # noqa: F401 (registers the deploy checks)
            converters,
        )

        # Before any URL configuration is read: `<id:...>` in every urls.py.
        converters.register()
