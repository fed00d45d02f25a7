"""Which language a visitor reads, and the links between a page's languages.

English pages keep their unprefixed addresses and Spanish ones live under /es/. The
address decides the language; a visitor's stored choice (the language cookie, set by the
switch on every page) or, on a first visit, the browser's Accept-Language only decides
whether an English address sends them on to the same page in their language. The page
cache (lib/pagecache.py) asks `wanted_language` too, so it never serves the English copy
to someone who is about to be redirected.
"""

from http.cookies import SimpleCookie
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_supported_language_variant,
    override,
)
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    """The active language as one of LANGUAGES (what a signer was reading when they signed)."""
    return _supported(get_language() or "") or settings.LANGUAGE_CODE


def language_field():
    """The language a person reads: every e-mail to them is written in it."""
    return models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        # Rows written without the ORM (bulk loads, raw inserts) get it too.
        db_default=settings.LANGUAGE_CODE,
        help_text=_("E-mails to this person are written in this language."),
    )


def localized(obj, field: str) -> str:
    """A text staff or organizers wrote, in the reader's language when given in it
    (`<field>_es`), else as written (the campaign's own language)."""
    language = get_language()
    if language and language != settings.LANGUAGE_CODE:
        translated = getattr(obj, f"{field}_{language.split('-')[0]}", "")
        if translated and translated.strip():
            return translated
    return getattr(obj, field)


def language_prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def localized_paths(paths) -> list[str]:
    """Every language's copy of these unprefixed paths (for cache invalidation)."""
    return [language_prefix(code) + path for path in paths for code in LANGUAGE_CODES]


def _supported(code: str) -> str | None:
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def wanted_language(cookie_header: str, accept_language: str) -> str | None:
    """The visitor's chosen language (cookie), else the browser's first supported one."""
    if cookie_header and settings.LANGUAGE_COOKIE_NAME in cookie_header:
        try:
            morsel = SimpleCookie(cookie_header).get(settings.LANGUAGE_COOKIE_NAME)
        except Exception:  # a malformed Cookie header is the visitor's problem, not ours
            morsel = None
        if morsel is not None and (chosen := _supported(morsel.value)):
            return chosen
    for code, _quality in parse_accept_lang_header(accept_language or ""):
        if code == "*":
            break
        if chosen := _supported(code):
            return chosen
    return None


def needs_redirect(path: str, *, accept: str, cookie: str, accept_language: str) -> str | None:
    """The language an unprefixed (English) address should send this visitor to, if any.

    Only pages are redirected: a script fetching count.json gets it where it asked.
    """
    if "text/html" not in accept or get_language_from_path(path):
        return None
    wanted = wanted_language(cookie, accept_language)
    if wanted and wanted != settings.LANGUAGE_CODE:
        return wanted
    return None


class FirstVisitLanguageMiddleware:
    """Send a browser that prefers another language from an English page to its copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            wanted = needs_redirect(
                request.path_info,
                accept=request.headers.get("Accept", ""),
                cookie=request.headers.get("Cookie", ""),
                accept_language=request.headers.get("Accept-Language", ""),
            )
            if wanted:
                target = translate_url(request.get_full_path(), wanted)
                if target != request.get_full_path():
                    response = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        return self.get_response(request)


def language_links(request) -> list[dict]:
    """This page in every language: its address and the switch that remembers the choice."""
    here = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(here, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "switch_url": reverse("language_switch", args=[code]) + f"?next={quote(url)}",
            }
        )
    return links


def language_switch(request, code):
    """Remember the visitor's language and go to the page in it (a plain link: no JS)."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    code = _supported(code) or settings.LANGUAGE_CODE
    # The target's own language must be active for its address to resolve.
    with override(get_language_from_path(target.split("?")[0]) or settings.LANGUAGE_CODE):
        target = translate_url(target, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    response["Cache-Control"] = "private, no-store"
    return response
