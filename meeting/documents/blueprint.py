"""Pages of the documents module; its JSON endpoints live on the api blueprint (api.py)."""

from flask import Blueprint

bp = Blueprint("documents", __name__)

# notes_pages: the reader, the comments summary and the service worker.
from meeting.documents import api, controllers, notes_pages, snapshot  # noqa: E402,F401
