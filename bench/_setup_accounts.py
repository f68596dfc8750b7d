"""Give the demo's meeting of today N extra delegates, through the app's own operations.

Run by bench/live_fanout.py in a subprocess, with the environment of the server under test
(DATABASE_URL, MEETING_INSTANCE), after ``meeting db upgrade`` and ``meeting demo``. Prints
one JSON line: the meeting's id, its agenda item ids, the chair and the new usernames.

    python bench/_setup_accounts.py COUNT PASSWORD
"""

import json
import sys


def main(count: int, password: str):
    from sqlalchemy import select

    from meeting import create_app
    from meeting.auth.models import User
    from meeting.auth.operations import create_user
    from meeting.extensions import db
    from meeting.meetings.models import Body, Meeting
    from meeting.meetings.operations import add_member

    app = create_app()
    with app.app_context():
        body = db.session.scalar(select(Body).where(Body.code == "BCH"))
        meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == body.id)
                                    .order_by(Meeting.start_dt.desc()))
        usernames = []
        for i in range(1, count + 1):
            username = f"bench{i:04d}"
            user = db.session.scalar(select(User).where(User.username == username))
            if user is None:
                user = create_user(None, username=username, full_name=f"Đại biểu thử tải {i:04d}",
                                   password=password, roles=["delegate"], title="Tỉnh ủy viên")
                add_member(None, meeting.term, user, "member")
            usernames.append(username)
        print(json.dumps({"meeting_id": meeting.id, "item_ids": [i.id for i in meeting.items],
                          "chair": meeting.chair.username, "usernames": usernames}))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
