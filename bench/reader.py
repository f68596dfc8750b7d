"""The reader in a real browser: how soon a 200-page, 20 MB pack shows its first page.

    .venv/bin/python bench/reader.py [--runs 3] [--mbit 20] [--latency-ms 20]

Serves the app (``meeting run``, gevent) with one published 200-page paper of about 20 MB,
uploaded through the real pipeline (checked, cleaned, repacked), and opens it in
Debian's Chromium over a throttled network (default 20 Mbit/s, 20 ms: one tablet's share of
a busy meeting-room Wi-Fi):

- **reader**: the reader page as a delegate opens it: from navigation to the first page on
  the screen (the server's page image, shown when pdf.js has not drawn within 0.4 s), then
  to the page drawn by pdf.js (range requests, ``disableAutoFetch``), and the bytes of the
  file and page images that crossed the network;
- **baseline**, same run, same throttle, a fresh browser profile: pdf.js on the same file
  *without* range requests (``disableRange``), i.e. a reader that downloads the whole file
  before it can draw page 1 (what a plain file viewer does).

Prints the median of each and their ratio.
"""

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-1"
STATIC = ["vendor/pdfjs/pdf.min.mjs", "vendor/pdfjs/pdf.worker.min.mjs", "js/reader.js",
          "js/reader_marks.js", "js/reader_comments.js", "js/reader_live.js", "js/common.js",
          "css/app.css", "css/documents.css", "vendor/socket.io.min.js"]


def make_pack(path: Path, pages=200, target_mb=20):
    """A 200-page A4 PDF of about ``target_mb``: each page carries a block of noise (a scan)."""
    from PIL import Image, ImageDraw

    side = int((target_mb * 1024 * 1024 / pages / 0.66) ** 0.5)  # noise JPEG: ~0.66 B/pixel
    images = []
    for n in range(1, pages + 1):
        page = Image.new("L", (595, 842), 255)
        noise = Image.frombytes("L", (side, side), os.urandom(side * side))
        page.paste(noise.resize((min(side, 520), min(side, 700))) if side > 520 else noise,
                   (37, 100))
        ImageDraw.Draw(page).text((37, 40), f"Page {n} / {pages}", fill=0)
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=92)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return path


def prepare(tmp: Path, pack: Path) -> tuple[str, int]:
    """Create the schema, one meeting with one delegate, and publish the pack."""
    from datetime import date, timedelta

    from meeting import create_app
    from meeting.config import Config
    from meeting.core.time import utcnow
    from meeting.documents import operations as documents
    from meeting.extensions import db
    from meeting.meetings import operations

    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    app = create_app(Config(SQLALCHEMY_DATABASE_URI=url, INSTANCE_PATH=str(tmp / "instance"),
                            REDIS_URL=None, SOCKETIO_ASYNC_MODE="threading"))
    with app.app_context():
        db.create_all()
        from meeting.auth.operations import create_user

        reader = create_user(None, username="reader", full_name="Đại biểu đọc", password=PASSWORD,
                             roles=["delegate"])
        body = operations.create_body(None, code="BCH", name="Ban Chấp hành Đảng bộ tỉnh")
        term = operations.create_term(None, body, label="XVII", start_date=date(2020, 10, 1))
        operations.add_member(None, term, reader, "member")
        start = utcnow() + timedelta(hours=1)
        meeting = operations.create_meeting(None, body=body, title="Hội nghị", start_dt=start,
                                            end_dt=start + timedelta(hours=4), room="",
                                            chair_id=reader.id)
        from meeting.meetings import agenda

        agenda.add_item(None, meeting, title="Khai mạc", presenter="", planned_minutes=10)
        operations.change_status(None, meeting, "published")
        doc = documents.upload_document(None, meeting, pack, original_name="pack.pdf",
                                        title="Tài liệu 200 trang")
        documents.publish_document(None, doc)
        return url, doc.id


