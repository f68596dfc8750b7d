"""Socket.IO handlers: authenticate, join a meeting's rooms, track presence.

Every state change a socket asks for goes through the same operation as its HTTP
route; the reply is an acknowledgement ``{"ok": true}`` or ``{"ok": false, "error": ...}``.
"""

import logging

from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from meeting.core.errors import OperationError
from meeting.extensions import db, socketio
from meeting.live import announce, presence
from meeting.meetings import agenda, attendance, speakers
from meeting.meetings.access import can_chair, get_visible_meeting

log = logging.getLogger(__name__)


def _meeting_id(data):
    if not isinstance(data, dict) or type(data.get("meeting_id")) is not int:
        raise OperationError(_("meeting_id must be an integer"))
    return data["meeting_id"]


def _reply(handler):
    """Turn a handler's result or refusal into an acknowledgement; never crash the socket."""
    def wrapped(data=None, *extra):
        if not current_user.is_authenticated:
            # The login session ended while the socket was open.
            socketio.server.disconnect(request.sid, namespace="/")
            return {"ok": False, "error": _("not authenticated")}
        try:
            if extra:
                # Every event takes one object; more arguments are a malformed payload.
                raise OperationError()
            return {"ok": True, **(handler(data) or {})}
        except OperationError as exc:
            db.session.rollback()
            return {"ok": False, "error": str(exc.message), "status": exc.status}
        except Exception:
            db.session.rollback()
            log.exception("socket handler failed")
            return {"ok": False, "error": _("server error"), "status": 500}
    wrapped.__name__ = handler.__name__
    return wrapped


@socketio.on("connect")
def on_connect(auth=None):
    """Refuse anonymous sockets; put the socket in its person's and login's rooms."""
    if not current_user.is_authenticated:
        raise ConnectionRefusedError(_("not authenticated"))
    join_room(announce.user_room(current_user.id))
    join_room(announce.login_room(current_user.login_token))
    presence.open_connection(current_user, request.sid)


@socketio.on("disconnect")
def on_disconnect(reason=None):
    presence.close_connection(request.sid)


def _leave_rooms(meeting_id):
    leave_room(announce.meeting_room(meeting_id))
    leave_room(announce.role_room(meeting_id, "chair"))


@socketio.on("join")
@_reply
def on_join(data):
    """Join a meeting's room (and the chair's room when chairing); reply with its seq."""
    meeting = get_visible_meeting(current_user, _meeting_id(data))
    join_room(announce.meeting_room(meeting.id))
    if can_chair(current_user, meeting):
        join_room(announce.role_room(meeting.id, "chair"))
    previous = presence.enter_meeting(request.sid, meeting)
    if previous:
        _leave_rooms(previous)
    # Read now that the socket is in the room: whatever commits later reaches it as an event.
    db.session.refresh(meeting, ["live_seq"])
    return {"seq": meeting.live_seq}


@socketio.on("leave")
@_reply
def on_leave(data):
    meeting = get_visible_meeting(current_user, _meeting_id(data))
    _leave_rooms(meeting.id)
    presence.leave_meeting(request.sid, meeting)


@socketio.on("agenda.set_current")
@_reply
def on_set_current(data):
    meeting = get_visible_meeting(current_user, _meeting_id(data))
    item_id = data.get("item_id")
    if item_id is not None and type(item_id) is not int:
        raise OperationError(_("item_id must be an integer or null"))
    agenda.set_current_item(current_user, meeting, item_id)


@socketio.on("attendance.check_in")
@_reply
def on_check_in(data):
    attendance.check_in(current_user, get_visible_meeting(current_user, _meeting_id(data)))


@socketio.on("speaker.request")
@_reply
def on_request_floor(data):
    speakers.request_floor(current_user, get_visible_meeting(current_user, _meeting_id(data)))


@socketio.on("speaker.withdraw")
@_reply
def on_withdraw(data):
    meeting = get_visible_meeting(current_user, _meeting_id(data))
    if type(data.get("request_id")) is not int:
        raise OperationError(_("request_id must be an integer"))
    speakers.withdraw(current_user, meeting, data["request_id"])
