"""The ``meeting`` command: Flask's commands plus run, create-admin and demo."""

import os

import click
from flask.cli import FlaskGroup, routes_command, shell_command


def _create_app():
    from meeting import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
@click.version_option(package_name="meeting", prog_name="meeting", message="%(prog)s %(version)s")
def cli():
    """Paperless meeting system."""


cli.add_command(routes_command)
cli.add_command(shell_command)


@cli.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--worker/--no-worker", default=None,
              help="Start `meeting worker` beside the server (default: when there is no Redis).")
def run_command(host, port, worker):
    """Serve the app with its live channel (gevent unless SOCKETIO_ASYNC_MODE says otherwise)."""
    from flask import current_app

    from meeting.extensions import socketio

    click.echo(f"Serving on http://{host}:{port} ({socketio.server.async_mode})")
    # In threading mode socketio.run() calls app.run(), which Flask skips (returning at once)
    # when the FlaskGroup marked the process as "run from the CLI"; this command is the server.
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    if not current_app.config["REDIS_URL"]:
        # The only process holds every socket, so rows left by its last run are stale: a
        # stopped server runs no disconnect handlers, and their people would look online.
        from meeting.live.presence import forget_connections

        forget_connections()
        # One server, no Redis: its worker's announcements come through the outbox.
        from meeting.live.outbox import start_relay

        start_relay(current_app._get_current_object())
    if worker if worker is not None else not current_app.config["REDIS_URL"]:
        _start_local_worker(current_app.config["JOB_WORKERS"])
    socketio.run(current_app._get_current_object(), host=host, port=port, log_output=False,
                 allow_unsafe_werkzeug=socketio.server.async_mode == "threading")


def _start_local_worker(workers: int):
    """Run `meeting worker` as a child that ends with this server."""
    import atexit
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-m", "meeting", "worker", "--workers",
                              str(workers), "--parent-pid", str(os.getpid())])
    click.echo(f"Worker started (pid {child.pid}, {workers} processes)")
    atexit.register(child.terminate)


@cli.command("worker")
@click.option("--workers", default=None, type=int, help="Worker processes (JOB_WORKERS, 2).")
@click.option("--parent-pid", default=None, type=int, hidden=True)
def worker_command(workers, parent_pid):
    """Run queued heavy work: page images, conversions, paper and report builds."""
    from flask import current_app

    from meeting.core.queue import run_worker

    run_worker(workers or current_app.config["JOB_WORKERS"], parent_pid)


def register_commands(app):
    """Add the app's own commands; kept here so the CLI is one file."""

    @app.cli.command("create-admin")
    @click.option("--username", prompt=True)
    @click.option("--full-name", prompt=True)
    @click.password_option()
    def create_admin(username, full_name, password):
        """Create an administrator account (a production install has none by default)."""
        from meeting.auth.operations import create_user
        from meeting.core.errors import OperationError

        try:
            create_user(None, username=username, full_name=full_name, password=password,
                        roles=["admin"])
        except OperationError as exc:
            raise click.ClickException(str(exc.message)) from None
        click.echo(f"Created administrator {username}.")

    from meeting.voting.cli import register as register_voting

    register_voting(app)

    @app.cli.command("demo")
    def demo():
        """Load demo bodies, people and meetings (once), and print the demo logins."""
        from meeting.demo import DEMO_PASSWORD, load_demo

        logins = load_demo()
        click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, username in logins:
            click.echo(f"  {role:<28} {username}")

    @app.cli.command("doctor")
    def doctor():
        """Say what this server lacks (Debian packages, database, disk) and what that disables."""
        from flask import current_app

        from meeting.core.doctor import run_checks

        checks = run_checks(current_app)
        for check in checks:
            click.echo(check.line())
        if not all(check.ok for check in checks):
            raise SystemExit(1)

    @app.cli.command("registry-alerts")
    @click.option("--dry-run", is_flag=True, help="Print the message instead of sending it.")
    @click.option("--to", "to", multiple=True, help="Recipient (default: REGISTRY_ALERT_TO).")
    def registry_alerts(dry_run, to):
        """E-mail expiring certificates and failing security checks to the IT officers."""
        from meeting.registry.alerts_cli import run_alerts

        run_alerts(dry_run=dry_run, to=list(to) or None)

    @app.cli.command("create-token")
    @click.argument("username")
    @click.argument("name")
    def create_token_command(username, name):
        """Make an API token for USERNAME's scripts; it is printed once, never stored."""
        from sqlalchemy import select

        from meeting.auth.models import User
        from meeting.auth.tokens import create_token
        from meeting.core.errors import OperationError
        from meeting.extensions import db

        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            raise click.ClickException(f"No account named {username}.")
        try:
            _row, token = create_token(None, user, name)
        except OperationError as exc:
            raise click.ClickException(str(exc.message)) from None
        click.echo(token)
