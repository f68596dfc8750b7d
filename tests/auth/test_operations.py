"""Account operations: who may call them, what they refuse, what they record."""

import pytest
from sqlalchemy import func, select

from meeting.auth import operations as ops
from meeting.auth.models import LoginSession, User
from meeting.auth.passwords import verify_password
from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.core.models import AuditEntry, Unit
from meeting.extensions import db
from tests.conftest import PASSWORD
from tests.helpers import english

NOT_ADMIN = ["secretariat", "chair", "delegate", "guest", "it_officer"]


def audit_entries(action=None):
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query))


def user_count():
    return db.session.scalar(select(func.count(User.id)))


def sessions_of(user):
    return list(db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)))


@pytest.fixture
def admin(create_user):
    return create_user("quantri", roles=["admin"], full_name="Quản Trị Viên")


# create_user ---------------------------------------------------------------------------

def test_admin_creates_an_account_with_a_hashed_password_and_an_audit_entry(admin):
    user = ops.create_user(admin, username="  NguyenVanA ", full_name=" Nguyễn Văn A ",
                           password="mật-khẩu-dài", roles=["delegate", "chair", "delegate"],
                           title="Tỉnh ủy viên")
    db.session.expire_all()
    assert user.username == "nguyenvana"
    assert user.full_name == "Nguyễn Văn A"
    assert user.roles == {"delegate", "chair"}
    assert user.is_enabled
    assert user.password_hash != "mật-khẩu-dài"
    assert verify_password(user.password_hash, "mật-khẩu-dài")
    assert not verify_password(user.password_hash, "something-else")

    [entry] = [e for e in audit_entries("user.create") if e.target_id == user.id]
    assert (entry.user_id, entry.target_type, entry.target_id) == (admin.id, "User", user.id)
    assert entry.before is None
    assert entry.after == user.snapshot()
    assert entry.after["roles"] == ["chair", "delegate"]
    # The audit log never holds a password or its hash.
    assert "mật-khẩu-dài" not in str(entry.after) and user.password_hash not in str(entry.after)


def test_the_command_line_may_create_an_account(app):
    user = ops.create_user(None, username="root", full_name="Quản trị", password="12345678",
                           roles=["admin"])
    [entry] = audit_entries("user.create")
    assert entry.user_id is None and entry.target_id == user.id
    assert user.has_role("admin")


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_only_an_admin_may_create_an_account(create_user, role):
    actor = create_user("actor", roles=[role])
    count, entries = user_count(), len(audit_entries())
    with pytest.raises(Forbidden):
        ops.create_user(actor, username="new", full_name="Người mới", password=PASSWORD,
                        roles=["admin"])
    assert user_count() == count
    assert len(audit_entries()) == entries
    assert db.session.scalar(select(User).where(User.username == "new")) is None


@pytest.mark.parametrize(("fields", "error", "message"), [
    ({"username": ""}, OperationError, "Username and full name are required."),
    ({"username": "   "}, OperationError, "Username and full name are required."),
    ({"username": None}, OperationError, "Username and full name are required."),
    ({"full_name": "  "}, OperationError, "Username and full name are required."),
    ({"password": "1234567"}, OperationError, "The password must have at least 8 characters."),
    ({"password": ""}, OperationError, "The password must have at least 8 characters."),
    ({"password": None}, OperationError, "The password must have at least 8 characters."),
    ({"roles": ["delegate", "king", "boss"]}, OperationError, "Unknown role: boss, king"),
    ({"username": "QuanTri"}, Conflict, "The username quantri is already taken."),
    ({"username": " quantri "}, Conflict, "The username quantri is already taken."),
])
def test_create_refuses_bad_input_with_a_clear_message(admin, fields, error, message):
    count, entries = user_count(), len(audit_entries())
    data = {"username": "nguoimoi", "full_name": "Người Mới", "password": PASSWORD,
            "roles": ["delegate"], **fields}
    with pytest.raises(error) as exc:
        ops.create_user(admin, **data)
    assert english(exc.value.message) == message
    db.session.rollback()
    assert user_count() == count
    assert len(audit_entries()) == entries


# update_user ---------------------------------------------------------------------------

