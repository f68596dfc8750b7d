"""The only way WeasyPrint may read anything: ``data:`` URLs and files in our static folder.

A paper is built from user text; even escaped, a stray URL in a stylesheet or a future
template must never make the server read /etc/passwd or call the network (SSRF).
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

_TYPES = {
    ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml", ".gif": "image/gif", ".webp": "image/webp",
    ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
}


class RefusedURL(ValueError):
    """A URL outside what papers may load."""


class StaticOnlyFetcher(URLFetcher):
    """Serve ``data:`` URLs and regular files under ``static_dir``; refuse everything else."""

    def __init__(self, static_dir):
        # No redirects, and only the data: protocol ever reaches urllib's handlers.
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.static_dir = Path(static_dir).resolve()

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise RefusedURL(f"papers may not load {scheme or 'relative'} URLs: {url[:100]}")
        return self._static_file(url)

    def _static_file(self, url):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"remote file URL refused: {url[:100]}")
        raw = Path(unquote(parts.path))
        # resolve() follows symlinks and "..": what counts is where the bytes really are.
        path = raw.resolve()
        if not path.is_relative_to(self.static_dir) or ".." in raw.parts:
            raise RefusedURL(f"file outside the static folder refused: {url[:100]}")
        if not path.is_file():
            raise RefusedURL(f"no such static file: {url[:100]}")
        # Open without following a symlink swapped in after the check (TOCTOU).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            body = fh.read()
        kind = _TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": kind})
