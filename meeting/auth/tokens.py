"""API tokens for scripts: ``Authorization: Bearer <token>`` on the registry API.

Only a hash of the token is kept; the token itself is shown once, when it is made.
"""

import functools
import hashlib
import secrets
from datetime import datetime

from flask import g, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from meeting.core.errors import Forbidden, NotFound, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import csrf, db

PREFIX = "mt_"


class ApiToken(db.Model):
    """A named, revocable token that acts as its owner."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                          index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_dt: Mapped[datetime | None]
    revoked_dt: Mapped[datetime | None]

    owner = relationship("User")

    def snapshot(self) -> dict:
        return {"owner_id": self.owner_id, "name": self.name,
                "revoked": self.revoked_dt is not None}


def hash_token(token: str) -> str:
    # The token has 256 random bits: a plain SHA-256 is enough, no slow hash needed.
    return hashlib.sha256(token.encode()).hexdigest()


def _may_manage(actor, owner_id) -> bool:
    return actor is None or actor.id == owner_id or actor.has_role("admin")


def create_token(actor, owner, name) -> tuple[ApiToken, str]:
    """Make a token for ``owner``; return the row and the token, which is never shown again."""
    if not _may_manage(actor, owner.id):
        raise Forbidden()
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise OperationError(_l("Give the token a name (at most 100 characters)."))
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(owner_id=owner.id, name=name, token_hash=hash_token(token))
    db.session.add(row)
    db.session.flush()
    audit(actor, "token.create", row, after=row.snapshot())
    commit()
    return row, token


def revoke_token(actor, row: ApiToken):
    if row is None:
        raise NotFound()
    if not _may_manage(actor, row.owner_id):
        raise Forbidden()
    before = row.snapshot()
    row.revoked_dt = row.revoked_dt or utcnow()
    audit(actor, "token.revoke", row, before=before, after=row.snapshot())
    commit()


def tokens_of(user) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(
        ApiToken.owner_id == user.id).order_by(ApiToken.id)))


def authenticate(token: str):
    """Return the enabled owner of a live token, or None."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    # The owner comes in the same query: this runs on every API request.
    row = db.session.scalar(select(ApiToken).options(joinedload(ApiToken.owner))
                            .where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked_dt is not None or not row.owner.is_enabled:
        return None
    now = utcnow()
    # Written at most once a minute: a script polling the API must not turn reads into writes.
    if row.last_used_dt is None or (now - row.last_used_dt).total_seconds() > 60:
        row.last_used_dt = now
        db.session.commit()
    return row.owner


def token_or_session(view):
    """Let a script in with ``Authorization: Bearer <token>``, a person with their session.

    A bearer request carries no cookie a browser could send on its own, so it needs no
    CSRF token; a cookie request still does (checked here, as the view is exempted from
    the global check only so that this decision can be made).
    """
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            user = authenticate(header[7:].strip())
            if user is None:
                return jsonify(error=str(_l("The API token is not valid.")), status=401), 401
            g._login_user = user  # what flask_login.current_user returns for this request
        else:
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                csrf.protect()
            if not current_user.is_authenticated:
                return jsonify(error=str(_l("Please log in.")), status=401), 401
        return view(*args, **kwargs)

    csrf.exempt(wrapper)
    return wrapper