def test_update_records_before_and_after(admin, create_user):
    unit = Unit(code="VPTU", name="Văn phòng Tỉnh ủy")
    db.session.add(unit)
    db.session.commit()
    user = create_user("dbieu", roles=["delegate"], full_name="Trần Văn B")
    before = user.snapshot()
    ops.update_user(admin, user, full_name=" Trần Văn Bình ", title="Phó Bí thư",
                    roles=["delegate", "chair"], unit_id=unit.id)
    db.session.expire_all()
    assert user.full_name == "Trần Văn Bình"
    assert user.title == "Phó Bí thư"
    assert user.roles == {"delegate", "chair"}
    assert user.unit_id == unit.id

    [entry] = audit_entries("user.update")
    assert entry.user_id == admin.id and entry.target_id == user.id
    assert entry.before == before
    assert entry.after == user.snapshot()
    assert entry.before["full_name"] == "Trần Văn B"
    assert entry.after["full_name"] == "Trần Văn Bình"
    assert entry.after["roles"] == ["chair", "delegate"]

    # Roles can be dropped and given back; the kept ones stay as they were.
    ops.update_user(admin, user, roles=["chair"])
    db.session.expire_all()
    assert user.roles == {"chair"}
    ops.update_user(admin, user, roles=["chair", "delegate", "secretariat"])
    db.session.expire_all()
    assert user.roles == {"chair", "delegate", "secretariat"}
    ops.update_user(admin, user, roles=[])
    db.session.expire_all()
    assert user.roles == set()

    # unit_id 0 clears the unit; None leaves it alone.
    ops.update_user(admin, user, unit_id=None)
    assert user.unit_id == unit.id
    ops.update_user(admin, user, unit_id=0)
    assert user.unit_id is None


def test_a_new_password_ends_every_login_session(admin, create_user):
    user = create_user("dbieu")
    ops.log_in("dbieu", PASSWORD, "tablet")
    ops.log_in("dbieu", PASSWORD, "laptop")
    assert len(sessions_of(user)) == 2
    ops.update_user(admin, user, password="mật-khẩu-mới")
    assert sessions_of(user) == []
    assert ops.log_in("dbieu", PASSWORD) is None
    assert ops.log_in("dbieu", "mật-khẩu-mới") is not None
    # The audit entry says what changed, never the password.
    [entry] = audit_entries("user.update")
    assert "mật-khẩu-mới" not in str(entry.after)


def test_update_without_a_password_keeps_the_sessions(admin, create_user):
    user = create_user("dbieu")
    ops.log_in("dbieu", PASSWORD)
    ops.update_user(admin, user, title="Ủy viên", password="")
    assert len(sessions_of(user)) == 1
    assert ops.log_in("dbieu", PASSWORD) is not None


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_only_an_admin_may_update_an_account(create_user, role):
    actor = create_user("actor", roles=[role])
    user = create_user("target", full_name="Tên cũ")
    with pytest.raises(Forbidden):
        ops.update_user(actor, user, full_name="Tên mới", roles=["admin"])
    # Not even oneself: a delegate cannot make themselves admin.
    with pytest.raises(Forbidden):
        ops.update_user(actor, actor, roles=["admin"])
    db.session.rollback()
    db.session.expire_all()
    assert user.full_name == "Tên cũ"
    assert not actor.has_role("admin")
    assert audit_entries("user.update") == []


@pytest.mark.parametrize(("fields", "message"), [
    ({"full_name": "  "}, "Username and full name are required."),
    ({"password": "short"}, "The password must have at least 8 characters."),
    ({"roles": ["superuser"]}, "Unknown role: superuser"),
])
def test_a_refused_update_changes_nothing(admin, create_user, fields, message):
    user = create_user("target", roles=["delegate"], full_name="Tên cũ")
    ops.log_in("target", PASSWORD)
    snapshot = user.snapshot()
    with pytest.raises(OperationError) as exc:
        ops.update_user(admin, user, **{"full_name": "Tên mới", "title": "Chức vụ mới",
                                        "roles": ["admin"], **fields})
    assert english(exc.value.message) == message
    # A later operation in the same session commits: the refused change must not ride along.
    ops.create_user(None, username="other", full_name="Người khác", password=PASSWORD)
    db.session.expire_all()
    assert user.snapshot() == snapshot
    assert len(sessions_of(user)) == 1
    assert audit_entries("user.update") == []


