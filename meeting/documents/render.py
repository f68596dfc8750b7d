"""The viewer's watermark over a classified page's stored image, and the fonts it uses.

Pages are drawn once, by a worker (pages.py). A classified page is stored clean, under the
instance folder, and the viewer's name is composited over it for each request, so the
image a person receives always names them: compositing is cheap, drawing is not.
"""

import functools
import io
import math
import os
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ENCODE_FAST = {"png": {"compress_level": 1}, "webp": {"quality": 80, "method": 0}}
FORMATS = {"png": "PNG", "webp": "WEBP"}
INK, OPACITY = (180, 0, 0), 80  # dark red at about a third: readable text stays readable
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")


def font(size: int):
    """A bold sans-serif with Vietnamese letters, at ``size`` pixels."""
    for candidate in FONT_PATHS:
        if os.path.exists(candidate):
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def watermark_text(user, when: datetime) -> str:
    unit = user.unit.name if user.unit else ""
    parts = [user.full_name, unit, when.strftime("%d/%m/%Y %H:%M")]
    return " · ".join(p for p in parts if p)


@functools.lru_cache(maxsize=32)
def _watermark_mask(label: str, w: int, h: int) -> Image.Image:
    """The label repeated diagonally over a w×h page, as a translucent mask (cached).

    A person turning pages gets the same mask for every page of one size until the
    minute in the label changes, so only the first page pays for drawing and turning it.
    """
    size = max(12, w // 36)
    face = font(size)
    # Drawn on a square large enough to cover the page after a 30° turn.
    side = int(math.hypot(w, h)) + size * 4
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    text_w = draw.textlength(label, font=face) + size * 3
    for row, y in enumerate(range(0, side, size * 5)):
        x = -(row % 2) * text_w / 2
        while x < side:
            draw.text((x, y), label, font=face, fill=OPACITY)
            x += text_w
    mask = mask.rotate(30, resample=Image.Resampling.BILINEAR)
    left, top = (side - w) // 2, (side - h) // 2
    return mask.crop((left, top, left + w, top + h))


def watermarked(path: Path, label: str, fmt: str) -> bytes:
    """Draw ``label`` diagonally, repeated across the page, and return the encoded image."""
    base = Image.open(path).convert("RGB")
    base.paste(INK, mask=_watermark_mask(label, *base.size))
    out = io.BytesIO()
    base.save(out, FORMATS[fmt], **ENCODE_FAST[fmt])
    return out.getvalue()
