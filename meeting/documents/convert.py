"""Office files (Word, Excel, OpenDocument) to PDF with LibreOffice in headless mode."""

import os
import shutil
import signal
import subprocess
from pathlib import Path

from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_to_pdf(src: Path, suffix: str, workdir: Path, timeout: int) -> Path:
    """Convert ``src`` to PDF in ``workdir`` and return the PDF's path.

    :raises OperationError: LibreOffice is missing, timed out, or could not read the file.
    """
    soffice = soffice_path()
    if soffice is None:
        raise OperationError(_l("Word and Excel files cannot be converted on this server. "
                                "Please save the file as PDF and upload the PDF."))
    # A fixed, server-made name: LibreOffice names its output after its input.
    job = workdir / "convert"
    job.mkdir(exist_ok=True)
    source = job / f"upload.{suffix}"
    shutil.copyfile(src, source)
    # Its own profile per run: two conversions at once would fight over one profile's lock.
    profile = (job / "profile").resolve().as_uri()
    args = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--nologo", "--convert-to", "pdf", "--outdir", str(job), str(source)]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(job)}
    # A new session: on timeout the whole group goes (soffice starts soffice.bin).
    proc = subprocess.Popen(args, cwd=job, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise OperationError(_l("Converting the file to PDF took too long.")) from None
    result = job / "upload.pdf"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        raise OperationError(_l("The file could not be converted to PDF. "
                                "Please save it as PDF and upload the PDF."))
    return result