# set_user_enabled ----------------------------------------------------------------------

def test_disabling_ends_every_session_and_blocks_login(admin, create_user):
    user = create_user("dbieu")
    first = ops.log_in("dbieu", PASSWORD).login_token
    ops.set_user_enabled(admin, user, False)
    db.session.expire_all()
    assert not user.is_enabled
    assert sessions_of(user) == []
    assert ops.load_login(first) is None
    assert ops.log_in("dbieu", PASSWORD) is None

    [entry] = audit_entries("user.disable")
    assert entry.user_id == admin.id and entry.target_id == user.id
    assert entry.before["is_enabled"] is True and entry.after["is_enabled"] is False

    ops.set_user_enabled(admin, user, True)
    [entry] = audit_entries("user.enable")
    assert entry.before["is_enabled"] is False and entry.after["is_enabled"] is True
    # Enabling again does not bring the old session back; a new login works.
    assert ops.load_login(first) is None
    assert ops.log_in("dbieu", PASSWORD) is not None


def test_an_admin_cannot_disable_their_own_account(admin):
    with pytest.raises(Conflict) as exc:
        ops.set_user_enabled(admin, admin, False)
    assert english(exc.value.message) == "You cannot disable your own account."
    db.session.rollback()
    db.session.expire_all()
    assert admin.is_enabled
    assert audit_entries("user.disable") == []


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_only_an_admin_may_disable_an_account(create_user, role):
    actor = create_user("actor", roles=[role])
    user = create_user("target")
    ops.log_in("target", PASSWORD)
    with pytest.raises(Forbidden):
        ops.set_user_enabled(actor, user, False)
    db.session.rollback()
    db.session.expire_all()
    assert user.is_enabled
    assert len(sessions_of(user)) == 1
    assert audit_entries("user.disable") == []


# log_in / log_out ----------------------------------------------------------------------

def test_log_in_opens_a_login_session_and_records_it(create_user):
    user = create_user("dbieu")
    logged = ops.log_in("  DBieu ", PASSWORD, "x" * 1000)
    assert logged.id == user.id
    row = db.session.get(LoginSession, logged.login_token)
    assert row.user_id == user.id
    assert len(row.user_agent) == 300
    assert ops.load_login(logged.login_token).id == user.id
    [entry] = audit_entries("auth.login")
    assert entry.user_id == user.id and entry.target_id == user.id


@pytest.mark.parametrize(("username", "password"), [
    ("dbieu", "wrong-password"), ("dbieu", ""), ("dbieu", None), ("nobody", PASSWORD),
    ("", PASSWORD), (None, None),
])
def test_log_in_refuses_wrong_credentials_and_opens_nothing(create_user, username, password):
    create_user("dbieu")
    assert ops.log_in(username, password) is None
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0
    assert audit_entries("auth.login") == []


def test_each_login_is_its_own_session(create_user):
    create_user("dbieu")
    tablet = ops.log_in("dbieu", PASSWORD).login_token
    laptop = ops.log_in("dbieu", PASSWORD).login_token
    assert tablet != laptop
    assert ops.load_login(tablet) and ops.load_login(laptop)


def test_log_out_ends_only_that_session_and_records_it(create_user):
    create_user("dbieu")
    tablet = ops.log_in("dbieu", PASSWORD).login_token
    user = ops.log_in("dbieu", PASSWORD)
    laptop = user.login_token
    ops.log_out(user)
    assert ops.load_login(laptop) is None
    assert ops.load_login(tablet) is not None
    [entry] = audit_entries("auth.logout")
    assert entry.user_id == user.id


def test_load_login_refuses_unknown_empty_and_disabled(admin, create_user):
    user = create_user("dbieu")
    token = ops.log_in("dbieu", PASSWORD).login_token
    assert ops.load_login(None) is None
    assert ops.load_login("") is None
    assert ops.load_login("not-a-token") is None
    # Disabled directly in the database (not through the operation): still refused.
    user.is_enabled = False
    db.session.commit()
    assert ops.load_login(token) is None
