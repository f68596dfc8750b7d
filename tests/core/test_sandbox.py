"""The jail that parses and converts uploads: no network, no files but its own, hard limits.

The secret and the listener are real: a file planted outside the work folder, and an HTTP
server on the server's own loopback, which must see no request.
"""

import http.server
import os
import shutil
import sys
import textwrap
import threading
import time

import pikepdf
import pytest
from PIL import Image

from meeting.core import sandbox
from meeting.core.errors import OperationError
from meeting.documents.convert import office_to_pdf
from tests.core.hostile_office import odt_linking

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None and not os.environ.get("CI"),
                                reason="bubblewrap is not installed (make test installs it)")
LIMITS = sandbox.Limits(memory_mb=512, cpu_seconds=20, wall_seconds=30)


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()


@pytest.fixture
def secret(tmp_path):
    """A file outside the jail's folder that nothing inside may read."""
    path = tmp_path / "secret" / "mat-khau.png"
    path.parent.mkdir()
    Image.new("RGB", (40, 40), (255, 0, 0)).save(path)
    return path


def _jailed_python(code: str, workdir, limits=LIMITS):
    return sandbox.run([sys.executable, "-c", textwrap.dedent(code)], workdir, limits)


def test_the_jail_reads_no_file_and_reaches_no_address(tmp_path, secret, listener):
    port, hits = listener
    work = tmp_path / "work"
    work.mkdir()
    done = _jailed_python(f"""
        import os, socket
        for path in ({str(secret)!r}, "/etc/passwd", {str(tmp_path)!r}):
            print(path, os.path.exists(path))
        try:
            socket.create_connection(("127.0.0.1", {port}), timeout=3)
            print("connected")
        except OSError as exc:
            print("no connection", exc.errno)
        open("/jail/written", "w").write("ok")
    """, work)
    out = done.stdout.decode()
    assert f"{secret} False" in out and "/etc/passwd False" in out
    assert f"{tmp_path} False" in out  # not even the folder around the work folder
    assert "no connection" in out and "connected\n" not in out
    assert hits == []
    assert (work / "written").read_text() == "ok"  # its own folder is writable


def test_libreoffice_follows_no_link_to_a_file_or_an_url(app, tmp_path, secret, listener):
    port, hits = listener
    src = tmp_path / "bao-cao.odt"
    src.write_bytes(odt_linking(secret.as_uri(), f"http://127.0.0.1:{port}/anh.png"))
    work = tmp_path / "work"
    work.mkdir()
    try:
        pdf_path = office_to_pdf(src, "odt", work, sandbox.Limits(3072, 120, 120))
    except OperationError:
        pdf_path = None  # refusing the file is fine too; reading the secret is not
    assert hits == [], "LibreOffice fetched a URL from inside the server"
    if pdf_path is not None:
        with pikepdf.open(pdf_path) as pdf:
            images = [name for page in pdf.pages for name in page.get_images()]
        assert images == [], "the linked local file ended up inside the paper"


def test_memory_over_the_cap_fails_the_child_not_the_server(tmp_path):
    started = time.monotonic()
    done = _jailed_python("""
        block = bytearray(1024 * 1024 * 1024)
        print("allocated")
    """, tmp_path, sandbox.Limits(memory_mb=256, cpu_seconds=20, wall_seconds=30))
    assert done.returncode != 0 and b"allocated" not in done.stdout
    assert b"MemoryError" in done.stderr
    assert time.monotonic() - started < 10


def test_cpu_over_the_cap_kills_the_child(tmp_path):
    started = time.monotonic()
    done = _jailed_python("while True: pass", tmp_path,
                          sandbox.Limits(memory_mb=256, cpu_seconds=1, wall_seconds=30))
    assert done.returncode != 0
    assert time.monotonic() - started < 10


def test_wall_time_over_the_limit_kills_the_whole_jail(tmp_path):
    started = time.monotonic()
    with pytest.raises(sandbox.Timeout):
        sandbox.run(["sleep", "60"], tmp_path,
                    sandbox.Limits(memory_mb=256, cpu_seconds=60, wall_seconds=1))
    assert time.monotonic() - started < 5
