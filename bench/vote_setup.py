"""Make the bench's meeting ready to vote: in session, every member checked in, a draft poll.

Run by bench/vote.py after bench/_setup_accounts.py, with the server's environment.
Prints one JSON line: {"poll_id": int, "meeting_id": int, "eligible": int}.

    python bench/vote_setup.py
"""

import json


def main():
    from sqlalchemy import select

    from meeting import create_app
    from meeting.extensions import db
    from meeting.meetings import operations
    from meeting.meetings.models import Attendance, Body, Meeting
    from meeting.voting import operations as voting

    app = create_app()
    with app.app_context():
        body = db.session.scalar(select(Body).where(Body.code == "BCH"))
        meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == body.id)
                                    .order_by(Meeting.start_dt.desc()))
        if meeting.status == "published":
            operations.change_status(None, meeting, "in_session")
        present = {a.user_id: a for a in db.session.scalars(
            select(Attendance).where(Attendance.meeting_id == meeting.id))}
        # Checked in directly: 550 check-ins through the operation would take minutes.
        for membership in meeting.term.incumbents:
            row = present.get(membership.user_id)
            if row is None:
                db.session.add(Attendance(meeting_id=meeting.id, user_id=membership.user_id,
                                          rsvp="attending", presence="present",
                                          excuse_reason=""))
            else:
                row.presence = "present"
        db.session.commit()
        poll = voting.create_poll(None, meeting, kind="motion", title="Biểu quyết thử tải",
                                  is_secret=True, allow_abstain=True)
        print(json.dumps({"poll_id": poll.id, "meeting_id": meeting.id,
                          "eligible": len(meeting.term.incumbents)}))


if __name__ == "__main__":
    main()
