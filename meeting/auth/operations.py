"""The one way to change accounts and login sessions."""

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from meeting.auth.models import ROLES, LoginSession, User, UserRole
from meeting.auth.passwords import hash_password, verify_password
from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce

MIN_PASSWORD = 8


def _require_admin(actor):
    # actor None is the command line, run by whoever operates the server.
    if actor is not None and not actor.has_role("admin"):
        raise Forbidden()


def _check_roles(roles):
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise OperationError(_l("Unknown role: %(role)s", role=", ".join(sorted(unknown))))


def create_user(actor, *, username, full_name, password, roles=(), title="", unit_id=None):
    """Create an account; only an admin (or the command line) may."""
    _require_admin(actor)
    username = (username or "").strip().lower()
    if not username or not full_name.strip():
        raise OperationError(_l("Username and full name are required."))
    if len(password or "") < MIN_PASSWORD:
        raise OperationError(_l("The password must have at least %(n)d characters.",
                                n=MIN_PASSWORD))
    _check_roles(roles)
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise Conflict(_l("The username %(name)s is already taken.", name=username))
    user = User(username=username, full_name=full_name.strip(), title=title,
                password_hash=hash_password(password), unit_id=unit_id,
                role_rows=[UserRole(role=r) for r in sorted(set(roles))])
    db.session.add(user)
    db.session.flush()
    audit(actor, "user.create", user, after=user.snapshot())
    commit()
    return user


def update_user(actor, user, *, full_name=None, title=None, roles=None, unit_id=None,
                password=None):
    """Change a person's details or roles; a new password ends their other sessions."""
    _require_admin(actor)
    # Check every value before changing any: a refusal must leave the account as it was.
    if full_name is not None and not full_name.strip():
        raise OperationError(_l("Username and full name are required."))
    if roles is not None:
        _check_roles(roles)
    if password and len(password) < MIN_PASSWORD:
        raise OperationError(_l("The password must have at least %(n)d characters.",
                                n=MIN_PASSWORD))
    before = user.snapshot()
    if full_name is not None:
        user.full_name = full_name.strip()
    if title is not None:
        user.title = title
    if unit_id is not None:
        user.unit_id = unit_id or None
    if roles is not None:
        # Keep the rows of roles that stay: the new rows are inserted before the old ones
        # are deleted, so a fresh row for a kept role would break the unique constraint.
        added = sorted(set(roles) - user.roles)
        user.role_rows = [row for row in user.role_rows if row.role in set(roles)] + [
            UserRole(role=r) for r in added]
    if password:
        user.password_hash = hash_password(password)
        _end_sessions(user)
    audit(actor, "user.update", user, before=before, after=user.snapshot())
    commit()
    return user


def set_user_enabled(actor, user, enabled: bool):
    """Enable or disable an account; disabling ends every session and socket at once."""
    _require_admin(actor)
    if actor is not None and actor.id == user.id and not enabled:
        raise Conflict(_l("You cannot disable your own account."))
    before = user.snapshot()
    user.is_enabled = enabled
    if not enabled:
        _end_sessions(user)
    audit(actor, "user.enable" if enabled else "user.disable", user,
          before=before, after=user.snapshot())
    commit()


def _end_sessions(user):
    announce.disconnect_sockets(user.id)
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


def log_in(username, password, user_agent=""):
    """Check the password and open a login session; return the user or None."""
    user = db.session.scalar(select(User).where(User.username == (username or "").strip().lower()))
    if not verify_password(user.password_hash if user else None, password or ""):
        return None
    if not user.is_enabled:
        return None
    session = LoginSession(token=secrets.token_urlsafe(32), user_id=user.id,
                           user_agent=(user_agent or "")[:300])
    db.session.add(session)
    audit(user, "auth.login", user)
    commit()
    user.login_token = session.token
    return user


def log_out(user):
    """End this login session on the server; its cookie and sockets stop working."""
    token = user.login_token
    announce.disconnect_sockets(user.id, token)
    db.session.execute(delete(LoginSession).where(LoginSession.token == token))
    audit(user, "auth.logout", user)
    commit()


def load_login(token):
    """Return the enabled user a login session belongs to, or None (Flask-Login's loader)."""
    if not token:
        return None
    # One query for the login, its person and their roles: it runs before every request.
    row = db.session.execute(
        select(LoginSession).where(LoginSession.token == token)
        .options(joinedload(LoginSession.user).joinedload(User.role_rows))
    ).unique().scalar_one_or_none()
    if row is None or not row.user.is_enabled:
        return None
    row.user.login_token = token
    return row.user
