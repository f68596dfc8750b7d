"""Check an uploaded file by its content, never its name, and make a clean stored PDF.

The heavy part (parsing, cleaning, repacking, extracting text) runs in
``sandbox.py`` in a child process with memory and CPU limits and a wall-clock timeout.
"""

import json
import os
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from meeting.core import sandbox
from meeting.core.errors import OperationError

DEFAULTS = {
    "DOCUMENT_MAX_BYTES": 100 * 1024 * 1024,
    "DOCUMENT_MAX_PAGES": 3000,
    "DOCUMENT_PARSE_SECONDS": 120,  # wall clock for one file, conversion excluded
    "DOCUMENT_PARSE_MEMORY_MB": 1536,
    "DOCUMENT_CONVERT_SECONDS": 180,
    "DOCUMENT_CONVERT_MEMORY_MB": 3072,  # LibreOffice maps ~1 GB before it reads a byte
    "DOCUMENT_PAGE_SECONDS": 20,  # one page image; past it the page gets a placeholder
    "DOCUMENT_INDEX_MAX_CHARS": 3_000_000,  # text of one paper made searchable (~1,000 pages)
}

MESSAGES = {
    "empty": _l("The file is empty."),
    "fake": _l("This file is not a PDF or an office document (Word, Excel, OpenDocument). "
               "Please upload a PDF."),
    "encrypted": _l("The PDF is protected by a password. Please upload it without protection."),
    "broken": _l("The PDF is damaged or incomplete and cannot be read."),
    "no_pages": _l("The PDF has no pages."),
    "too_many_pages": _l("The PDF has too many pages."),
    "bomb": _l("The file expands to far more data than a paper holds and was refused."),
    "timeout": _l("Reading the file took too long; it was refused."),
}


class TooLarge(OperationError):
    status = 413
    default_message = _l("The file is too large.")


def setting(name):
    """Read a documents setting: app config, then the environment, then the default."""
    value = current_app.config.get(name) if current_app else None
    if value is None:
        value = os.environ.get(name)
    return int(value) if value is not None else DEFAULTS[name]


def too_large_error() -> TooLarge:
    mb = setting("DOCUMENT_MAX_BYTES") // (1024 * 1024)
    return TooLarge(_l("The file is larger than the limit of %(mb)d MB.", mb=mb))


def clean_filename(name) -> str:
    """Keep the last part of an uploaded name, without control characters; for display only."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".") or "document"
    return name[-200:]


def sniff(path: Path, workdir: Path | None = None) -> str:
    """Name the file's type from its first bytes: pdf, docx, xlsx, odt, ods, ole or ''.

    A ZIP (Office Open XML, OpenDocument) is listed in the jail: its directory may hold a
    million entries, which is seconds of CPU and hundreds of MB (``workdir`` is needed then).
    """
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        return "empty"
    if b"%PDF-" in head:  # the header may follow up to 1 KB of junk (PDF 1.7, 7.5.2)
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # Word 97 or Excel 97; LibreOffice tells them apart by content
    if head.startswith(b"PK\x03\x04"):
        verdict = _jailed(path, workdir, "zip", str(20 * setting("DOCUMENT_MAX_BYTES")))
        if verdict.get("code") == "bomb":
            raise OperationError(MESSAGES["bomb"])
        return verdict.get("kind", "") if verdict.get("ok") else ""
    return ""


@dataclass
class CleanPdf:
    """What the sandbox found: the cleaned file's pages, digests and text."""

    path: Path
    page_digests: list[str]
    page_texts: list[str]
    removed: int = 0
    converted_from: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.page_digests)


def parse_limits() -> sandbox.Limits:
    seconds = setting("DOCUMENT_PARSE_SECONDS")
    return sandbox.Limits(memory_mb=setting("DOCUMENT_PARSE_MEMORY_MB"), cpu_seconds=seconds,
                          wall_seconds=seconds,
                          file_mb=max(64, 2 * setting("DOCUMENT_MAX_BYTES") >> 20))


def convert_limits() -> sandbox.Limits:
    seconds = setting("DOCUMENT_CONVERT_SECONDS")
    return sandbox.Limits(memory_mb=setting("DOCUMENT_CONVERT_MEMORY_MB"), cpu_seconds=seconds,
                          wall_seconds=seconds,
                          file_mb=max(256, 4 * setting("DOCUMENT_MAX_BYTES") >> 20),
                          open_files=1024)


def _jailed(src: Path, workdir: Path | None, *args: str) -> dict:
    """Run sandbox.py on a copy of ``src`` in a jail of its own; return its JSON verdict."""
    folder = Path(tempfile.mkdtemp(prefix=f"jail-{args[0]}-", dir=workdir or src.parent))
    try:
        os.link(src, folder / "in")  # same file system: no copy of a 100 MB upload
    except OSError:
        shutil.copyfile(src, folder / "in")
    inside = sandbox.INSIDE
    argv = sandbox.python_argv("meeting.documents.sandbox", args[0], f"{inside}/in",
                               *[a.replace("@OUT@", f"{inside}/out") for a in args[1:]])
    try:
        done = sandbox.run(argv, folder, parse_limits(), env=sandbox.python_env())
    except sandbox.Timeout:
        return {"ok": False, "code": "timeout"}
    try:
        verdict = json.loads(done.stdout or b"{}") or {"ok": False, "code": "bomb"}
    except ValueError:
        # Killed by its own limits (SIGXCPU, SIGKILL) before it could answer.
        verdict = {"ok": False, "code": "bomb" if done.returncode < 0 else "broken"}
    verdict["folder"] = folder
    return verdict


def run_sandbox(src: Path, dst: Path) -> dict:
    """Parse, clean and repack ``src`` into ``dst`` in the jail; return the JSON verdict."""
    verdict = _jailed(src, dst.parent, "pdf", "@OUT@", str(setting("DOCUMENT_PARSE_MEMORY_MB")),
                      str(setting("DOCUMENT_PARSE_SECONDS")), str(setting("DOCUMENT_MAX_PAGES")))
    out = verdict.pop("folder") / "out"
    if verdict.get("ok"):
        os.replace(out, dst)
    return verdict


def clean_pdf(src: Path, workdir: Path, original_name: str = "") -> CleanPdf:
    """Check ``src`` and return a cleaned, repacked PDF in ``workdir``.

    :raises OperationError: with a message saying why the file was refused.
    """
    size = src.stat().st_size
    if size == 0:
        raise OperationError(MESSAGES["empty"])
    if size > setting("DOCUMENT_MAX_BYTES"):
        raise too_large_error()
    kind = sniff(src, workdir)
    converted_from = ""
    if kind in ("docx", "xlsx", "odt", "ods", "ole"):
        from meeting.documents.convert import office_to_pdf

        suffix = kind if kind != "ole" else _ole_suffix(original_name)
        src = office_to_pdf(src, suffix, workdir, convert_limits())
        converted_from = suffix
    elif kind != "pdf":
        raise OperationError(MESSAGES["fake" if kind != "empty" else "empty"])
    dst = workdir / "clean.pdf"
    verdict = run_sandbox(src, dst)
    if not verdict.get("ok"):
        raise OperationError(MESSAGES.get(verdict.get("code"), MESSAGES["broken"]))
    pages = verdict["pages"]
    return CleanPdf(path=dst, page_digests=[p["digest"] for p in pages],
                    page_texts=[p["text"] for p in pages], removed=verdict.get("removed", 0),
                    converted_from=converted_from)


def _ole_suffix(name: str) -> str:
    return "xls" if clean_filename(name).lower().endswith(".xls") else "doc"
