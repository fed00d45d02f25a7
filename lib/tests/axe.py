"""Run axe-core (tests/vendor/axe-core, never served by the site) in a Playwright page."""

from pathlib import Path

from django.conf import settings

AXE_SOURCE = Path(settings.BASE_DIR) / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation on the page as "rule: target, …" lines.

    Evaluated through the browser's debugging protocol, so the site's Content-Security-Policy
    (which rightly refuses inline scripts) does not have to be loosened for the test."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    found = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}})
            .then((result) => result.violations.map((v) => v.id + " (" + v.impact + "): "
                + v.nodes.map((n) => n.target.join(" ")).join(", ")))""",
        WCAG_21_AA,
    )
    return found
