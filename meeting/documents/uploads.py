"""Receive an uploaded file from a request, within the size limit, into a private folder."""

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import RequestEntityTooLarge

from meeting.core.errors import OperationError
from meeting.documents import storage
from meeting.documents.validate import setting, too_large_error

# Room for the other form fields and the multipart boundaries around the file.
FORM_OVERHEAD = 1024 * 1024


@contextmanager
def discard_on_refusal(upload):
    """Keep the upload for the job that takes it over; remove it if the request is refused."""
    try:
        yield upload
    except BaseException:
        upload.discard()
        raise


@dataclass
class Upload:
    path: Path
    name: str
    folder: Path

    def discard(self):
        storage.discard(self.folder)


def receive(field: str = "file") -> Upload:
    """Save the request's file to a private folder; the caller discards it when done.

    The limit is enforced while the body arrives: a 2 GB upload is cut off at the limit
    (Content-Length is checked first, and chunked bodies are counted as they are read).

    :raises OperationError: no file, or a file over DOCUMENT_MAX_BYTES.
    """
    limit = setting("DOCUMENT_MAX_BYTES")
    request.max_content_length = limit + FORM_OVERHEAD
    if request.content_length and request.content_length > limit + FORM_OVERHEAD:
        raise too_large_error()
    try:
        upload = request.files.get(field)
    except RequestEntityTooLarge:
        raise too_large_error() from None
    if upload is None or not upload.filename:
        raise OperationError(_l("Choose a file to upload."))
    folder = storage.workdir()
    path = folder / "upload.bin"  # never the user's name: it may hold "../" or worse
    try:
        size = storage.save_stream(upload.stream, path, limit)
    except RequestEntityTooLarge:
        storage.discard(folder)
        raise too_large_error() from None
    if size < 0:
        storage.discard(folder)
        raise too_large_error()
    return Upload(path=path, name=upload.filename, folder=folder)


def form_values():
    """Return the request's form (multipart) values; touching it may hit the size limit."""
    try:
        return request.form
    except RequestEntityTooLarge:
        raise too_large_error() from None
