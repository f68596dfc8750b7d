"""Issued PDFs on disk: written once, named by content, read back with a hash check."""

import hashlib
import os
from pathlib import Path

from flask import current_app


def papers_dir() -> Path:
    """PAPERS_DIR (see settings.py), else instance/papers."""
    path = current_app.config.get("PAPERS_DIR") or os.path.join(current_app.instance_path,
                                                                 "papers")
    return Path(path)


def store(data: bytes, name: str) -> tuple[str, str]:
    """Write ``data``; return (path relative to PAPERS_DIR, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{name}-{digest[:16]}.pdf"
    target = papers_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)  # never a half-written PDF under the final name
    return relative, digest


def load(relative: str, sha256: str) -> bytes:
    """Read a stored PDF back; refuse one that changed on disk."""
    data = (papers_dir() / relative).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise OSError(f"stored paper {relative} does not match its recorded hash")
    return data
