"""What of an English page is left unchanged on its Spanish copy: the check the i18n tests
make."""

import re
from html.parser import HTMLParser


class VisibleText(HTMLParser):
    """The text a reader sees in <body>, one stripped piece per text node."""

    def __init__(self):
        super().__init__()
        self.pieces, self._skip, self._in_body = [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip -= 1

    def handle_data(self, data):
        if self._in_body and not self._skip and data.strip():
            self.pieces.append(" ".join(data.split()))


def visible_text(response) -> list[str]:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.pieces


def english_left_in(path_en, path_es, client, *, data=()) -> list[str]:
    """Pieces of the English page shown unchanged on the Spanish one (data aside)."""
    english = client.get(path_en, follow=True)
    spanish = client.get(path_es, follow=True)
    assert english.status_code == spanish.status_code, (path_en, path_es)
    assert english.status_code in (200, 404), (path_en, english.status_code)  # a page, read
    spanish_pieces = set(visible_text(spanish))
    allowed = {
        "English",
        "Español",
        "Pledgeline",
        "WhatsApp",
        "Bluesky",
        "X (Twitter)",
        "Facebook",
        "LinkedIn",
        "1 campus",
        *data,
    }
    return [
        piece
        for piece in visible_text(english)
        if piece in spanish_pieces
        and piece not in allowed
        # Names, numbers and punctuation read the same in both languages.
        and re.search(r"[A-Za-z]{3,}", piece)
        and not any(value in piece for value in data)
    ]


def spanish(path: str) -> str:
    return "/es" + path
