"""The expiry and compliance panel, and its e-mail through a real local SMTP relay."""

import socket
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from meeting.core.errors import OperationError
from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.expiry import build_panel
from meeting.registry.mail import send_alerts
from tests.helpers import actions

TODAY = date.today()  # the command line reads the clock


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def relay():
    """A real SMTP server on a free local port, for the length of the test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def unit(code, name):
    u = Unit(code=code, name=name, level="district")
    db.session.add(u)
    db.session.flush()
    return u


def cert(u, serial, days, revoked=None, kind="individual"):
    db.session.add(m.Certificate(unit=u, holder_kind=kind, holder_name=f"Người {serial}",
                                 serial=serial, valid_from=TODAY - timedelta(days=900),
                                 valid_to=TODAY + timedelta(days=days), revoked_on=revoked))


@pytest.fixture
def registry(app):
    ls, kb = unit("LS", "Huyện ủy Lương Sơn"), unit("KB", "Huyện ủy Kim Bôi")
    for serial, days in (("A", 10), ("B", 45), ("C", 90), ("D", 91), ("E", -1)):
        cert(ls, serial, days)
    cert(kb, "R", 400, revoked=TODAY - timedelta(days=20))
    cert(kb, "R-OLD", 400, revoked=TODAY - timedelta(days=800))
    for u in (ls, kb):
        db.session.add(m.NetworkLink(unit=u, status="active"))
    db.session.add(m.SecurityCheck(unit=ls, network_isolated=True, firewall=False,
                                   antivirus=True, checked_on=TODAY - timedelta(days=30)))
    db.session.add(m.SecurityCheck(unit=kb, network_isolated=True, firewall=True,
                                   antivirus=True, checked_on=TODAY - timedelta(days=400)))
    db.session.commit()
    return ls, kb


def test_panel_sorts_certificates_into_30_60_90_days_and_finds_unit_issues(registry):
    ls, kb = registry
    panel = build_panel(today=TODAY)
    assert [(c.serial, c.days_left, c.window) for c in panel.expiring] == [
        ("A", 10, 30), ("B", 45, 60), ("C", 90, 90)]
    assert panel.counts()["expiring"] == {30: 1, 60: 2, 90: 3}
    assert [r[0] for r in panel.revoked] == ["R"]
    assert [(u.unit_name, u.missing) for u in panel.failing] == [
        ("Huyện ủy Lương Sơn", ["firewall"])]
    assert [u.unit_name for u in panel.overdue] == ["Huyện ủy Kim Bôi"]
    # A unit editor's panel holds their branch only.
    only_kb = build_panel({kb.id}, TODAY)
    assert only_kb.expiring == [] and only_kb.failing == []
    assert [u.unit_name for u in only_kb.overdue] == ["Huyện ủy Kim Bôi"]


def test_alert_goes_through_the_relay_in_vietnamese(app, registry, relay):
    port, inbox = relay
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_FROM="cntt@tinhuy.local",
                      REGISTRY_ALERT_TO="it1@tinhuy.local, it2@tinhuy.local")
    assert send_alerts(None, build_panel(today=TODAY)) == 2
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["it1@tinhuy.local", "it2@tinhuy.local"]
    mail = message_from_bytes(envelope.original_content, policy=policy.default)
    body = mail.get_content()
    assert "Chứng thư số sắp hết hạn (3):" in body
    assert "Người A (cá nhân, Huyện ủy Lương Sơn): hết hạn" in body and "còn 10 ngày" in body
    assert "Huyện ủy Lương Sơn: chưa có tường lửa" in body
    assert "Huyện ủy Kim Bôi: kiểm tra lần cuối" in body
    assert "chứng thư số" in mail["Subject"]
    assert actions()[-1] == "registry.alerts.send"


def test_alerts_without_relay_or_recipients_are_refused_clearly(app, registry, relay):
    with pytest.raises(OperationError):
        send_alerts(None, build_panel(today=TODAY), ["a@b"])
    port, inbox = relay
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, REGISTRY_ALERT_TO="")
    with pytest.raises(OperationError):
        send_alerts(None, build_panel(today=TODAY))
    assert inbox.messages == [] and "registry.alerts.send" not in actions()


def test_cli_command_sends_and_dry_runs(app, registry, relay):
    port, inbox = relay
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["registry-alerts", "--dry-run"])
    assert result.exit_code == 0 and "Chứng thư số" in result.output and not inbox.messages
    result = runner.invoke(args=["registry-alerts", "--to", "it@tinhuy.local"])
    assert result.exit_code == 0, result.output
    assert "Sent to 1" in result.output and len(inbox.messages) == 1
    app.config.update(MAIL_PORT=1)  # nothing listens there
    result = runner.invoke(args=["registry-alerts", "--to", "it@tinhuy.local"])
    assert result.exit_code != 0 and "Error" in result.output
