"""The page shown when the database cannot be reached: 503, not a stack trace."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger("pledgeline.errors")

# How long browsers and proxies are told to wait before trying again.
RETRY_AFTER_SECONDS = 10


def server_error(request):
    """handler500: Django calls it while handling the exception, so sys.exc_info() is it.

    A database that is down or restarting (connection refused, connection lost mid-request)
    is a temporary outage, not a bug: the visitor is told to try again in a moment. Each
    request is one transaction, so nothing half-written was kept.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, (OperationalError, InterfaceError)):
        logger.error("error answering %s %s", request.method, request.path, exc_info=error)
        return defaults.server_error(request)
    logger.warning("database unavailable: %s", error)
    # No request context: the context processors could need the database too.
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
