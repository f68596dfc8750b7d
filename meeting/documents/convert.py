"""Office files (Word, Excel, OpenDocument) to PDF with LibreOffice, headless, in the jail.

LibreOffice follows links inside a document: an image linked to ``file:///etc/…`` or to
``http://127.0.0.1:…/`` is read or fetched while converting. In the jail (core/sandbox.py)
there is no such file and no network, so what it would read is not there to be read.
"""

import shutil
from pathlib import Path

from flask_babel import lazy_gettext as _l

from meeting.core import sandbox
from meeting.core.errors import OperationError


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_to_pdf(src: Path, suffix: str, workdir: Path, limits: sandbox.Limits) -> Path:
    """Convert ``src`` to PDF in ``workdir`` and return the PDF's path.

    :raises OperationError: LibreOffice is missing, timed out, ran out of its limits, or
        could not read the file.
    """
    soffice = soffice_path()
    if soffice is None:
        raise OperationError(_l("Word and Excel files cannot be converted on this server. "
                                "Please save the file as PDF and upload the PDF."))
    # A folder of its own, the whole of what LibreOffice sees: the file, its profile, the PDF.
    job = workdir / "convert"
    job.mkdir(exist_ok=True)
    # A fixed, server-made name: LibreOffice names its output after its input.
    shutil.copyfile(src, job / f"upload.{suffix}")
    inside = sandbox.INSIDE
    # Its own profile per run: two conversions at once would fight over one profile's lock.
    args = [soffice, f"-env:UserInstallation=file://{inside}/profile", "--headless",
            "--norestore", "--nologo", "--convert-to", "pdf", "--outdir", inside,
            f"{inside}/upload.{suffix}"]
    try:
        done = sandbox.run(args, job, limits, capture=False)
    except sandbox.Timeout:
        raise OperationError(_l("Converting the file to PDF took too long.")) from None
    result = job / "upload.pdf"
    if done.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        raise OperationError(_l("The file could not be converted to PDF. "
                                "Please save it as PDF and upload the PDF."))
    return result
