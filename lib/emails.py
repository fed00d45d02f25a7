"""One way to send mail: subject / text / html templates rendered together.

Each mail is written in its recipient's language (`language=`, stored on the signature,
organizer, invitation or sign-up); staff mail uses the site's default. Links to pages
belong in that language too: a task builds its context inside `in_language(language)`.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger("pledgeline.mail")

# What a mail server or the network can throw that is worth trying again.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


def _render_plain(name: str, context: dict) -> str:
    """Render a subject or plain-text body without HTML escaping: in a subject line
    "King's College & Co" must not arrive as "King&#x27;s College &amp; Co"."""
    return Engine.get_default().get_template(name).render(Context(context, autoescape=False))


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = _render_plain(f"emails/{template}_subject.txt", context)
    subject = " ".join(subject.split())  # a header must be one line
    text = _render_plain(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def in_language(language: str | None):
    """Render (and reverse URLs) in this language; the site's default when not given."""
    return translation.override(language or settings.LANGUAGE_CODE)


def send_email(
    *,
    template: str,
    to: str,
    context: dict,
    headers: dict | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    language: str | None = None,
) -> None:
    """`attachments`: (filename, content, MIME type) each, e.g. an .ics calendar file.
    `language`: the recipient's (stored on them); the site's default when not given."""
    with in_language(language):
        subject, text, html = render_email(template, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)


def retry_or_raise(task, *, attempt: int, error: Exception, **kwargs) -> None:
    """Enqueue `task` again with exponential back-off, or re-raise once attempts run out.

    Re-raising marks the task FAILED in the queue with its traceback, so a mail that could
    not be delivered is visible to staff instead of silently lost.
    """
    if attempt >= settings.MAIL_MAX_ATTEMPTS:
        logger.error("%s gave up after %s attempts: %s", task.name, attempt, error)
        raise error
    delay = timedelta(seconds=settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1))
    logger.warning("%s attempt %s failed (%s); retrying in %s", task.name, attempt, error, delay)
    task.using(run_after=timezone.now() + delay).enqueue(attempt=attempt + 1, **kwargs)


def send_email_or_retry(task, *, attempt: int, task_kwargs: dict, **email) -> str:
    """Send from inside a mail task; on a transient failure enqueue the task again."""
    try:
        send_email(**email)
    except TRANSIENT_MAIL_ERRORS as error:
        retry_or_raise(task, attempt=attempt, error=error, **task_kwargs)
        return "retrying"
    return "sent"
