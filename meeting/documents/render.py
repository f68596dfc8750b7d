"""Page images drawn on the server: cached per version, page and width; watermarked on demand.

Non-classified pages are cached as they are. A classified page is cached clean (the
cache is on the server, under the instance folder) and the viewer's watermark is drawn
over it for each request, so the image a person receives always names them.
"""

import functools
import io
import math
import os
import threading
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from meeting.documents import storage

WIDTHS = (160, 320, 480, 640, 800, 1024, 1280, 1600, 2048)
FORMATS = {"png": "PNG", "webp": "WEBP"}
ENCODE = {"png": {"compress_level": 6}, "webp": {"quality": 82, "method": 4}}
# A watermarked page is encoded for every request: speed over the last few per cent of size.
ENCODE_FAST = {"png": {"compress_level": 1}, "webp": {"quality": 80, "method": 0}}
MAX_PIXELS = 2048 * 4096  # a very tall page is capped by height too
# PDFium is not thread-safe; with threads serving requests only one renders at a time.
_PDFIUM = threading.Lock()
INK, OPACITY = (180, 0, 0), 80  # dark red at about a third: readable text stays readable
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")


def snap_width(width) -> int:
    """Round a requested width up to a cached size (unbounded widths would fill the disk)."""
    try:
        width = int(width)
    except (TypeError, ValueError):
        width = 1024
    return next((w for w in WIDTHS if w >= width), WIDTHS[-1])


def page_image(version, number: int, width: int, fmt: str) -> Path:
    """Return the cached image of one page, drawing it first if needed.

    When many tablets ask for the same new page at once, one draws it and the others
    wait for it (under the lock, the file is looked for again) instead of all drawing it.
    """
    sha = version.file.sha256
    folder = storage.cache_dir(sha)
    target = folder / f"{number}-{width}.{fmt}"
    if target.exists():
        return target
    with _PDFIUM:
        if target.exists():
            return target
        folder.mkdir(parents=True, exist_ok=True)
        image = _render(storage.file_path(version.file), number, width)
        partial = folder / f".{number}-{width}.{fmt}.{os.getpid()}"
        image.save(partial, FORMATS[fmt], **ENCODE[fmt])
        os.replace(partial, target)  # atomic: a reader never sees half an image
    return target


def _render(path: Path, number: int, width: int) -> Image.Image:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))  # the caller holds _PDFIUM
    try:
        page = pdf[number - 1]
        page_w, page_h = page.get_size()
        scale = width / page_w
        if width * page_h / page_w * width > MAX_PIXELS:
            scale = math.sqrt(MAX_PIXELS / (page_w * page_h))
        bitmap = page.render(scale=scale, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    return image


def _font(size: int):
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
    font = _font(size)
    # Drawn on a square large enough to cover the page after a 30° turn.
    side = int(math.hypot(w, h)) + size * 4
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    text_w = draw.textlength(label, font=font) + size * 3
    for row, y in enumerate(range(0, side, size * 5)):
        x = -(row % 2) * text_w / 2
        while x < side:
            draw.text((x, y), label, font=font, fill=OPACITY)
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
