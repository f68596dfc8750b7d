"""Fixtures of the papers tests: a test PKI, signing settings, papers built inline."""

import pytest

from tests.papers.pki import PASSWORD, TestPKI


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return TestPKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def app_config(app_config, pki):
    app_config.PAPERS_BACKGROUND = False
    app_config.SIGNING_PKCS12_PATH = str(pki.p12_path("signer"))
    app_config.SIGNING_PKCS12_PASSWORD = PASSWORD.decode()
    app_config.SIGNING_TRUST_ROOTS = str(pki.ca_path)
    app_config.SIGNING_CRL_PATHS = str(pki.crl_path)
    return app_config


@pytest.fixture
def held_meeting(create_meeting):
    """A meeting that has taken place: in session, roll call done for some members."""
    from meeting.meetings import agenda, attendance, speakers
    from tests.conftest import members_of

    meeting = create_meeting(status="in_session", items=3)
    people = members_of(meeting)
    for person in people[:4]:
        attendance.check_in(person, meeting)
    attendance.mark_presence(None, meeting, people[5], "absent")
    agenda.set_current_item(None, meeting, meeting.items[0].id)
    for person in people[1:3]:
        request = speakers.request_floor(person, meeting)
        speakers.give_floor(None, meeting, request.id)
        speakers.end_floor(None, meeting, request.id)
    return meeting
