"""Lookups shared by the JSON endpoints of the meetings module; unknown ids give 404."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from meeting.api.util import optional_int, parse_dt
from meeting.auth.models import User
from meeting.core.errors import NotFound
from meeting.core.ids import is_id
from meeting.extensions import db
from meeting.meetings.access import get_visible_meeting


def visible_meeting(meeting_id):
    return get_visible_meeting(current_user, meeting_id)


def user_or_404(user_id):
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        raise NotFound(_l("This person does not exist."))
    return user


def item_or_404(meeting, item_id):
    item = next((i for i in meeting.items if i.id == item_id), None)
    if item is None:
        raise NotFound()
    return item


def meeting_fields(data):
    return dict(title=data.get("title"),
                start_dt=parse_dt(data.get("start_dt"), _l("Start")),
                end_dt=parse_dt(data.get("end_dt"), _l("End")),
                room=str(data.get("room") or ""),
                chair_id=optional_int(data.get("chair_id"), _l("Chair")),
                number=optional_int(data.get("number"), _l("Number")))
