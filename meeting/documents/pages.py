"""Page images: drawn once per paper by a worker, in the jail; requests only read files.

A page can cost far more to draw than its file's size suggests (a 993-byte PDF of thirty
transparency groups took 13.75 s at 1024 px). So no request ever draws: ``draw_pages`` is a
job, queued when a version is stored, that draws every page at the widths the reader asks
for, each page under its own time limit. A page that runs out of time, memory or the pixel
cap gets a placeholder saying so; pdf.js still shows the page from the file (not for
classified papers, which travel only as images).
"""

import os
import selectors
import time
from pathlib import Path

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from meeting.core import jobs, sandbox
from meeting.documents import storage
from meeting.documents.validate import setting
from meeting.extensions import db

# The reader's sizes: thumbnails; a 10" tablet's screen; the same at twice the density
# (or zoomed). A request for another width gets the next size up.
WIDTHS = (160, 1024, 2048)
MAX_PIXELS = 2048 * 4096  # one page image: a tall page is capped by its area too
MODULE = "meeting.documents.pagedraw"


def snap_width(width) -> int:
    """Round a requested width up to a drawn size (the largest for anything above it)."""
    try:
        width = int(width)
    except (TypeError, ValueError):
        width = 1024
    return next((w for w in WIDTHS if w >= width), WIDTHS[-1])


def image_path(sha256: str, number: int, width: int) -> Path:
    return storage.cache_dir(sha256) / f"{number}-{width}.png"


def stored_image(version, number: int, width) -> Path | None:
    """The drawn image of one page, or None while the worker has not drawn it yet."""
    path = image_path(version.file.sha256, number, snap_width(width))
    return path if path.exists() else None


def queue_drawing(actor, version):
    """Stage the drawing of a new version's pages; it starts when the caller commits."""
    return jobs.enqueue("documents.draw", "meeting.documents.pages:draw_pages", version.id,
                        user=actor, meeting_id=version.document.meeting_id)


def draw_pages(version_id: int) -> dict | None:
    """Draw every page of a version not drawn yet (a job); return what was drawn."""
    from meeting.documents.models import DocumentVersion

    version = db.session.get(DocumentVersion, version_id)
    if version is None:
        return None
    sha, count = version.file.sha256, version.page_count
    source = storage.file_path(version.file)
    db.session.rollback()  # nothing is written to the database from here on
    folder = storage.cache_dir(sha)
    folder.mkdir(parents=True, exist_ok=True)
    missing = [n for n in range(1, count + 1) if not image_path(sha, n, WIDTHS[-1]).exists()]
    placeholders = []
    work = storage.workdir()
    try:
        os.link(source, work / "in.pdf")
        (work / "out").mkdir()
        while missing:
            reached, failed, odd = _draw_from(work, folder, missing[0], count)
            placeholders += odd
            if failed:
                _placeholder(folder, failed)
                placeholders.append(failed)
            missing = [n for n in missing if n > max(reached, failed or 0)]
            jobs.progress(100 * (count - len(missing)) // count,
                          str(_l("Drawing the pages: %(done)d of %(count)d.",
                                 done=count - len(missing), count=count)))
    finally:
        storage.discard(work)
    return {"pages": count, "placeholders": placeholders}


def _draw_from(work: Path, folder: Path, first: int,
               count: int) -> tuple[int, int | None, list[int]]:
    """Draw pages first… in one jail. Return the last page finished, the page that failed
    (ran out of time or memory) if any, and the pages whose shape got a placeholder."""
    seconds = setting("DOCUMENT_PAGE_SECONDS")
    limits = sandbox.Limits(memory_mb=setting("DOCUMENT_PARSE_MEMORY_MB"),
                            cpu_seconds=seconds * (count - first + 1), wall_seconds=0)
    inside = sandbox.INSIDE
    proc = sandbox.start(sandbox.python_argv(MODULE, f"{inside}/in.pdf", f"{inside}/out",
                                             str(first), ",".join(map(str, WIDTHS)),
                                             str(MAX_PIXELS)),
                         work, limits, env=sandbox.python_env())
    odd, expected, buffer = [], first, b""
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + seconds
    try:
        while True:
            if not selector.select(max(0.0, deadline - time.monotonic())):
                return expected - 1, expected, odd  # this page ran out of time
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:  # the child ended: finished, or killed by a limit on this page
                proc.wait()
                return expected - 1, (expected if expected <= count else None), odd
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                number, verdict = line.decode().split()
                number = int(number)
                if verdict == "ok":
                    for width in WIDTHS:
                        os.replace(work / "out" / f"{number}-{width}.png",
                                   folder / f"{number}-{width}.png")
                else:
                    _placeholder(folder, number)
                    odd.append(number)
                expected = number + 1
                deadline = time.monotonic() + seconds
    finally:
        selector.close()
        if proc.poll() is None:
            sandbox.kill(proc)


def _placeholder(folder: Path, number: int):
    """A plain page that says why the real one is not shown, at every width."""
    from PIL import Image, ImageDraw

    from meeting.documents.render import font

    with force_locale("vi"):  # the room reads Vietnamese; the image has one language
        text = str(_l("Page %(n)d could not be drawn as an image within the server's limits. "
                      "Open the PDF file to read it.", n=number))
    for width in WIDTHS:
        height = round(width * 297 / 210)
        image = Image.new("RGB", (width, height), (236, 239, 243))
        draw = ImageDraw.Draw(image)
        size = max(8, width // 28)
        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font(size)) > width * 0.8 and line:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
        y = height // 3
        for part in lines:
            draw.text((width // 10, y), part, font=font(size), fill=(60, 66, 80))
            y += int(size * 1.5)
        partial = folder / f".{number}-{width}.png"
        image.save(partial, "PNG")
        os.replace(partial, folder / f"{number}-{width}.png")
