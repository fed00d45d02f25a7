"""Open Graph / Twitter card images: a pledge's or campaign's name and its current count.

Drawn with Pillow and kept in the cache under a key that holds the count, so the image a
link preview fetches moves with the count and an unchanged count is never drawn twice.
"""

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # the size Facebook, LinkedIn and X's large card all accept
CACHE_SECONDS = 7 * 24 * 3600
BRAND = (27, 27, 58)
ACCENT = (0, 112, 60)
WHITE = (255, 255, 255)
PALE = (204, 226, 216)

# DejaVu ships with most Linux systems; Pillow's own scalable font is the fallback.
_FONT_FILES = {
    True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}


@lru_cache(maxsize=32)
def _font(size: int, *, bold: bool = False):
    path = Path(_FONT_FILES[bold])
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return lines


def share_image_draw(*, title: str, place: str, count: int, goal: int | None, tag: str) -> bytes:
    """A PNG card: tag line, title, place, the count in large type and a goal bar."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    margin = 70
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=ACCENT)
    y = 60
    if tag and not title.startswith(tag):
        draw.text((margin, y), tag, font=_font(34, bold=True), fill=PALE)
        y += 56
    title_font = _font(54, bold=True)
    for line in _wrap(draw, title, title_font, WIDTH - 2 * margin, 3):
        draw.text((margin, y), line, font=title_font, fill=WHITE)
        y += 66
    if place:
        y += 6
        for line in _wrap(draw, place, _font(36), WIDTH - 2 * margin, 1):
            draw.text((margin, y), line, font=_font(36), fill=PALE)
            y += 46
    number = number_format(count, force_grouping=True)
    number_font = _font(120, bold=True)
    base = HEIGHT - 150
    draw.text((margin, base), number, font=number_font, fill=WHITE, anchor="ls")
    label = ngettext("person has signed", "people have signed", count)
    label_x = margin + draw.textlength(number, font=number_font) + 24
    draw.text((label_x, base), label, font=_font(40), fill=WHITE, anchor="ls")
    if goal:
        top = HEIGHT - 110
        draw.rectangle((margin, top, WIDTH - margin, top + 28), outline=WHITE, width=3)
        filled = int((WIDTH - 2 * margin - 6) * min(count, goal) / goal)
        if filled:
            draw.rectangle((margin + 3, top + 3, margin + 3 + filled, top + 25), fill=ACCENT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def share_image(*, kind: str, pk: int, count: int, **card) -> bytes:
    """The card from the cache, drawn once per count, language and wording."""
    wording = hashlib.sha256(repr(sorted(card.items())).encode()).hexdigest()[:16]
    key = f"share-image:{kind}:{pk}:{count}:{get_language()}:{wording}"
    png = cache.get(key)
    if png is None:
        png = share_image_draw(count=count, **card)
        cache.set(key, png, CACHE_SECONDS)
    return png
