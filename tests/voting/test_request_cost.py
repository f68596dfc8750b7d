"""What one ballot costs the database: one transaction, a fixed handful of statements.

A ballot is the busiest request of a meeting (hundreds within a second), so its queries are
counted here: a change that adds a round trip per ballot shows up as a failure, not as a
slower benchmark weeks later.
"""

import threading
from contextlib import contextmanager

from sqlalchemy import event

from meeting.extensions import db
from tests.conftest import isolated, members_of
from tests.voting.test_api import _open_motion, cast

# Login session with its user and roles (every request, one query); poll with its meeting;
# seat and presence; hold the poll open (SQLite: a no-op UPDATE; PostgreSQL: the advisory
# lock and the state); participation, ballot, audit entry.
MOST_STATEMENTS = 8


@contextmanager
def recorded():
    """Statements and commits of this thread (the coalesced count runs in another)."""
    engine, seen, me = db.engine, [], threading.get_ident()

    def note(what):
        if threading.get_ident() == me:
            seen.append(what)

    listeners = [("before_cursor_execute", lambda *a: note(a[2])),
                 ("commit", lambda conn: note("COMMIT"))]
    for name, fn in listeners:
        event.listen(engine, name, fn)
    try:
        yield seen
    finally:
        for name, fn in listeners:
            event.remove(engine, name, fn)


def test_a_ballot_is_one_transaction_of_a_few_statements(app, login, voting_meeting):
    meeting = voting_meeting(members=4)
    _chair, poll_id = _open_motion(login, meeting, is_secret=True)
    voters = [login(user) for user in members_of(meeting)[1:3]]
    assert cast(voters[0], meeting.id, poll_id, "yes", key="warm-up-key-1").status_code == 200
    with recorded() as seen:
        answer = cast(voters[1], meeting.id, poll_id, "no", key="measured-key-1")
    assert answer.status_code == 200 and answer.json["receipt"]
    # The tests announce every count at once (VOTE_COUNT_INTERVAL 0): that is a second,
    # separate transaction; the ballot's own is the first.
    ballot = seen[:seen.index("COMMIT")]
    assert len(ballot) <= MOST_STATEMENTS, "\n".join(ballot)
    # Nothing is read again after the ballot is stored: the answer is built before commit.
    assert ballot[-1].lstrip().upper().startswith("INSERT"), ballot[-1]


def test_an_outsider_learns_nothing_about_a_vote(app, login, voting_meeting, create_user):
    meeting = voting_meeting(members=3)
    _chair, poll_id = _open_motion(login, meeting)
    outsider = login(create_user("outsider"))
    for key in ("outsider-key-1", "bad key"):
        refused = cast(outsider, meeting.id, poll_id, "yes", key=key)
        assert refused.status_code == 404, refused.json
    assert cast(outsider, meeting.id, 424242, "yes").status_code == 404
    not_json = isolated(outsider.client.post, f"/api/v1/meetings/{meeting.id}/polls/{poll_id}"
                        "/ballots", data="[", headers={"X-CSRFToken": outsider.token,
                                                      "Idempotency-Key": "outsider-key-2",
                                                      "Content-Type": "application/json"})
    assert not_json.status_code == 404
