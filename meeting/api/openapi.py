"""The OpenAPI 3 document, built by apispec from the API views' docstrings."""

from apispec import APISpec
from apispec_webframeworks.flask import FlaskPlugin
from flask import current_app, jsonify

from meeting.api.blueprint import bp

_ID = {"type": "integer"}
_STR = {"type": "string"}
_DT = {"type": "string", "format": "date-time"}

SCHEMAS = {
    "Error": {"type": "object", "properties": {"error": _STR, "status": _ID}},
    "MeetingList": {"type": "object", "properties": {
        "meetings": {"type": "array", "items": {"$ref": "#/components/schemas/Meeting"}}}},
    "Meeting": {"type": "object", "properties": {
        "id": _ID, "title": _STR, "number": {"type": "integer", "nullable": True},
        "body": _STR, "term": _STR, "start_dt": _DT, "end_dt": _DT, "room": _STR,
        "status": {"type": "string",
                   "enum": ["draft", "published", "in_session", "closed", "archived"]},
        "chair_id": {"type": "integer", "nullable": True},
        "chair_name": {"type": "string", "nullable": True}}},
    "MeetingInput": {"type": "object", "required": ["body_id", "title", "start_dt", "end_dt"],
                     "properties": {"body_id": _ID, "title": _STR, "start_dt": _DT,
                                    "end_dt": _DT, "room": _STR, "chair_id": _ID,
                                    "number": _ID}},
    "AgendaItem": {"type": "object", "properties": {
        "id": _ID, "position": _ID, "title": _STR, "presenter": _STR,
        "planned_minutes": _ID, "description": _STR,
        "status": {"type": "string", "enum": ["pending", "current", "done"]}}},
    "AgendaItemInput": {"type": "object", "required": ["title"], "properties": {
        "title": _STR, "presenter": _STR,
        "planned_minutes": {"type": "integer", "minimum": 1, "maximum": 600},
        "description": _STR}},
    "Agenda": {"type": "object", "properties": {
        "current_item_id": {"type": "integer", "nullable": True},
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/AgendaItem"}}}},
    "Quorum": {"type": "object", "properties": {
        "present": _ID, "total": _ID, "required": _ID, "is_met": {"type": "boolean"}}},
    "Attendance": {"type": "object", "properties": {
        "quorum": {"$ref": "#/components/schemas/Quorum"},
        "people": {"type": "array", "items": {"type": "object", "properties": {
            "user_id": _ID, "name": _STR, "office": _STR,
            "kind": {"type": "string", "enum": ["member", "guest"]},
            "rsvp": {"type": "string", "enum": ["none", "attending", "excused"]},
            "excuse_reason": _STR,
            "presence": {"type": "string", "enum": ["unknown", "present", "absent"]}}}}}},
    "Speaker": {"type": "object", "properties": {
        "id": _ID, "item_id": _ID, "user_id": _ID, "name": _STR,
        "status": {"type": "string", "enum": ["waiting", "speaking", "done", "withdrawn"]},
        "limit_seconds": _ID, "started_dt": {"type": "string", "nullable": True}}},
    "Speakers": {"type": "object", "properties": {
        "item_id": {"type": "integer", "nullable": True},
        "speaking": {"allOf": [{"$ref": "#/components/schemas/Speaker"}], "nullable": True},
        "queue": {"type": "array", "items": {"$ref": "#/components/schemas/Speaker"}}}},
    "Snapshot": {"type": "object", "properties": {
        "seq": _ID, "meeting": {"$ref": "#/components/schemas/Meeting"},
        "agenda": {"$ref": "#/components/schemas/Agenda"},
        "attendance": {"$ref": "#/components/schemas/Attendance"},
        "speakers": {"$ref": "#/components/schemas/Speakers"},
        "presence": {"type": "object", "properties": {
            "online_user_ids": {"type": "array", "items": _ID}}},
        "speaker_limit_seconds": _ID, "me": {"type": "object"}}},
}

PARAMETERS = {
    name: {"name": name, "in": "path", "required": True, "schema": _ID}
    for name in ("meeting_id", "item_id", "user_id", "request_id")
}

# Security schemes (components.securitySchemes) an area's operations name in `security:`.
SECURITY_SCHEMES = {}


def build_spec(app) -> dict:
    """Describe every /api/v1 route of ``app``."""
    spec = APISpec(title="Paperless meeting API", version="1.0.0", openapi_version="3.0.3",
                   plugins=[FlaskPlugin()],
                   info={"description": "Session cookie authentication; state-changing calls "
                                        "send the CSRF token in the X-CSRFToken header."})
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema)
    for name, param in PARAMETERS.items():
        spec.components.parameter(name, "path", param)
    for name, scheme in SECURITY_SCHEMES.items():
        spec.components.security_scheme(name, scheme)
    # Each schema is also a response of the same name, so docstrings can say `200: Agenda`.
    for name in SCHEMAS:
        description = "Refused; nothing was changed" if name == "Error" else name
        spec.components.response(name, {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}})
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi":
            view = app.view_functions[rule.endpoint]
            # FlaskPlugin maps the view to its path and reads the docstring's operations.
            spec.path(view=view, app=app)
    document = spec.to_dict()
    _add_common_refusals(document)
    return document


def _add_common_refusals(document):
    """Add the refusals every endpoint can give, so docstrings list only their own."""
    error = {"$ref": "#/components/responses/Error"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", error)  # not logged in, or the session has ended
            if "{" in path:
                responses.setdefault("404", error)  # unknown id, or not visible to the caller
            if method != "get":
                responses.setdefault("400", error)  # malformed body, or no CSRF token
                responses.setdefault("403", error)


@bp.get("/openapi.json")
def openapi():
    """Serve the OpenAPI document."""
    return jsonify(build_spec(current_app))
