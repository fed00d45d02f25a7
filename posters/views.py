"""A pledge's poster (PDF, A4 or US Letter) and its QR code alone (SVG, PNG).

Public like the pledge page: an organizer links them from the dashboard, anyone may print
one from the pledge page. A rendered poster is kept in the cache for a few minutes per
pledge, size and count, so a link passed round cannot make us render the same PDF over and
over."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from pledges.selectors import pledge_for_page
from posters.render import PAPER_SIZES, poster_pdf, qr_png, qr_svg

POSTER_CACHE_SECONDS = 600


def _download(body: bytes, content_type: str, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def poster(request, campaign_slug, pledge_slug, size):
    if size not in PAPER_SIZES:
        raise Http404
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    key = (
        f"poster:{pledge.pk}:{size}:{pledge.signature_count}:{pledge.paper_count}:{get_language()}"
    )
    body = cache.get(key)
    if body is None:
        body = poster_pdf(pledge=pledge, size=size)
        cache.set(key, body, POSTER_CACHE_SECONDS)
    return _download(body, "application/pdf", f"poster-{pledge.slug}-{size}.pdf", attachment=False)


@require_safe
def qr(request, campaign_slug, pledge_slug, kind):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    if kind == "svg":
        return _download(
            qr_svg(pledge=pledge), "image/svg+xml", f"qr-{pledge.slug}.svg", attachment=True
        )
    return _download(qr_png(pledge=pledge), "image/png", f"qr-{pledge.slug}.png", attachment=True)
