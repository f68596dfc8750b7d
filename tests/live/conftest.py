"""Fixtures for the live channel: tablets in a meeting, a record of what was announced."""

import copy
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.live import announce
from meeting.meetings.models import Meeting


def live_seq(meeting_id, engine=None):
    """Read the meeting's committed sequence number on a connection of its own."""
    with (engine or db.engine).connect() as conn:
        return conn.execute(select(Meeting.live_seq).where(Meeting.id == meeting_id)).scalar_one()


def join(sock, meeting):
    """Join the meeting's rooms; return the acknowledgement."""
    return sock.emit("join", {"meeting_id": meeting.id}, callback=True)


def received(sock):
    """Return (event, payload) pairs received since the last call, connected or not."""
    queue, sock.sock.queue = sock.sock.queue, []
    return [(m["name"], m["args"][0] if m["args"] else None) for m in queue]


@pytest.fixture
def tablet(login, socket_for):
    """Return a factory: tablet(user, meeting) is that person's socket, joined, inbox empty."""

    def factory(user, meeting=None, api=None):
        sock = socket_for(api or login(user))
        assert sock.is_connected()
        if meeting is not None:
            ack = join(sock, meeting)
            assert ack["ok"] is True, ack
        received(sock)
        return sock

    return factory


@dataclass
class Sent:
    room: str
    event: str
    payload: dict
    committed_seq: int | None  # the meeting's live_seq in the database when it was sent


@pytest.fixture
def announcements(app, monkeypatch):
    """Record every announcement as it is sent, with the seq the database had committed."""
    sent = []
    original = announce.Announcement.send
    engine = db.engine

    def send(self):
        committed = None
        meeting_id = (self.payload or {}).get("meeting_id")
        if isinstance(meeting_id, int):
            committed = live_seq(meeting_id, engine)
        sent.append(Sent(self.room, self.event, copy.deepcopy(self.payload), committed))
        original(self)

    monkeypatch.setattr(announce.Announcement, "send", send)
    return sent


NUMBERED = {"agenda.current", "agenda.changed", "meeting.status", "meeting.updated",
            "attendance.changed", "speakers.changed"}


def replay(snapshot, events):
    """Apply announcements to a snapshot the way static/js/live.js does; return the state."""
    state = copy.deepcopy(snapshot)
    for event, payload in events:
        if event not in NUMBERED:
            if event == "presence.changed":
                state["presence"] = {"online_user_ids": payload["online_user_ids"]}
            continue
        if payload["seq"] <= state["seq"]:
            continue
        assert payload["seq"] == state["seq"] + 1, f"gap before {event} {payload['seq']}"
        state["seq"] = payload["seq"]
        data = {k: v for k, v in payload.items() if k not in ("seq", "meeting_id")}
        if event in ("agenda.current", "agenda.changed"):
            state["agenda"] = data
        elif event == "meeting.status":
            state["meeting"]["status"] = data["status"]
            state["agenda"] = data["agenda"]
        elif event == "meeting.updated":
            state["meeting"] = data["meeting"]
        elif event == "attendance.changed":
            state["attendance"] = data
            mine = next((p for p in data["people"]
                         if p["user_id"] == state["me"]["user_id"]), None)
            if mine:
                state["me"]["rsvp"], state["me"]["presence"] = mine["rsvp"], mine["presence"]
        elif event == "speakers.changed":
            state["speakers"] = data
            everyone = ([data["speaking"]] if data["speaking"] else []) + data["queue"]
            state["me"]["speaker_request"] = next(
                (s for s in everyone if s["user_id"] == state["me"]["user_id"]), None)
    return state


@pytest.fixture
def tablets():
    """Return a factory: tablets(browser) connects a real Socket.IO client; all are closed."""
    from tests.servers import Tablet

    opened = []

    def factory(browser):
        opened.append(Tablet(browser))
        return opened[-1]

    yield factory
    for tablet in opened:
        tablet.close()
