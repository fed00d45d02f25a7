"""Every mail is rendered by one helper: subjects and text are plain, HTML is escaped."""

import pytest

from lib.emails import render_email
from signatures.links import confirm_url, manage_url
from tests.builders import a_live_pledge, a_pending_signature, an_institution

pytestmark = pytest.mark.django_db


def test_subjects_and_text_keep_apostrophes_and_ampersands_while_html_escapes_them():
    pledge = a_live_pledge(institution=an_institution(name="King's College & Co"))
    signature = a_pending_signature(pledge=pledge, name="Ada <b>Byron</b>")
    context = {
        "signature": signature,
        "pledge": pledge,
        "campaign": pledge.campaign,
        "pledge_url": "http://127.0.0.1:8000" + pledge.get_absolute_url(),
        "confirm_url": confirm_url(signature),
        "manage_url": manage_url(signature),
        "confirm_days": 14,
    }

    subject, text, html = render_email("signature_confirm", context)

    assert "King's College & Co" in subject
    assert "&#x27;" not in subject and "&amp;" not in subject
    assert "King's College & Co" in text
    assert "King&#x27;s College &amp; Co" in html
    assert "Ada &lt;b&gt;Byron" in html  # what a signer typed is never markup in HTML
    assert "the organizers will not get your email address" in text
    assert "the organizers will not get your email address" in html
