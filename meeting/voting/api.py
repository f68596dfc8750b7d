"""JSON endpoints for polls and ballots on /api/v1 (in the OpenAPI document).

Ballots are cast over HTTP POST with the CSRF header and an ``Idempotency-Key`` header:
a replay gets the same answer and is counted once; the answer comes after commit.
"""

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from meeting.api import openapi
from meeting.api.blueprint import bp
from meeting.api.util import json_body
from meeting.core.errors import Forbidden, NotFound, OperationError
from meeting.extensions import db
from meeting.meetings.access import can_chair, can_see, get_visible_meeting, is_member
from meeting.voting import ballots, counting, operations, state
from meeting.voting.models import Poll, PollBallot

_ID, _STR = {"type": "integer"}, {"type": "string"}
openapi.PARAMETERS["poll_id"] = {"name": "poll_id", "in": "path", "required": True,
                                 "schema": _ID}
openapi.SCHEMAS.update({
    "Poll": {"type": "object", "properties": {
        "id": _ID, "meeting_id": _ID, "item_id": {"type": "integer", "nullable": True},
        "kind": {"type": "string", "enum": ["motion", "election", "confidence", "hands"]},
        "title": _STR, "is_secret": {"type": "boolean"}, "allow_abstain": {"type": "boolean"},
        "seats": _ID, "base": {"type": "string", "enum": ["members", "present", "valid"]},
        "threshold": {"type": "string",
                      "enum": ["half", "two_thirds", "three_quarters", "custom"]},
        "threshold_num": _ID, "threshold_den": _ID,
        "state": {"type": "string", "enum": ["draft", "open", "closed", "published"]},
        "candidates": {"type": "array", "items": {"type": "object", "properties": {
            "id": _ID, "name": _STR}}},
        "received": _ID, "eligible": _ID, "result": {"type": "object", "nullable": True},
        "explanation": {"type": "object", "properties": {
            "vi": {"type": "array", "items": _STR}, "en": {"type": "array", "items": _STR}}},
        "sha256": {"type": "string", "nullable": True}}},
    "PollList": {"type": "object", "properties": {
        "polls": {"type": "array", "items": {"$ref": "#/components/schemas/Poll"}}}},
    "PollInput": {"type": "object", "required": ["kind", "title"], "properties": {
        "kind": {"type": "string", "enum": ["motion", "election", "confidence", "hands"]},
        "title": _STR, "is_secret": {"type": "boolean"}, "allow_abstain": {"type": "boolean"},
        "seats": _ID, "candidates": {"type": "array", "items": _STR},
        "base": _STR, "threshold": _STR, "threshold_num": _ID, "threshold_den": _ID,
        "item_id": _ID}},
    "BallotInput": {"type": "object", "required": ["choice"], "properties": {"choice": {
        "description": "motion: yes|no|abstain; election: list of candidate ids kept; "
                       "confidence: {candidate id: high|medium|low}"}}},
    "BallotAnswer": {"type": "object", "properties": {
        "poll_id": _ID, "voted": {"type": "boolean"},
        "receipt": {"type": "string", "description": "secret polls only"}}},
    "Receipts": {"type": "object", "properties": {
        "poll_id": _ID, "receipt_hashes": {"type": "array", "items": _STR}}},
    "Verification": {"type": "object", "properties": {
        "ok": {"type": "boolean"}, "recount_matches": {"type": "boolean"},
        "digest_matches": {"type": "boolean"}, "ballots": _ID, "participations": _ID,
        "sha256": _STR}},
})


def _poll(meeting_id, poll_id) -> Poll:
    """Return a poll of a visible meeting; drafts only for whoever chairs it."""
    meeting = get_visible_meeting(current_user, meeting_id)
    poll = operations.get_poll(meeting, poll_id)
    if poll.state == "draft" and not can_chair(current_user, meeting):
        raise NotFound(_l("This vote does not exist."))
    return poll


def _data(poll):
    data = state.poll_data(poll)
    if can_chair(current_user, poll.meeting) and poll.state == "open":
        data["breakdown"] = state.breakdown(poll)
    return data


@bp.get("/meetings/<int:meeting_id>/polls")
@login_required
def list_polls(meeting_id):
    """List the meeting's votes, newest first (drafts for whoever chairs).
    ---
    get:
      tags: [polls]
      parameters: [meeting_id]
      responses:
        200: PollList
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    chair = can_chair(current_user, meeting)
    polls = db.session.scalars(select(Poll).where(Poll.meeting_id == meeting.id)
                               .order_by(Poll.id.desc()))
    return jsonify({"polls": [state.poll_data(p) for p in polls
                              if chair or p.state != "draft"]})


@bp.post("/meetings/<int:meeting_id>/polls")
@login_required
def create_poll(meeting_id):
    """Prepare a vote on the current (or given) agenda item (chair).
    ---
    post:
      tags: [polls]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: PollInput}}}
      responses:
        201: Poll
        409: Error
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    data = json_body()
    fields = {k: data[k] for k in ("kind", "title", "is_secret", "allow_abstain", "seats",
                                   "candidates", "base", "threshold", "threshold_num",
                                   "threshold_den", "item_id") if k in data}
    if not isinstance(fields.get("candidates", []), list):
        fields["candidates"] = [None]
    fields.setdefault("kind", None)
    fields.setdefault("title", None)
    poll = operations.create_poll(current_user, meeting, **fields)
    return jsonify(_data(poll)), 201


