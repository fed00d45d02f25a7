import datetime
import re

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from campaigns.models import Campaign, Contract, Target, TimelineEntry
from demo.load import demo_load
from pledges.models import Pledge, Update
from signatures.models import Signature
from tests.builders import a_confirmed_signature, a_live_pledge

pytestmark = pytest.mark.django_db


def quiet(*args):
    pass


def test_the_demo_loads_once_however_often_it_runs(capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert Campaign.objects.count() == 1
    assert Pledge.objects.filter(status="live").count() >= 8
    assert Signature.objects.filter(is_demo=True).count() == sum(
        Pledge.objects.values_list("signature_count", flat=True)
    )
    assert "already there" in capsys.readouterr().out


def test_demo_counts_are_exact_and_milestones_appear_once():
    demo_load(log=quiet)
    mismatched = Pledge.objects.annotate(
        actual=Count("signatures", filter=Q(signatures__status="confirmed"))
    ).exclude(signature_count=F("actual"))
    assert not mismatched.exists()
    cambridge = Pledge.objects.get(institution__name="University of Cambridge")
    assert cambridge.signature_count == 57
    assert sorted(
        Update.objects.filter(pledge=cambridge, kind="milestone").values_list(
            "milestone", flat=True
        )
    ) == [10, 25, 50]
    assert Update.objects.filter(pledge=cambridge, kind="organizer").count() == 1


def test_the_demo_has_the_seed_campuses_contracts_and_timeline():
    demo_load(log=quiet)
    names = set(Pledge.objects.values_list("institution__name", flat=True))
    for campus in [
        "University of Cambridge",
        "University of Edinburgh",
        "University of California, Berkeley",
        "Stanford University",
        "Yale University",
        "University of Chicago",
        "Brown University",
        "Georgia Institute of Technology",
    ]:
        assert campus in names
    assert Pledge.objects.filter(institution__latitude__isnull=True).count() == 0
    assert set(Contract.objects.values_list("programme", flat=True)) >= {
        "FALCON",
        "Investigative Case Management (ICM)",
    }
    dates = list(TimelineEntry.objects.values_list("date", flat=True))
    assert min(dates).year == 2018 and max(dates).year == 2019


def test_demo_signers_cannot_receive_mail():
    demo_load(log=quiet)
    domains = {e.rsplit("@", 1)[1] for e in Signature.objects.values_list("email", flat=True)}
    assert domains == {"demo.pledgeline.invalid"}


def test_no_public_page_of_the_demo_shows_an_email_address(client):
    demo_load(log=quiet)
    urls = ["/", "/c/notechforice/"] + [p.get_absolute_url() for p in Pledge.objects.all()]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "@" not in response.content.decode(), url


def test_every_demo_page_says_its_signers_are_made_up_and_real_campaigns_do_not(client):
    demo_load(log=quiet)
    real = a_live_pledge()
    demo_pages = ["/c/notechforice/"] + [
        p.get_absolute_url()
        for p in Pledge.objects.filter(campaign__slug="notechforice", status="live")
    ]

    for url in demo_pages:
        assert "its signers and counts are made up" in client.get(url).text, url
    assert "made up" not in client.get(real.get_absolute_url()).text
    assert "made up" not in client.get(real.campaign.get_absolute_url()).text


def test_the_demo_hub_counts_down_to_the_falcon_renewal_as_the_campaign_stood(client):
    demo_load(log=quiet)

    page = client.get("/c/notechforice/").text
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())

    assert "FALCON contract up for renewal in 2 days" in text
    assert "as it stood on 25 November 2019" in text


def test_a_real_campaign_counts_from_today_even_with_a_demo_date_set(client):
    real = a_live_pledge().campaign
    Campaign.objects.filter(pk=real.pk).update(demo_as_of=datetime.date(2019, 11, 25))
    target = Target.objects.create(campaign=real, name="Target")
    Contract.objects.create(
        target=target, agency="ICE", programme="FALCON", renewal=datetime.date(2019, 11, 27)
    )

    page = client.get(real.get_absolute_url()).text

    assert "up for renewal in" not in page
    assert "as it stood on" not in page


def test_the_demo_has_a_conditional_campus_a_few_signatures_short_that_then_binds(
    django_capture_on_commit_callbacks,
):
    demo_load(log=quiet)
    campaign = Campaign.objects.get()
    assert campaign.conditional
    ucl = Pledge.objects.get(institution__name="University College London")
    assert (ucl.binding, ucl.signers_needed_to_bind) == (Pledge.Binding.NOT_YET, 2)
    cambridge = Pledge.objects.get(institution__name="University of Cambridge")
    assert cambridge.binding == Pledge.Binding.BOUND
    assert cambridge.bound_at.date() < datetime.date(2019, 11, 26)

    with django_capture_on_commit_callbacks(execute=True):
        a_confirmed_signature(pledge=ucl)
        a_confirmed_signature(pledge=ucl)

    ucl.refresh_from_db()
    assert ucl.binding == Pledge.Binding.BOUND