def measure(browser, base, doc_id, mbit, latency_ms, *, baseline):
    """Open the paper once in a fresh profile; return (seconds to page 1, file bytes)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", "reader")
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(r"/meetings$"))
    # Scripts as a tablet has them after its first paper: in the browser's cache.
    page.evaluate("""async (urls) => { await Promise.all(urls.map((u) => fetch(u)
        .then((r) => r.arrayBuffer()))); }""", [f"/static/{name}" for name in STATIC])
    file_bytes = []
    page.on("requestfinished", lambda r: file_bytes.append(r.sizes()["responseBodySize"])
            if "/file" in r.url or "/pages/" in r.url else None)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms,
        "downloadThroughput": mbit * 1_000_000 / 8, "uploadThroughput": mbit * 1_000_000 / 8})
    if baseline:
        # The same pdf.js told not to use ranges: the whole file comes before page 1.
        seconds = page.evaluate("""async ({url, lib, worker}) => {
            const started = performance.now();
            const pdfjs = await import(lib);
            pdfjs.GlobalWorkerOptions.workerSrc = worker;
            const pdf = await pdfjs.getDocument({url, disableRange: true, disableStream: true,
                                                 isEvalSupported: false}).promise;
            const first = await pdf.getPage(1);
            const view = first.getViewport({scale: 1});
            const canvas = document.createElement("canvas");
            canvas.width = view.width; canvas.height = view.height;
            await first.render({canvasContext: canvas.getContext("2d"), viewport: view}).promise;
            return (performance.now() - started) / 1000;
        }""", {"url": f"/api/v1/documents/{doc_id}/file?v=1",
               "lib": "/static/vendor/pdfjs/pdf.min.mjs",
               "worker": "/static/vendor/pdfjs/pdf.worker.min.mjs"})
    else:
        started = time.perf_counter()
        page.goto(f"{base}/documents/{doc_id}/read")
        # First paint: the server's page image or pdf.js's canvas, whichever comes first.
        page.wait_for_selector("#stage[data-page='1']", timeout=120_000)
        seconds = time.perf_counter() - started
        page.wait_for_selector("#page-canvas:not([hidden])", timeout=300_000)
        sharp = time.perf_counter() - started
    page.wait_for_timeout(300)  # let the last responses finish being counted
    context.close()
    return seconds, sum(b for b in file_bytes if b > 0), (None if baseline else sharp)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mbit", type=float, default=20)
    parser.add_argument("--latency-ms", type=float, default=20)
    args = parser.parse_args()
    os.environ.setdefault("MEETING_FAST_HASH", "1")

    from playwright.sync_api import sync_playwright

    from tests.servers import Server, server_env

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        started = time.perf_counter()
        pack = make_pack(tmp / "pack.pdf")
        url, doc_id = prepare(tmp, pack)
        size = pack.stat().st_size
        print(f"pack: 200 pages, {size / 1e6:.1f} MB (made and uploaded in "
              f"{time.perf_counter() - started:.0f} s)")
        server = Server(server_env(tmp, url), tmp / "server.log")
        try:
            server.wait_until_healthy(time.monotonic() + 30)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
                results = {"reader": [], "baseline": []}
                for _ in range(args.runs):
                    for name in results:
                        results[name].append(measure(browser, server.url, doc_id, args.mbit,
                                                     args.latency_ms,
                                                     baseline=name == "baseline"))
                browser.close()
        finally:
            server.stop()
    print(f"network: {args.mbit:g} Mbit/s, {args.latency_ms:g} ms; {args.runs} runs each, "
          "fresh browser profile per run")
    medians = {}
    for name, runs in results.items():
        seconds = statistics.median(r[0] for r in runs)
        sent = statistics.median(r[1] for r in runs)
        medians[name] = seconds
        print(f"{name:9s} first page {seconds:6.2f} s (runs: "
              f"{', '.join(f'{r[0]:.2f}' for r in runs)}), bytes {sent / 1e6:6.2f} MB "
              f"({100 * sent / size:.1f} % of the file)")
        if name == "reader":
            print(f"{'':9s} drawn by pdf.js {statistics.median(r[2] for r in runs):6.2f} s")
    print(f"ratio reader / baseline: {medians['reader'] / medians['baseline']:.2f}")


if __name__ == "__main__":
    main()
