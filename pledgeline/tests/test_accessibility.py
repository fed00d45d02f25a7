"""The hub, a pledge page and the sign form with errors, checked in a real browser for what a
machine can check: labels, headings, alt text, the error summary, the page language and the
keyboard path from the skip link to the sign button."""

import pytest

from tests.builders import a_confirmed_signature, a_live_campaign, a_live_pledge, an_institution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything is measured in one pass inside the page, so each page costs one round trip.
AUDIT = """() => {
  const rendered = (el) => el.getClientRects().length > 0;
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    return rendered(el) && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0;
  };
  const fields = Array.from(document.querySelectorAll("input, select, textarea")).filter(
    (el) => !["hidden", "submit", "button", "reset"].includes(el.type)
      && rendered(el) && !el.closest("[aria-hidden='true']")
  );
  const unlabelled = fields
    .filter((el) => !Array.from(el.labels || []).some(onScreen))
    .map((el) => el.id || el.name);
  const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .filter((el) => !el.closest("[hidden]"))
    .map((el) => Number(el.tagName[1]));
  const summaryLinks = Array.from(document.querySelectorAll(".error-summary a"))
    .map((a) => a.getAttribute("href"));
  return {
    lang: document.documentElement.lang,
    fields: fields.length,
    unlabelled,
    headings,
    imagesWithoutAlt: Array.from(document.images).filter((img) => !img.hasAttribute("alt")).length,
    unnamedSvgImages: Array.from(document.querySelectorAll("svg[role='img']"))
      .filter((svg) => !svg.getAttribute("aria-label") && !svg.querySelector("title")).length,
    summaryLinks,
    brokenSummaryLinks: summaryLinks.filter(
      (href) => !href.startsWith("#") || !document.getElementById(href.slice(1))
    ),
  };
}"""


def skipped_heading_levels(levels):
    """Pairs (from, to) where a heading goes more than one level deeper than the one before."""
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def audit(page):
    report = page.evaluate(AUDIT)
    assert report["lang"] == "en"
    assert report["fields"] > 0
    assert report["unlabelled"] == []
    assert report["headings"].count(1) == 1, report["headings"]
    assert report["headings"][0] == 1, report["headings"]
    assert skipped_heading_levels(report["headings"]) == []
    assert report["imagesWithoutAlt"] == 0
    assert report["unnamedSvgImages"] == 0
    assert report["brokenSummaryLinks"] == []
    return report


def tab_until(page, matches, *, from_top=True, limit=60):
    """Press Tab (from the top of a freshly loaded page, or from where focus is); the list of
    what took focus, up to the first match."""
    if from_top:
        assert page.evaluate("document.activeElement === document.body")
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement;"
            " return {tag: el.tagName, cls: el.className, text: el.textContent.trim()}; }"
        )
        reached.append(focused)
        if matches(focused):
            return reached
    raise AssertionError(f"never reached after {limit} presses of Tab: {reached[-5:]}")


@pytest.fixture
def live_pledge():
    campaign = a_live_campaign(slug="notechforice", title="Students won’t work for the target")
    institution = an_institution(name="University of Leeds", city="Leeds", domains=["leeds.ac.uk"])
    pledge = a_live_pledge(campaign=campaign, institution=institution)
    a_confirmed_signature(pledge=pledge, name="Maria Gonzalez")
    return pledge


def is_skip_link(focused):
    return "skip-link" in focused["cls"]


def is_sign_button(focused):
    return focused["tag"] == "BUTTON" and focused["text"] == "Sign the pledge"


def test_the_hub_has_labels_ordered_headings_and_a_skip_link(browser, live_server, live_pledge):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + live_pledge.campaign.get_absolute_url() + "?q=leeds")

    report = audit(page)

    assert "q" in [page.evaluate("(el) => el.name", h) for h in page.query_selector_all("input")]
    assert report["summaryLinks"] == []
    assert is_skip_link(tab_until(page, lambda f: True)[0])


def test_a_pledge_page_can_be_signed_from_the_keyboard(browser, live_server, live_pledge):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + live_pledge.get_absolute_url())

    audit(page)

    reached = tab_until(page, is_sign_button)
    assert is_skip_link(reached[0])
    assert is_sign_button(reached[-1])


def test_the_sign_form_with_errors_links_each_error_to_its_field(browser, live_server, live_pledge):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + live_pledge.get_absolute_url())
    page.fill("#id_email", "not an email")
    page.click("button:has-text('Sign the pledge')")
    page.wait_for_selector(".error-summary")

    report = audit(page)

    # Name, email and affiliation are each missing or wrong, and each links to its field.
    assert set(report["summaryLinks"]) == {"#id_name", "#id_email", "#id_affiliation_0"}
    assert page.title().startswith("Error: ")
    assert page.input_value("#id_email") == "not an email"
    for field_id in ("id_name", "id_email"):
        described_by = page.get_attribute(f"#{field_id}", "aria-describedby")
        assert f"{field_id}-error" in described_by
    # The page starts at the error summary (site.js moves focus there), so Tab goes from the
    # summary to the first error, and on down to the button.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    reached = tab_until(page, is_sign_button, from_top=False)
    assert reached[0]["text"] == "Enter your name"
