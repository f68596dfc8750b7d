"""Secret ballots cannot be linked to voters, from a full dump of the database.

The dump is SQLite's own SQL dump (``iterdump``) or ``pg_dump --inserts`` on PostgreSQL:
every table, in the rows' stored order. The voters cast in a known order (the first half
"yes", the second "no"), which the audit log keeps; nothing in the dump may lead from a
voter, or from that order, to a ballot.
"""

import json
import os
import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest
from sqlalchemy import text

from meeting.core.models import AuditEntry
from meeting.extensions import db
from meeting.voting import ballots, operations
from meeting.voting.models import PollBallot, PollParticipation

VOTERS = 40


def full_dump() -> list[str]:
    """Dump every table of the test database as SQL statements, in stored order."""
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        raw = db.engine.raw_connection()
        try:
            return list(raw.driver_connection.iterdump())
        finally:
            raw.close()
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")
    url = urlparse(os.environ["TEST_DATABASE_URL"])
    out = subprocess.run([shutil.which("pg_dump"), "--data-only", "--inserts", "-h",
                          url.hostname, "-p", str(url.port or 5432), "-U", url.username,
                          url.path.lstrip("/")], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def stored_order() -> list[str]:
    """The poll_ballots rows' ids in physical order (SQLite rowid, PostgreSQL ctid)."""
    if db.engine.dialect.name == "sqlite":
        query = "SELECT id FROM poll_ballots ORDER BY rowid"
    else:
        query = "SELECT id FROM poll_ballots ORDER BY ctid"
    return list(db.session.scalars(text(query)))


def test_a_full_dump_does_not_link_secret_ballots_to_voters(motion):
    poll, people = motion(members=VOTERS, is_secret=True)
    receipts, cast_order = {}, []
    for i, user in enumerate(people):
        choice = "yes" if i < VOTERS // 2 else "no"
        receipts[user.id] = ballots.cast_ballot(user, poll, choice, f"key-{user.id}-secret")[
            "receipt"]
        cast_order.append(choice)
    ids_while_open = set(db.session.scalars(db.select(PollBallot.id)))
    operations.close_poll(None, poll)
    dump = full_dump()
    text_dump = "\n".join(dump)

    # The ballots table has no person, no time, no sequence; the ids are new at closing.
    assert {c.name for c in PollBallot.__table__.columns} == {"id", "poll_id", "choice",
                                                             "receipt_hash"}
    rows = db.session.execute(db.select(PollBallot)).scalars().all()
    assert len(rows) == VOTERS and not ids_while_open & {r.id for r in rows}
    # Stored order is the order of the random ids, nothing else ...
    order = stored_order()
    assert order == sorted(order)
    # ... so the choices in stored order are not the voters' order.
    by_id = {r.id: r.choice for r in rows}
    assert [by_id[i] for i in order] != cast_order
    ballot_lines = [line for line in dump if "poll_ballots" in line and "INSERT" in line]
    assert len(ballot_lines) == VOTERS
    assert [next(i for i in order if i in line) for line in ballot_lines] == order

    # Who voted: participations without choice or time; audit entries without choice.
    parts = db.session.execute(db.select(PollParticipation)).scalars().all()
    assert len(parts) == VOTERS and all(p.choice is None and p.cast_dt is None for p in parts)
    votes = db.session.execute(db.select(AuditEntry).where(
        AuditEntry.action == "poll.vote")).scalars().all()
    assert [v.user_id for v in votes] == [u.id for u in people]
    assert all(v.before is None and v.after is None for v in votes)

    # Nothing but the ballot's own row carries its id or its receipt hash; the receipt
    # codes themselves appear nowhere; no voter-linked row holds a choice.
    for ballot in rows:
        holders = [line for line in dump if ballot.id in line or ballot.receipt_hash in line]
        assert len(holders) == 1 and "poll_ballots" in holders[0]
    for code in receipts.values():
        assert code not in text_dump
    for line in dump:
        if "poll_participations" in line or "'poll.vote'" in line:
            assert not re.search(r"\b(yes|no)\b", line.split("VALUES", 1)[-1]), line
    # The result and the close's audit entry hold totals only.
    close = db.session.scalars(db.select(AuditEntry).where(
        AuditEntry.action == "poll.close")).one()
    assert json.dumps(close.after).count("receipt") == 0
