"""E-mail the expiry and compliance panel through the internal relay (smtplib, no Internet).

Settings: MAIL_SERVER (none: e-mail is off), MAIL_PORT, MAIL_FROM, REGISTRY_ALERT_TO (comma-
separated addresses). The message is Vietnamese plain text: relays and mail clients on the
internal network show it as it is.
"""

import smtplib
from email.message import EmailMessage

from flask import current_app
from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError
from meeting.core.unit_of_work import audit, commit
from meeting.registry.expiry import Panel

KIND_NAMES = {"organisation": "tổ chức", "individual": "cá nhân"}
CHECK_NAMES = {"network_isolated": "mạng nội bộ chưa tách biệt Internet",
               "firewall": "chưa có tường lửa", "antivirus": "chưa có phần mềm phòng chống virus"}


def recipients() -> list[str]:
    return [a.strip() for a in current_app.config.get("REGISTRY_ALERT_TO", "").split(",")
            if a.strip()]


def alert_text(panel: Panel) -> str:
    """The message body: one line per certificate or unit, most urgent first."""
    lines = [f"Tình hình chứng thư số và an toàn thông tin ngày {panel.today:%d/%m/%Y}", ""]
    if panel.expiring:
        lines.append(f"Chứng thư số sắp hết hạn ({len(panel.expiring)}):")
        lines += [f"- {c.serial} – {c.holder_name} ({KIND_NAMES.get(c.holder_kind, '')}, "
                  f"{c.unit_name}): hết hạn {c.valid_to:%d/%m/%Y}, còn {c.days_left} ngày"
                  for c in panel.expiring]
        lines.append("")
    if panel.revoked:
        lines.append(f"Chứng thư số đã thu hồi ({len(panel.revoked)}):")
        lines += [f"- {serial} – {holder} ({unit}): thu hồi {day:%d/%m/%Y}"
                  for serial, holder, unit, day in panel.revoked]
        lines.append("")
    if panel.failing:
        lines.append(f"Đơn vị chưa đạt tiêu chí an toàn thông tin ({len(panel.failing)}):")
        lines += [f"- {u.unit_name}: " + "; ".join(CHECK_NAMES[m] for m in u.missing)
                  for u in panel.failing]
        lines.append("")
    if panel.overdue:
        lines.append(f"Đơn vị quá hạn kiểm tra an toàn thông tin ({len(panel.overdue)}):")
        lines += [f"- {u.unit_name}: " + (f"kiểm tra lần cuối {u.checked_on:%d/%m/%Y}"
                                         if u.checked_on else "chưa kiểm tra")
                  for u in panel.overdue]
    return "\n".join(lines).rstrip() + "\n"


def send_alerts(actor, panel: Panel, to: list[str] | None = None) -> int:
    """Send the panel to ``to`` (default REGISTRY_ALERT_TO); return how many got it.

    :raises OperationError: no relay or no recipient is configured, or the relay refused.
    """
    config = current_app.config
    to = to if to is not None else recipients()
    if not config.get("MAIL_SERVER"):
        raise OperationError(_l("No mail relay is configured (MAIL_SERVER)."))
    if not to:
        raise OperationError(_l("No recipient is configured (REGISTRY_ALERT_TO)."))
    message = EmailMessage()
    message["Subject"] = ("[Sổ CNTT] Cảnh báo chứng thư số và an toàn thông tin "
                          f"{panel.today:%d/%m/%Y}")
    message["From"] = config["MAIL_FROM"]
    message["To"] = ", ".join(to)
    message.set_content(alert_text(panel))
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=20) as smtp:
            refused = smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise OperationError(_l("The mail relay refused the message: %(error)s",
                                error=str(exc))) from None
    audit(actor, "registry.alerts.send", panel,
          after={"to": to, "counts": {k: v for k, v in panel.counts().items()
                                      if k != "expiring"} | {
                                          "expiring": panel.counts()["expiring"][90]}})
    commit()
    return len(to) - len(refused)
