"""Organizer sessions: passwordless, separate from staff accounts."""

from functools import wraps

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode

from organizers.models import Organizer, PledgeOrganizer

SESSION_KEY = "organizer_id"


def organizer_login(request, organizer: Organizer) -> None:
    request.session.cycle_key()  # a new session id at sign-in: no fixation
    request.session[SESSION_KEY] = organizer.pk


def organizer_logout(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current_organizer(request) -> Organizer | None:
    organizer_id = request.session.get(SESSION_KEY)
    if organizer_id is None:
        return None
    return Organizer.objects.filter(pk=organizer_id).first()


def organizer_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        organizer = current_organizer(request)
        if organizer is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('organizers:signin')}?{query}")
        request.organizer = organizer
        return view(request, *args, **kwargs)

    return wrapper


def membership_or_404(request, pledge_id: int) -> PledgeOrganizer:
    """The signed-in organizer's membership of this pledge. Someone else's pledge is a 404,
    so an outsider cannot even learn that it exists."""
    return get_object_or_404(
        PledgeOrganizer.objects.select_related("pledge__campaign", "pledge__institution"),
        organizer=request.organizer,
        pledge_id=pledge_id,
    )
