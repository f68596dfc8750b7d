"""Casting and closing at the same moment, on PostgreSQL: nothing counted twice or lost.

Each voter is a thread with its own app context and database session, as separate
requests would be. SQLite serialises every writer, so these tests need PostgreSQL.
"""

import threading
import time

import pytest
from sqlalchemy import func, select

from meeting.auth.models import User
from meeting.core.errors import Conflict, OperationError
from meeting.extensions import db
from meeting.meetings.models import Attendance
from meeting.voting import ballots, counting, operations
from meeting.voting.models import Poll, PollBallot, PollParticipation
from tests.conftest import members_of

VOTERS = 200


@pytest.fixture
def app_config(app_config):
    if not app_config.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
    app_config.SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 24, "max_overflow": 0,
                                            "pool_timeout": 120}
    app_config.VOTE_COUNT_INTERVAL = 0
    return app_config


def _big_meeting(create_meeting, members):
    meeting = create_meeting(status="in_session", members=members)
    # Checked in directly: 200 check-ins through the operation would only slow the test.
    db.session.add_all(Attendance(meeting_id=meeting.id, user_id=u.id, rsvp="attending",
                                  presence="present", excuse_reason="")
                       for u in members_of(meeting))
    db.session.commit()
    return meeting


def _run(app, jobs):
    """Start every job at the same instant; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(i, job):
        with app.app_context():
            barrier.wait()
            try:
                results[i] = job()
            except Exception as exc:  # noqa: BLE001 (kept to assert on)
                results[i] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    return results


def _cast(poll_id, user_id, choice, key):
    def job():
        poll = db.session.get(Poll, poll_id)
        return ballots.cast_ballot(db.session.get(User, user_id), poll, choice, key)
    return job


def _close_when(poll_id, at_least):
    def job():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and db.session.scalar(
                select(func.count()).select_from(PollParticipation)
                .where(PollParticipation.poll_id == poll_id)) < at_least:
            db.session.rollback()
            time.sleep(0.002)
        return operations.close_poll(None, db.session.get(Poll, poll_id)).result
    return job


@pytest.mark.parametrize("secret", [True, False])
def test_two_hundred_voters_and_a_close_at_the_same_moment(app, create_meeting, secret):
    meeting = _big_meeting(create_meeting, VOTERS)
    poll = operations.create_poll(None, meeting, kind="motion", title="Đồng thời",
                                  is_secret=secret)
    operations.open_poll(None, poll)
    voters = [u.id for u in members_of(meeting)]
    jobs = [_cast(poll.id, uid, "yes" if uid % 3 else "no", f"key-{uid}-concurrent")
            for uid in voters]
    jobs.append(_close_when(poll.id, VOTERS // 4))
    results = _run(app, jobs)

    result = results[-1]
    assert isinstance(result, dict), result
    accepted = [r for r in results[:-1] if isinstance(r, dict)]
    refused = [r for r in results[:-1] if not isinstance(r, dict)]
    assert all(isinstance(r, Conflict) for r in refused), {type(r) for r in refused}
    assert len(accepted) + len(refused) == VOTERS and len(accepted) >= VOTERS // 4
    db.session.expire_all()
    participations = db.session.scalar(select(func.count()).select_from(PollParticipation)
                                       .where(PollParticipation.poll_id == poll.id))
    stored = (db.session.scalar(select(func.count()).select_from(PollBallot)
                                .where(PollBallot.poll_id == poll.id))
              if secret else participations)
    # Every accepted ballot was counted, none after the close, each person once.
    assert participations == stored == len(accepted) == result["ballots"]
    assert counting.verify(db.session.get(Poll, poll.id))["ok"]


def test_two_tablets_of_one_person_at_once(app, create_meeting):
    meeting = _big_meeting(create_meeting, 20)
    poll = operations.create_poll(None, meeting, kind="motion", title="Hai máy",
                                  is_secret=True)
    operations.open_poll(None, poll)
    jobs = []
    for uid in (u.id for u in members_of(meeting)):
        jobs += [_cast(poll.id, uid, "yes", f"key-{uid}-tablet-a"),
                 _cast(poll.id, uid, "no", f"key-{uid}-tablet-b"),
                 _cast(poll.id, uid, "yes", f"key-{uid}-tablet-a")]  # a replay as well
    results = _run(app, jobs)
    assert not [r for r in results if isinstance(r, Exception)
                and not isinstance(r, OperationError)]
    for i in range(0, len(results), 3):
        a, b, replay = results[i:i + 3]
        # Exactly one tablet wins; a replay of the winner gets the winner's answer.
        assert isinstance(a, dict) != isinstance(b, dict)
        if isinstance(a, dict):
            assert replay == a
    assert db.session.scalar(select(func.count()).select_from(PollBallot)) == 20
