"""A newcomer starts a pledge, confirms it from the email, staff approve it, someone signs it.

Screenshots of the start flow, the dashboard and the moderation page, at phone and laptop
widths, land in test-artifacts/.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from institutions.models import Institution
from organizers.tests.test_moderation import a_moderator
from pledges.models import Pledge
from tests.builders import a_live_campaign, an_institution, run_worker, totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": 390, "laptop": 1280}
ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts" / "organizers"


def link_in(smtp_server, to, path):
    message = [m for m in smtp_server.messages if m["To"] == to][-1]
    text, _ = smtp_server.bodies(message)
    return re.search(rf"http://\S+{path}\S+/", text).group(0)


class Shots:
    def __init__(self, page):
        self.page = page
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(self, name):
        for label, width in WIDTHS.items():
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.screenshot(path=ARTIFACTS / f"{name}-{label}.png", full_page=True)
        self.page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})


# Where a longitude/latitude is drawn on the "where is the campus?" map, in CSS pixels from the
# map's top-left corner: the same projections as static/js/locate.js, from the page's own d3.
PIXEL_FOR = """([lon, lat, zoom, center]) => {
  const svg = document.querySelector("[data-locate] svg");
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  const fit = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], {type: "Sphere"});
  const projection = zoom === 1 ? fit : d3.geoAzimuthalEqualArea()
    .rotate([-center[0], -center[1]]).scale(fit.scale() * zoom).translate([width / 2, height / 2]);
  const [x, y] = projection([lon, lat]);
  const box = svg.getBoundingClientRect();
  return {x: x * box.width / width, y: y * box.height / height};
}"""
LEEDS = (-1.5536, 53.8067)


def pick_on_map(page, lon, lat, zoom=1, center=(0, 0)):
    position = page.evaluate(PIXEL_FOR, [lon, lat, zoom, list(center)])
    page.locator("[data-locate] svg").click(position=position)


def field_number(page, label):
    return float(page.get_by_role("textbox", name=label).input_value())


def test_start_confirm_approve_and_sign(browser, live_server, smtp_server, settings):
    from playwright.sync_api import expect

    settings.SITE_URL = live_server.url
    settings.STAFF_NOTIFY_EMAIL = "staff@example.org"
    campaign = a_live_campaign(
        title="Students won’t work for the target",
        hashtag="#NoTechForICE",
        why_it_matters="Our university sends graduates to the target every year.",
        target_line_template="To: {institution} students and academics",
    )
    an_institution(name="University of Leeds", city="Leeds", domains=["leeds.ac.uk"])
    an_institution(name="Leeds Beckett University", city="Leeds")
    moderator = a_moderator(username="moderator", password="a long staff passphrase")
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)

    page = browser.new_page(viewport={"width": WIDTHS["phone"], "height": 900})
    shots = Shots(page)

    # Find the campus and start.
    page.goto(f"{live_server.url}/c/{campaign.slug}/start/")
    page.get_by_label("Search by name or email domain").fill("leeds.ac.uk")
    page.get_by_role("button", name="Search").click()
    shots.take("start-1-search")
    page.get_by_role("link", name="Tell us about your university or college").click()
    page.get_by_role("button", name="Continue").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Choose the country")
    shots.take("start-1b-new-institution-errors")
    # From the hub: search for the campus, which has no pledge yet, and start one there.
    page.goto(f"{live_server.url}/c/{campaign.slug}/")
    page.get_by_label("University or college name, or your university email address").fill("Leeds")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Start a pledge at University of Leeds").click()

    # Not on the map yet: where is it? Half an answer is sent back, then the map is used.
    expect(page.get_by_role("heading", name="Where is University of Leeds?")).to_be_visible()
    page.get_by_role("textbox", name="Latitude").fill("53.8")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the longitude as well")
    expect(page.get_by_role("textbox", name="Latitude")).to_have_value("53.8")
    shots.take("start-1c-where-errors")
    page.get_by_role("textbox", name="Latitude").fill("")
    expect(page.locator("[data-locate] svg")).to_be_visible()
    shots.take("start-1c-where")
    pick_on_map(page, *LEEDS)  # on the whole world: roughly, and the map zooms in there
    expect(page.locator("[data-marker]")).to_be_visible()
    first = (field_number(page, "Longitude"), field_number(page, "Latitude"))
    assert abs(first[0] - LEEDS[0]) < 3 and abs(first[1] - LEEDS[1]) < 3
    pick_on_map(page, *LEEDS, zoom=6, center=first)  # zoomed in: a closer second tap
    lon, lat = field_number(page, "Longitude"), field_number(page, "Latitude")
    assert abs(lon - LEEDS[0]) < 0.3 and abs(lat - LEEDS[1]) < 0.3
    page.get_by_role("button", name="Zoom in").click()
    expect(page.locator("[data-marker]")).to_be_visible()
    shots.take("start-1d-where-picked")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_label("Who is the pledge addressed to?")).to_have_value(
        "To: University of Leeds students and academics"
    )
    page.get_by_label("Why does this matter at your institution?").fill(
        "Leeds careers fairs invite the target every autumn."
    )
    shots.take("start-2-wording")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Start the pledge").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Enter your name")
    shots.take("start-3-about-you-errors")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_role("button", name="Start the pledge").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    draft = Pledge.objects.select_related("institution").get()
    assert (draft.campus_longitude, draft.campus_latitude) == (lon, lat)
    assert draft.institution.latitude is None  # not on the map before the pledge is live
    shots.take("start-4-check-email")

    # Confirm from the email.
    run_worker()
    page.goto(link_in(smtp_server, "ada@example.org", "/organize/confirm/"))
    page.get_by_role("button", name="Confirm my pledge").click()
    expect(page.get_by_role("heading", name="your pledge is confirmed")).to_be_visible()
    assert Institution.objects.get(pk=draft.institution_id).latitude is None  # staff decide
    page.get_by_role("link", name="organizer dashboard").click()
    expect(page.get_by_text("Pending review")).to_be_visible()
    shots.take("dashboard-pending")

    # Staff approve it.
    staff = browser.new_page()
    staff.goto(f"{live_server.url}/staff/moderation/")
    staff.get_by_label("Username").fill("moderator")
    staff.get_by_label("Password").fill("a long staff passphrase")
    staff.get_by_role("button", name="Log in").click()
    # Once the password is right, the admin asks which device and for its current code.
    staff.locator("#id_otp_device").select_option(device.persistent_id)
    staff.get_by_label("Password").fill("a long staff passphrase")
    staff.locator("#id_otp_token").fill(totp_now(device))
    staff.get_by_role("button", name="Log in").click()
    expect(staff.get_by_role("link", name="see it on OpenStreetMap")).to_be_visible()
    Shots(staff).take("moderation")
    staff.get_by_role("button", name="Approve the pledge at University of Leeds").click()
    expect(staff.get_by_text("is live")).to_be_visible()
    staff.close()
    pledge = Pledge.objects.get()
    assert pledge.status == Pledge.Status.LIVE
    leeds = Institution.objects.get(pk=draft.institution_id)
    assert (leeds.longitude, leeds.latitude) == (lon, lat)
    # Live, and where the organizer put it on the hub's map.
    page.goto(f"{live_server.url}/c/{campaign.slug}/")
    page.get_by_role("button", name="Show the map").click()  # on a phone the list comes first
    expect(
        page.locator(f'[data-map] a.map__point[href="{pledge.get_absolute_url()}"]')
    ).to_have_count(1)

    # Someone signs it and confirms.
    page.goto(live_server.url + pledge.get_absolute_url())
    expect(page.get_by_text("To: University of Leeds students and academics")).to_be_visible()
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Email address").fill("grace@example.org")
    page.get_by_label("Student").check()
    page.get_by_label("Email me updates").check()
    page.get_by_role("button", name="Sign the pledge").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    run_worker()
    page.goto(link_in(smtp_server, "grace@example.org", "/s/confirm/"))
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", name="Thank you: you’re counted")).to_be_visible()
    pledge.refresh_from_db()
    assert pledge.signature_count == 1

    # The organizer sees it on the dashboard.
    page.goto(f"{live_server.url}/organize/pledges/{pledge.pk}/")
    expect(page.get_by_text("Grace H.")).to_be_visible()
    page.get_by_label("Title").fill("First signature!")
    page.get_by_label("Message").fill("Thank you, Grace. Who’s next?")
    page.get_by_role("button", name="Publish and email").click()
    expect(page.get_by_text("on its way to signers")).to_be_visible()
    shots.take("dashboard-live")

    run_worker()
    assert [m["To"] for m in smtp_server.messages][-1] == "grace@example.org"
