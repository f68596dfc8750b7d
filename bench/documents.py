"""Documents benchmark: 50 tablets open the same 200-page, ~20 MB paper at the same moment.

    .venv/bin/python bench/documents.py [--tablets 50] [--rounds 3] [--pages 200]

Set up in a temporary instance (SQLite): a body with the tablets' delegates, a meeting,
the paper uploaded through the app's own operation (checked, cleaned, repacked), and a
classified copy. Then ``meeting run`` (gevent) serves it, and as the baseline a plain static
file server (bench/_static_server.py: gevent + werkzeug send_file, no app, no login) serves
the same stored bytes. Each tablet does what the reader does to show page 1:

- ranges: pdf.js (the reader's build and settings, run under Node on the stored file by
  bench/_pdfjs_ranges.mjs) gives the byte ranges it needs for page 1; each tablet sends a
  plain GET dropped after the headers, then those ranges in order. App and baseline alike.
- image: page 1 as the worker drew it at upload (PNG, 1024 px; no request ever draws).

Figures: time to the first page's bytes (p50, p99) and bytes sent; then the per-page
cost of a watermarked classified page against the same page not watermarked.
Targets (issue): first page p99 ≤ 1.5 s with 50 tablets, and ≤ 2× the baseline.
"""

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MEETING = Path(sys.executable).parent / "meeting"
PASSWORD = "bench12345"


def build_pdf(pages: int) -> bytes:
    """A scanned-looking paper: every page a distinct ~110 kB JPEG plus a line of text."""
    import pikepdf
    from PIL import Image

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    for n in range(1, pages + 1):
        noise = Image.frombytes("L", (640, 400), os.urandom(640 * 400)).convert("RGB")
        jpeg = io.BytesIO()
        noise.save(jpeg, "JPEG", quality=50)
        image = pikepdf.Stream(pdf, jpeg.getvalue())
        image.update({"/Type": pikepdf.Name.XObject, "/Subtype": pikepdf.Name.Image,
                      "/Width": 640, "/Height": 400, "/ColorSpace": pikepdf.Name.DeviceRGB,
                      "/BitsPerComponent": 8, "/Filter": pikepdf.Name.DCTDecode})
        content = (f"q 480 0 0 300 60 420 cm /Im0 Do Q BT /F1 20 Tf 60 780 Td "
                   f"(Bao cao - trang {n}) Tj ET").encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                         XObject=pikepdf.Dictionary(Im0=image)),
            Contents=pdf.make_stream(content))
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def setup(tmp: Path, tablets: int, pages: int) -> dict:
    """Create the accounts, the meeting and the two papers in the instance under ``tmp``."""
    from meeting import create_app
    from meeting.auth.operations import create_user
    from meeting.core.time import utcnow
    from meeting.documents import operations as docs
    from meeting.documents import storage
    from meeting.extensions import db
    from meeting.meetings import agenda, operations

    app = create_app()
    with app.app_context():
        db.create_all()
        body = operations.create_body(None, code="BCH", name="Ban Chấp hành Đảng bộ tỉnh")
        from datetime import date, timedelta
        term = operations.create_term(None, body, label="XVII", start_date=date(2025, 10, 1))
        users = []
        for i in range(tablets):
            user = create_user(None, username=f"tablet{i}", full_name=f"Đại biểu số {i}",
                               password=PASSWORD, roles=["delegate"])
            operations.add_member(None, term, user)
            users.append(user.username)
        start = utcnow()
        meeting = operations.create_meeting(None, body=body, title="Hội nghị đo tải",
                                            start_dt=start, end_dt=start + timedelta(hours=4))
        agenda.add_item(None, meeting, title="Nội dung 1")
        operations.change_status(None, meeting, "published")
        source = tmp / "paper.pdf"
        source.write_bytes(build_pdf(pages))
        began = time.perf_counter()
        plain = docs.upload_document(None, meeting, source, original_name="bao-cao.pdf",
                                     title="Báo cáo 200 trang")
        upload_s = time.perf_counter() - began
        docs.publish_document(None, plain)
        secret = docs.upload_document(None, meeting, source, original_name="mat.pdf",
                                      title="Báo cáo (Mật)", classification="mat")
        docs.publish_document(None, secret)
        stored = storage.file_path(plain.current_version.file)
        return {"users": users, "plain": plain.id, "secret": secret.id, "file": str(stored),
                "size": stored.stat().st_size, "source_size": source.stat().st_size,
                "upload_s": upload_s}


