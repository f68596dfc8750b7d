"""The meeting's live state as plain data: the snapshot tablets load, and event payloads."""

from flask import current_app
from sqlalchemy import select

from meeting.core.time import utc_iso, utcnow
from meeting.extensions import db
from meeting.live.models import Connection
from meeting.meetings.access import can_chair, is_member
from meeting.meetings.models import Attendance, SpeakerRequest
from meeting.meetings.rules import check_in_opens, quorum


def item_data(item) -> dict:
    return {"id": item.id, "position": item.position, "title": item.title,
            "presenter": item.presenter, "planned_minutes": item.planned_minutes,
            "description": item.description, "status": item.status}


def agenda_data(meeting) -> dict:
    current = meeting.current_item
    return {"current_item_id": current.id if current else None,
            "items": [item_data(i) for i in meeting.items]}


def meeting_data(meeting) -> dict:
    return {"id": meeting.id, "title": meeting.title, "number": meeting.number,
            "body": meeting.body.name, "term": meeting.term.label,
            "start_dt": utc_iso(meeting.start_dt), "end_dt": utc_iso(meeting.end_dt),
            "check_in_opens_dt": utc_iso(check_in_opens(meeting.start_dt)),
            "room": meeting.room, "status": meeting.status, "chair_id": meeting.chair_id,
            "chair_name": meeting.chair.full_name if meeting.chair else None}


def attendance_data(meeting) -> dict:
    """List every member and guest with their answer and presence, and the quorum.

    The quorum counts present incumbent members against all of them; guests never count.
    """
    rows = {a.user_id: a for a in db.session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting.id))}
    incumbents = meeting.term.incumbents
    present = sum(1 for m in incumbents
                  if m.user_id in rows and rows[m.user_id].presence == "present")
    cfg = current_app.config
    quorum_now = quorum(present, len(incumbents), cfg["QUORUM_NUMERATOR"],
                        cfg["QUORUM_DENOMINATOR"])
    people = [(m.user, m.office, "member") for m in incumbents]
    people += [(g.user, "", "guest") for g in meeting.guests]
    listed = []
    for user, office, kind in people:
        row = rows.get(user.id)
        listed.append({"user_id": user.id, "name": user.full_name, "office": office,
                       "kind": kind, "rsvp": row.rsvp if row else "none",
                       "excuse_reason": row.excuse_reason if row else "",
                       "presence": row.presence if row else "unknown"})
    return {"quorum": quorum_now.as_dict(), "people": listed}


def speaker_data(request) -> dict:
    return {"id": request.id, "item_id": request.item_id, "user_id": request.user_id,
            "name": request.user.full_name, "status": request.status,
            "limit_seconds": request.limit_seconds,
            "started_dt": utc_iso(request.started_dt)}


def speakers_data(meeting) -> dict:
    """The queue for the current item: who speaks now and who waits, in order of request."""
    current = meeting.current_item
    if current is None:
        return {"item_id": None, "speaking": None, "queue": []}
    rows = db.session.scalars(select(SpeakerRequest).where(
        SpeakerRequest.item_id == current.id,
        SpeakerRequest.status.in_(("waiting", "speaking"))).order_by(SpeakerRequest.id))
    speaking, queue = None, []
    for row in rows:
        if row.status == "speaking":
            speaking = speaker_data(row)
        else:
            queue.append(speaker_data(row))
    return {"item_id": current.id, "speaking": speaking, "queue": queue}


def presence_data(meeting) -> dict:
    online = db.session.scalars(select(Connection.user_id).where(
        Connection.meeting_id == meeting.id).distinct())
    return {"online_user_ids": sorted(set(online))}


# Other domains (documents, voting) add their part of the snapshot through ``snapshot_part``.
_parts = []


def snapshot_part(part):
    """Register ``part(meeting, user) -> dict``; its keys are merged into every snapshot."""
    _parts.append(part)
    return part


def snapshot(meeting, user) -> dict:
    """Everything a tablet needs to draw the meeting, with the seq it is valid for."""
    data = _core_snapshot(meeting, user)
    for part in _parts:
        data |= part(meeting, user)
    return data


def _core_snapshot(meeting, user) -> dict:
    attendance = attendance_data(meeting)
    mine = next((p for p in attendance["people"] if p["user_id"] == user.id), None)
    speakers = speakers_data(meeting)
    my_request = next((s for s in ([speakers["speaking"]] if speakers["speaking"] else [])
                       + speakers["queue"] if s["user_id"] == user.id), None)
    return {
        "seq": meeting.live_seq,
        "server_time": utc_iso(utcnow()),
        "meeting": meeting_data(meeting),
        "agenda": agenda_data(meeting),
        "attendance": attendance,
        "speakers": speakers,
        "presence": presence_data(meeting),
        "speaker_limit_seconds": current_app.config["SPEAKER_LIMIT_SECONDS"],
        "me": {"user_id": user.id, "name": user.full_name,
               "is_member": is_member(user, meeting), "can_chair": can_chair(user, meeting),
               "is_secretariat": user.is_secretariat,
               "rsvp": mine["rsvp"] if mine else "none",
               "presence": mine["presence"] if mine else "unknown",
               "speaker_request": my_request},
    }
