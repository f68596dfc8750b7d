"""Fixtures for the voting tests: a meeting in session with its members checked in."""

import pytest

from meeting.meetings import attendance
from tests.conftest import members_of


@pytest.fixture
def app_config(app_config):
    # Every ballot's count is announced at once: the tests read events deterministically.
    app_config.VOTE_COUNT_INTERVAL = 0
    return app_config


@pytest.fixture
def voting_meeting(create_meeting):
    """Return a factory: an in-session meeting whose first ``present`` members checked in."""

    def factory(members=6, present=None):
        meeting = create_meeting(status="in_session", members=members)
        people = members_of(meeting)
        for user in people[: members if present is None else present]:
            attendance.check_in(user, meeting)
        return meeting

    return factory


@pytest.fixture
def motion(voting_meeting):
    """An open named motion of a 6-member body, all present; returns (poll, members)."""
    from meeting.voting import operations

    def factory(members=6, present=None, **settings):
        meeting = voting_meeting(members, present)
        settings.setdefault("kind", "motion")
        settings.setdefault("title", "Thông qua Nghị quyết")
        poll = operations.create_poll(None, meeting, **settings)
        operations.open_poll(None, poll)
        return poll, members_of(meeting)

    return factory