def pdfjs_ranges(path: str) -> list[list[int]]:
    """The byte ranges pdf.js (the reader's build and settings) asks for before page 1.

    Recorded by running pdf.js itself under Node (bench/_pdfjs_ranges.mjs) on the stored file.
    """
    done = subprocess.run(["node", str(ROOT / "bench/_pdfjs_ranges.mjs"), path],
                          capture_output=True, text=True, timeout=300, check=True)
    # pdf.js prints its warnings on stdout too; the ranges are the last line.
    return json.loads(done.stdout.strip().splitlines()[-1])


def wait_healthy(url: str, proc, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server at {url} exited")
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def login(url: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(url + "/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    reply = session.post(url + "/login", data={"csrf_token": token, "username": username,
                                               "password": PASSWORD}, allow_redirects=False)
    assert reply.status_code == 302, reply.text[:300]
    return session


def pdfjs_open(session, url, ranges, probe=True):
    """What the reader does: a plain GET dropped after the headers (pdf.js learns the length
    and that ranges work), then pdf.js's range requests, in order."""
    if probe:
        with session.get(url, stream=True) as reply:
            assert reply.status_code == 200 and reply.headers.get("Accept-Ranges") == "bytes"
    sent = 0
    for begin, end in ranges:
        reply = session.get(url, headers={"Range": f"bytes={begin}-{end - 1}"})
        assert reply.status_code == 206, reply.status_code
        sent += len(reply.content)
    return sent


def pdfjs_known_size(session, url, ranges):
    """pdf.js given the size from the list (PDFDataRangeTransport): ranges only."""
    return pdfjs_open(session, url, ranges, probe=False)


def image_open(session, url, ranges):
    reply = session.get(url)
    assert reply.status_code == 200, reply.status_code
    return len(reply.content)


def crowd(sessions, fn, url, ranges):
    """All tablets at the same moment; return (seconds each, bytes each)."""
    barrier = threading.Barrier(len(sessions))
    times, sizes = [0.0] * len(sessions), [0] * len(sessions)

    def tablet(i):
        barrier.wait()
        began = time.perf_counter()
        sizes[i] = fn(sessions[i], url, ranges)
        times[i] = time.perf_counter() - began
    threads = [threading.Thread(target=tablet, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, sizes


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def per_page(session, url, runs=30):
    session.get(url)  # warm the clean page in the cache
    began = time.perf_counter()
    size = 0
    for _ in range(runs):
        reply = session.get(url)
        assert reply.status_code == 200
        size = len(reply.content)
    return (time.perf_counter() - began) / runs, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tablets", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    env = dict(os.environ, MEETING_INSTANCE=str(tmp / "instance"), MEETING_FAST_HASH="1",
               DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}", SOCKETIO_ASYNC_MODE="gevent",
               RATELIMIT_STORAGE_URI="memory://", LOGIN_IP_RATE_LIMIT="10000 per minute")
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    procs = []
    try:
        info = setup(tmp, args.tablets, args.pages)
        ranges = pdfjs_ranges(info["file"])
        print(f"paper: {args.pages} pages, upload {info['source_size'] / 1e6:.1f} MB → stored "
              f"{info['size'] / 1e6:.1f} MB; check+clean+repack took {info['upload_s']:.1f} s; "
              f"pdf.js needs {len(ranges)} ranges, {sum(e - b for b, e in ranges) / 1e6:.2f} MB "
              f"for page 1")
        app_port, static_port = 5601, 5602
        procs.append(subprocess.Popen([str(MEETING), "run", "--host", "127.0.0.1", "--port",
                                       str(app_port)], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        procs.append(subprocess.Popen([sys.executable, str(ROOT / "bench/_static_server.py"),
                                       str(static_port), info["file"]], cwd=ROOT,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        app_url, static_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{static_port}"
        wait_healthy(app_url, procs[0])
        wait_healthy(static_url, procs[1])
        sessions = [login(app_url, name) for name in info["users"]]
        plain = f"{app_url}/api/v1/documents/{info['plain']}"
        cases = {
            "app: pdf.js ranges": (sessions, pdfjs_open, f"{plain}/file?v=1"),
            "baseline: static file, ranges": ([requests.Session() for _ in sessions],
                                              pdfjs_open, f"{static_url}/file.pdf"),
            "app: ranges only (size known)": (sessions, pdfjs_known_size, f"{plain}/file?v=1"),
            "baseline: ranges only": ([requests.Session() for _ in sessions],
                                      pdfjs_known_size, f"{static_url}/file.pdf"),
            "app: page-1 image (drawn at upload)": (sessions, image_open,
                                                    f"{plain}/pages/1.png?width=1024"),
        }
        # The worker beside `meeting run` draws every page after upload: wait for the last.
        last = f"{plain}/pages/{args.pages}.png?width=2048"
        deadline = time.monotonic() + 1800
        while sessions[0].get(last).status_code != 200 and time.monotonic() < deadline:
            time.sleep(1)
        results = {name: ([], []) for name in cases}
        for _ in range(args.rounds):
            for name, (clients, fn, url) in cases.items():
                times, sizes = crowd(clients, fn, url, ranges)
                results[name][0].extend(times)
                results[name][1].extend(sizes)
        print(f"\n{args.tablets} tablets at once, {args.rounds} rounds "
              f"(time to the first page's bytes):")
        print(f"{'case':36} {'p50 ms':>8} {'p99 ms':>8} {'kB/tablet':>10} {'MB all':>8}")
        for name, (times, sizes) in results.items():
            per_round = sum(sizes) / args.rounds
            print(f"{name:36} {pct(times, 50) * 1000:8.0f} {pct(times, 99) * 1000:8.0f} "
                  f"{statistics.mean(sizes) / 1024:10.0f} {per_round / 1e6:8.2f}")
        base = results["baseline: static file, ranges"][0]
        mine = results["app: pdf.js ranges"][0]
        print(f"\nratio app/baseline: p50 {pct(mine, 50) / pct(base, 50):.2f}×, "
              f"p99 {pct(mine, 99) / pct(base, 99):.2f}×; the whole file to every tablet "
              f"would be {info['size'] * args.tablets / 1e9:.2f} GB")
        base = results["baseline: ranges only"][0]
        mine = results["app: ranges only (size known)"][0]
        print(f"ratio app/baseline, ranges only: p50 {pct(mine, 50) / pct(base, 50):.2f}×, "
              f"p99 {pct(mine, 99) / pct(base, 99):.2f}×")
        one = sessions[0]
        secret = f"{app_url}/api/v1/documents/{info['secret']}/pages/2.png?width=1024"
        clear = f"{plain}/pages/2.png?width=1024"
        t_clear, s_clear = per_page(one, clear)
        t_mark, s_mark = per_page(one, secret)
        print(f"\nper page, one tablet, 1024 px PNG from the cache: plain {t_clear * 1000:.1f} ms "
              f"({s_clear / 1024:.0f} kB); watermarked classified {t_mark * 1000:.1f} ms "
              f"({s_mark / 1024:.0f} kB); ratio {t_mark / t_clear:.1f}×")
        secret_webp = secret.replace(".png", ".webp")
        t_mw, s_mw = per_page(one, secret_webp)
        print(f"watermarked classified as WebP: {t_mw * 1000:.1f} ms ({s_mw / 1024:.0f} kB)")
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, 9)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
