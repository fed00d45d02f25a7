"""Defences against fake signatures: rate limits, bursts, throwaway addresses."""

import logging

from disposable_email_domains import blocklist as DISPOSABLE_DOMAINS
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from lib.privacy import email_domain as domain_of
from lib.ratelimit import RateLimited, ratelimit_hit, ratelimit_hit_and_read
from pledges.counts import pledge_pages_changed

logger = logging.getLogger("pledgeline.abuse")


def email_is_disposable(email: str) -> bool:
    """True for throwaway-mail domains, including their subdomains (x.mailinator.com)."""
    parts = domain_of(email).split(".")
    return any(".".join(parts[i:]) in DISPOSABLE_DOMAINS for i in range(len(parts) - 1))


def reject_disposable_email(email: str, *, message: str) -> str:
    """A form's check: refuse a throwaway address, naming its domain in `message`."""
    if email_is_disposable(email):
        raise ValidationError(message.format(domain=domain_of(email)))
    return email


def sign_rate_limit_hit(*, ip_hash: str = "", email: str = "") -> None:
    """Count one signing attempt per hashed IP and/or per email domain, whichever is given.

    Raises lib.ratelimit.RateLimited. Called by every way in (HTML form, API)."""
    if ip_hash:
        ratelimit_hit(scope="sign-ip", key=ip_hash, rate=settings.RATE_LIMIT_SIGN_PER_IP)
    if email:
        ratelimit_hit(
            scope="sign-domain", key=domain_of(email), rate=settings.RATE_LIMIT_SIGN_PER_DOMAIN
        )


def sign_attempt_record(*, pledge, ip_hash: str) -> bool:
    """Count a signing attempt against its hashed IP and say whether this pledge asks for
    proof of work: one cache round trip for both, as the sign form needs both at once.

    Raises lib.ratelimit.RateLimited (the per-IP limit of sign_rate_limit_hit)."""
    always = pledge.campaign.proof_of_work == pledge.campaign.ProofOfWork.ALWAYS
    _hits, burst = ratelimit_hit_and_read(
        scope="sign-ip",
        key=ip_hash,
        rate=settings.RATE_LIMIT_SIGN_PER_IP,
        read=None if always else _burst_key(pledge.pk),
    )
    return always or bool(burst)


def sign_without_script_allow(*, pledge, ip_hash: str) -> None:
    """Let a browser without JavaScript past the proof of work, within stricter limits.

    Raises lib.ratelimit.RateLimited, which the form shows with the minutes to wait: a
    slower way through, never a dead end. Every signature still needs its email confirmed."""
    ratelimit_hit(
        scope="sign-noscript-ip", key=ip_hash, rate=settings.RATE_LIMIT_SIGN_NOSCRIPT_PER_IP
    )
    ratelimit_hit(
        scope="sign-noscript-pledge",
        key=str(pledge.pk),
        rate=settings.RATE_LIMIT_SIGN_NOSCRIPT_PER_PLEDGE,
    )


def _burst_key(pledge_id: int) -> str:
    return f"pow-burst:{pledge_id}"


def pledge_burst_record(*, pledge_id: int) -> None:
    """Count a new signature; past POW_BURST_PER_MINUTE in a minute the pledge asks for
    proof of work for the next POW_BURST_HOLD_MINUTES."""
    try:
        ratelimit_hit(
            scope="sign-burst",
            key=str(pledge_id),
            rate=f"{max(settings.POW_BURST_PER_MINUTE - 1, 0)}/1m",
        )
    except RateLimited:
        try:
            if cache.add(_burst_key(pledge_id), 1, timeout=settings.POW_BURST_HOLD_MINUTES * 60):
                logger.warning("pledge %s: signing burst, proof of work switched on", pledge_id)
                # Cached copies of the page have no challenge: serve fresh ones from now.
                pledge_pages_changed(pledge_ids=[pledge_id])
        except Exception:  # noqa: BLE001
            logger.exception("cache unavailable: could not switch on proof of work")


def pledge_needs_proof_of_work(*, pledge) -> bool:
    if pledge.campaign.proof_of_work == pledge.campaign.ProofOfWork.ALWAYS:
        return True
    try:
        return bool(cache.get(_burst_key(pledge.pk)))
    except Exception:  # noqa: BLE001
        logger.exception("cache unavailable: proof of work stays as it was configured")
        return False
