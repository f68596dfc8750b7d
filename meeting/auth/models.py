"""People, their roles and their server-side login sessions."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db

ROLES = {
    "admin": _l("Administrator"),
    "secretariat": _l("Secretariat"),
    "chair": _l("Chair"),
    "delegate": _l("Delegate"),
    "guest": _l("Guest"),
    "it_officer": _l("IT officer"),
}


class User(db.Model):
    """A person who can log in; chairing is per meeting, not a global power."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    unit = relationship("Unit")
    role_rows: Mapped[list["UserRole"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin")

    # Flask-Login reads these; the login session, not the user, is what a cookie names.
    is_authenticated = True
    is_anonymous = False
    login_token = None  # set by the loader: the login session this request came with

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def get_id(self) -> str | None:
        return self.login_token

    @property
    def roles(self) -> set[str]:
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def is_secretariat(self) -> bool:
        return self.has_role("admin", "secretariat")

    def snapshot(self) -> dict:
        return {"username": self.username, "full_name": self.full_name, "title": self.title,
                "is_enabled": self.is_enabled, "unit_id": self.unit_id,
                "roles": sorted(self.roles)}

    def __repr__(self):
        return f"<User {self.username}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))


class LoginSession(db.Model):
    """One login on one device; deleting it ends that session on the server."""

    __tablename__ = "login_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(300), default="")

    user = relationship("User")
