"""What each paper says, gathered from the meeting's own records.

Official papers are always in Vietnamese, whatever the reader's UI language: the text
of the templates is Vietnamese and not translated.
"""

from datetime import datetime

from sqlalchemy import select

from meeting.core.time import to_local
from meeting.extensions import db
from meeting.meetings.models import OFFICES, Attendance, SpeakerRequest
from meeting.papers.layout import party_header
from meeting.papers.models import PAPER_KINDS, Minutes

OFFICE_VI = {"secretary": "Bí thư", "deputy_secretary": "Phó Bí thư",
             "standing_member": "Ủy viên Ban Thường vụ", "member": "Tỉnh ủy viên"}
PRESENCE_VI = {"present": "Có mặt", "absent": "Vắng mặt", "unknown": "Chưa điểm danh"}
MOTION_VI = {"yes": "Tán thành", "no": "Không tán thành", "abstain": "Không biểu quyết"}


def when(dt: datetime) -> str:
    """"08 giờ 00, ngày 25/11/2026" as papers write a time."""
    t = to_local(dt)
    return f"{t.hour:02d} giờ {t.minute:02d}, ngày {t.day:02d}/{t.month:02d}/{t.year}"


def attendance(meeting) -> dict:
    """Members of the body for the meeting's term, each with presence and excuse."""
    rows = {a.user_id: a for a in db.session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting.id))}
    people = []
    for m in sorted(meeting.term.incumbents, key=lambda m: (list(OFFICES).index(m.office)
                                                             if m.office in OFFICES else 9,
                                                             m.user.full_name)):
        a = rows.get(m.user_id)
        presence = a.presence if a else "unknown"
        excused = bool(a and a.rsvp == "excused")
        people.append({"name": m.user.full_name, "office": OFFICE_VI.get(m.office, m.office),
                       "presence": PRESENCE_VI.get(presence, presence),
                       "present": presence == "present",
                       "reason": (a.excuse_reason if a else "") or ("Có lý do" if excused
                                                                     else "")})
    present = sum(p["present"] for p in people)
    return {"people": people, "total": len(people), "present": present,
            "absent": len(people) - present,
            "guests": [g.user.full_name for g in meeting.guests]}


def speakers_by_item(meeting) -> dict[int, list[str]]:
    """Who spoke (or is speaking) on each item, in order."""
    out: dict[int, list[str]] = {}
    for r in db.session.scalars(select(SpeakerRequest).where(
            SpeakerRequest.meeting_id == meeting.id,
            SpeakerRequest.status.in_(("speaking", "done")))
            .order_by(SpeakerRequest.started_dt, SpeakerRequest.id)):
        out.setdefault(r.item_id, []).append(r.user.full_name)
    return out


def votes_by_item(meeting) -> dict[int | None, list[dict]]:
    """Closed polls' results per item, when the voting capability is installed."""
    try:
        from meeting.voting.models import Poll
        from meeting.voting.reservations import reservations_by_poll
    except ImportError:  # a deployment without voting still gets its minutes
        return {}
    polls = list(db.session.scalars(select(Poll).where(
        Poll.meeting_id == meeting.id, Poll.state.in_(("closed", "published")))
        .order_by(Poll.closed_dt, Poll.id)))
    # Members who kept their opinion on record (bảo lưu ý kiến): one query for all votes.
    reserved = reservations_by_poll([p.id for p in polls])
    out: dict[int | None, list[dict]] = {}
    for poll in polls:
        lines = _vote_lines(poll)
        lines["reservations"] = [{"name": r.user.full_name, "text": r.text}
                                 for r in reserved.get(poll.id, [])]
        out.setdefault(poll.item_id, []).append(lines)
    return out


def _vote_lines(poll) -> dict:
    result = poll.result or {}
    counts = result.get("counts") or {}
    outcome = result.get("outcome") or {}
    names = {str(c.id): c.name for c in poll.candidates}
    lines = []
    if poll.kind in ("motion", "hands"):
        lines = [f"{MOTION_VI.get(k, k)}: {v}" for k, v in counts.items()]
        if "passed" in outcome:
            lines.append("Kết quả: " + ("Thông qua" if outcome["passed"] else "Không thông qua"))
    elif poll.kind == "election":
        elected = set(outcome.get("elected") or ())
        lines = [f"{names.get(k, k)}: {v} phiếu" + (" (trúng cử)" if k in elected else "")
                 for k, v in counts.items()]
    elif poll.kind == "confidence":
        lines = [f"{names.get(k, k)}: tín nhiệm cao {v.get('high', 0)}, tín nhiệm "
                 f"{v.get('medium', 0)}, tín nhiệm thấp {v.get('low', 0)}"
                 for k, v in counts.items()]
    return {"title": poll.title, "secret": poll.is_secret, "ballots": result.get("ballots"),
            "valid": result.get("valid"), "invalid": result.get("invalid"), "lines": lines}


def minutes_of(meeting) -> Minutes | None:
    return db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))


def chair_signer(meeting, stamp=True, on_behalf=True) -> dict:
    """The chair signs "T/M <body>" (on behalf of the body) with their office in it."""
    office = next((m.office for m in meeting.term.incumbents
                   if m.user_id == meeting.chair_id), None)
    position = (OFFICE_VI[office] if on_behalf and office in ("secretary", "deputy_secretary")
                else "Chủ trì hội nghị")
    return {"on_behalf": f"T/M {meeting.body.name}" if on_behalf else "", "position": position,
            "name": meeting.chair.full_name if meeting.chair else "", "stamp": stamp}


def paper_context(meeting, kind: str, number: int | None = None, day=None) -> dict:
    """Everything the template of ``kind`` needs, for a meeting of any size (even empty)."""
    code, doc_type, _label = PAPER_KINDS[kind]
    items = list(meeting.items)
    minutes = minutes_of(meeting)
    subject = meeting.title
    if meeting.number:
        subject = f"{meeting.title} (lần thứ {meeting.number})"
    ctx = party_header(code, number, day or to_local(meeting.start_dt).date(),
                       doc_type=doc_type, summary=subject, paper_title=f"{doc_type} – {subject}")
    ctx.update(meeting=meeting, items=items, start=when(meeting.start_dt),
               end=when(meeting.end_dt), room=meeting.room or "", minutes=minutes,
               body_name=meeting.body.name, term_label=meeting.term.label)
    if kind in ("minutes", "notice"):
        ctx["attendance"] = attendance(meeting)
    if kind == "minutes":
        ctx["speakers"] = speakers_by_item(meeting)
        ctx["votes"] = votes_by_item(meeting)
        ctx["signers"] = [
            {"on_behalf": "", "position": "Thư ký hội nghị",
             "name": minutes.secretary_name if minutes else "", "stamp": False},
            chair_signer(meeting, on_behalf=False)]
    else:
        ctx["signers"] = [chair_signer(meeting)]
        ctx["recipients"] = [f"Các đồng chí {meeting.body.name}", "Lưu Văn phòng Tỉnh ủy"]
    return ctx
