"""Where paper files live: under the instance folder, named by their SHA-256, stored once.

``instance/documents/files/ab/abcdef….pdf`` holds the cleaned PDFs; ``cache/`` the
page images drawn by a worker at upload (pages.py: deleting them leaves pages
"being prepared" until the paper is uploaded again); ``tmp/`` uploads in progress.
Nothing here is under the static folder: every byte goes out through an access check.
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from meeting.documents.models import StoredFile
from meeting.extensions import db

CHUNK = 1024 * 1024


def root() -> Path:
    path = Path(current_app.instance_path) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_path(stored: StoredFile) -> Path:
    return root() / "files" / stored.storage_name


def cache_dir(sha256: str) -> Path:
    return root() / "cache" / sha256[:2] / sha256


def workdir() -> Path:
    """Return a fresh private folder for one upload; the caller removes it."""
    base = root() / "tmp"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=base))


def discard(path: Path):
    shutil.rmtree(path, ignore_errors=True)


def save_stream(stream, dest: Path, max_bytes: int) -> int:
    """Copy an upload to ``dest`` in chunks; stop as soon as it passes ``max_bytes``.

    Return the size, or -1 when the upload was too large (the partial file is removed).
    """
    size = 0
    with open(dest, "wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                break
            out.write(chunk)
    if size > max_bytes:
        dest.unlink(missing_ok=True)
        return -1
    return size


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def store(path: Path, page_count: int) -> StoredFile:
    """Keep a cleaned PDF, or reuse the stored copy of the same content."""
    sha = sha256_of(path)
    stored = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
    if stored is None:
        stored = StoredFile(sha256=sha, size=path.stat().st_size,
                            storage_name=f"{sha[:2]}/{sha}.pdf", page_count=page_count)
        db.session.add(stored)
    target = file_path(stored)
    if not target.exists():  # also repairs a row whose file went missing
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        shutil.copyfile(path, partial)
        os.replace(partial, target)  # atomic: a reader never sees half a file
    return stored
