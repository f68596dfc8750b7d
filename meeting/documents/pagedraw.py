"""Draw a paper's pages as PNG images, in the jail (core/sandbox.py).

``python -m meeting.documents.pagedraw IN OUT FIRST WIDTHS MAX_PIXELS`` draws pages FIRST…
in order. For each it writes ``OUT/{n}-{w}.png`` for every width in WIDTHS (drawn once at the
largest, then scaled down) and prints ``n ok``, or ``n odd`` for a page whose shape cannot be
drawn within MAX_PIXELS (a MediaBox of 1 × 3,000,000 points), flushed at once: the worker
outside counts the lines and kills a page that takes too long (pages.py).

Only the standard library, pypdfium2 and Pillow are imported here: no app, no database.
"""

import math
import os
import sys

MAX_ASPECT = 20  # taller or wider than 20:1 is no page a meeting prints


def draw(src: str, out: str, first: int, widths: list[int], max_pixels: int):
    import pypdfium2
    from PIL import Image

    pdf = pypdfium2.PdfDocument(src)
    largest = max(widths)
    for index in range(first - 1, len(pdf)):
        number = index + 1
        page = pdf[index]
        page_w, page_h = page.get_size()
        if page_w <= 0 or page_h <= 0 or max(page_w / page_h, page_h / page_w) > MAX_ASPECT:
            page.close()
            print(f"{number} odd", flush=True)
            continue
        scale = min(largest / page_w, math.sqrt(max_pixels / (page_w * page_h)))
        image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
        page.close()
        for width in sorted(widths, reverse=True):
            if width < image.width:
                height = max(1, round(image.height * width / image.width))
                image = image.resize((width, height), Image.Resampling.LANCZOS)
            partial = os.path.join(out, f".{number}-{width}.png")
            image.save(partial, "PNG", compress_level=6)
            os.replace(partial, os.path.join(out, f"{number}-{width}.png"))
        print(f"{number} ok", flush=True)


if __name__ == "__main__":
    src, out, first, widths, max_pixels = sys.argv[1:6]
    draw(src, out, int(first), [int(w) for w in widths.split(",")], int(max_pixels))
