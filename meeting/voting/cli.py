"""``meeting verify-poll ID``: recount a vote from its stored ballots and check its digest."""

import click


def verify_poll_command(poll_id):
    """Recount a counted vote from the stored ballots; exit 1 if anything differs."""
    from meeting.extensions import db
    from meeting.voting.counting import verify
    from meeting.voting.models import Poll

    poll = db.session.get(Poll, poll_id)
    if poll is None:
        raise click.ClickException(f"No vote with id {poll_id}.")
    check = verify(poll)
    click.echo(f"Vote {poll.id}: {poll.title}")
    if check.get("reason"):
        raise click.ClickException("The vote is not counted yet.")
    click.echo(f"  ballots stored:        {check['ballots']}")
    click.echo(f"  participations:        {check['participations']}")
    click.echo(f"  recount = result:      {'yes' if check['recount_matches'] else 'NO'}")
    click.echo(f"  SHA-256 stored:        {poll.ballots_sha256}")
    click.echo(f"  SHA-256 recomputed:    {check['sha256']}")
    click.echo(f"  digest matches:        {'yes' if check['digest_matches'] else 'NO'}")
    if not check["ok"]:
        raise click.ClickException("Verification FAILED: the stored ballots do not match "
                                   "the counted result.")
    click.echo("Verification passed.")


def register(app):
    @app.cli.command("verify-poll")
    @click.argument("poll_id", type=int)
    def verify_poll(poll_id):
        """Recount a counted vote from the stored ballots; exit 1 if anything differs."""
        verify_poll_command(poll_id)