@bp.get("/meetings/<int:meeting_id>/polls/<int:poll_id>")
@login_required
def get_poll(meeting_id, poll_id):
    """Return one vote; whoever chairs also gets a named vote's breakdown.
    ---
    get:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: Poll
    """
    return jsonify(_data(_poll(meeting_id, poll_id)))


def _action(meeting_id, poll_id, fn, *args):
    poll = fn(current_user, _poll(meeting_id, poll_id), *args)
    return jsonify(_data(poll))


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/open")
@login_required
def open_poll(meeting_id, poll_id):
    """Open a prepared vote; the quorum is checked first (chair).
    ---
    post:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: Poll
        409: Error
    """
    return _action(meeting_id, poll_id, operations.open_poll)


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/close")
@login_required
def close_poll(meeting_id, poll_id):
    """Close the vote and count it (chair).
    ---
    post:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: Poll
        409: Error
    """
    return _action(meeting_id, poll_id, operations.close_poll)


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/publish")
@login_required
def publish_poll(meeting_id, poll_id):
    """Publish a counted vote's result (chair).
    ---
    post:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: Poll
        409: Error
    """
    return _action(meeting_id, poll_id, operations.publish_poll)


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/repeat")
@login_required
def repeat_poll(meeting_id, poll_id):
    """Prepare a repeat vote linked to a counted one (chair).
    ---
    post:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        201: Poll
        409: Error
    """
    poll = operations.repeat_poll(current_user, _poll(meeting_id, poll_id))
    return jsonify(_data(poll)), 201


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/hands")
@login_required
def record_hands(meeting_id, poll_id):
    """Record the counts of a show of hands: {"counts": {"yes": n, "no": n, "abstain": n}}.
    ---
    post:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      requestBody: {content: {application/json: {schema: {type: object,
        properties: {counts: {type: object}}}}}}
      responses:
        200: Poll
        409: Error
    """
    return _action(meeting_id, poll_id, operations.record_hands, json_body().get("counts"))


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/ballots")
@login_required
def cast_ballot(meeting_id, poll_id):
    """Cast one's ballot; send an Idempotency-Key header (a replay gets the same answer).
    ---
    post:
      tags: [polls]
      parameters:
      - meeting_id
      - poll_id
      - {name: Idempotency-Key, in: header, required: true, schema: {type: string}}
      requestBody: {content: {application/json: {schema: BallotInput}}}
      responses:
        200: BallotAnswer
        409: Error
    """
    poll = _ballot_poll(meeting_id, poll_id)
    try:
        answer = ballots.cast_ballot(current_user, poll, json_body().get("choice"),
                                     request.headers.get("Idempotency-Key"))
    except OperationError:
        # Whoever may not see the meeting learns nothing about its votes.
        db.session.rollback()
        if not can_see(current_user, poll.meeting):
            raise NotFound() from None
        raise
    return jsonify(answer)


def _ballot_poll(meeting_id, poll_id) -> Poll:
    """The poll a ballot is for, with its meeting, in one query.

    Who may see the meeting is not asked first, as ``_poll`` does: a ballot is accepted
    only from a seated member of the meeting's body, who sees a meeting that is not a
    draft; any refusal is turned into 404 for whoever may not see it (``cast_ballot``
    above). A ballot is the busiest request of a meeting: this spares two queries of it.
    """
    poll = db.session.scalar(select(Poll).join(Poll.meeting).options(
        contains_eager(Poll.meeting)).where(Poll.id == poll_id, Poll.meeting_id == meeting_id))
    if poll is None or poll.state == "draft" or poll.meeting.status == "draft":
        return _poll(meeting_id, poll_id)  # the full checks, and their answers
    return poll


def _require_counted_reader(poll):
    meeting = poll.meeting
    if not (can_chair(current_user, meeting) or is_member(current_user, meeting)):
        raise Forbidden()
    if poll.state not in ("closed", "published"):
        raise NotFound(_l("The vote is not counted yet."))


@bp.get("/meetings/<int:meeting_id>/polls/<int:poll_id>/receipts")
@login_required
def receipts(meeting_id, poll_id):
    """List the SHA-256 of every counted receipt, sorted (secret votes, once closed).
    ---
    get:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: Receipts
    """
    poll = _poll(meeting_id, poll_id)
    _require_counted_reader(poll)
    hashes = sorted(db.session.scalars(select(PollBallot.receipt_hash).where(
        PollBallot.poll_id == poll.id))) if poll.is_secret else []
    return jsonify({"poll_id": poll.id, "receipt_hashes": hashes})


@bp.get("/meetings/<int:meeting_id>/polls/<int:poll_id>/verify")
@login_required
def verify_poll(meeting_id, poll_id):
    """Recount a counted vote from its stored ballots and check the SHA-256 digest.
    ---
    get:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: Verification
    """
    poll = _poll(meeting_id, poll_id)
    _require_counted_reader(poll)
    return jsonify(counting.verify(poll))
