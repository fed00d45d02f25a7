from django.shortcuts import render

from lib.ratelimit import RateLimited, retry_after


def render_rate_limited(request, error: RateLimited, *, template="429.html", context=None):
    response = render(
        request,
        template,
        {"retry_after_minutes": error.retry_after_minutes, **(context or {})},
        status=429,
    )
    return retry_after(response, error)


class RateLimitMiddleware:
    """Turn RateLimited raised anywhere in a view into a plain "try again in N minutes" page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return render_rate_limited(request, exception)
        return None
