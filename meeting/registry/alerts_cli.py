"""``meeting registry-alerts``: the expiry panel by e-mail, for a daily cron job."""

import click

from meeting.core.errors import OperationError
from meeting.registry.expiry import build_panel
from meeting.registry.mail import alert_text, send_alerts


def run_alerts(dry_run: bool = False, to: list[str] | None = None) -> None:
    panel = build_panel()
    if panel.empty:
        click.echo("Nothing expires and every unit passes its checks: no e-mail sent.")
        return
    if dry_run:
        click.echo(alert_text(panel))
        return
    try:
        sent = send_alerts(None, panel, to)
    except OperationError as exc:
        raise click.ClickException(str(exc.message)) from None
    click.echo(f"Sent to {sent} recipient(s).")
