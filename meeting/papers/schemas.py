"""OpenAPI schemas and path parameters of the papers endpoints."""

from meeting.api.openapi import PARAMETERS, SCHEMAS

_ID = {"type": "integer"}
_STR = {"type": "string"}
_NSTR = {"type": "string", "nullable": True}

_PAPER = {"type": "object", "properties": {
    "id": _ID, "kind": {"type": "string", "enum": [
        "invitation", "agenda", "minutes", "notice", "counting"]},
    "kind_label": _STR, "doc_type": _STR, "code": _STR, "title": _STR, "source": _NSTR,
    "number": _ID, "number_line": _STR,
    "meeting_id": _ID, "term_id": _ID, "pages": _ID, "sha256": _STR, "issued_dt": _STR,
    "issued_by": _NSTR, "signed": {"type": "boolean"}, "signed_sha256": _NSTR,
    "signed_dt": _NSTR, "signer": _NSTR}}
_JOB = {"type": "object", "properties": {
    "id": _ID, "meeting_id": _ID, "kind": _STR,
    "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
    "state_label": _STR, "error": _STR, "paper_id": {"type": "integer", "nullable": True}}}

SCHEMAS.update({
    "Paper": _PAPER,
    "Job": _JOB,
    "Papers": {"type": "object", "properties": {
        "papers": {"type": "array", "items": {"$ref": "#/components/schemas/Paper"}},
        "jobs": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}}},
    "Minutes": {"type": "object", "properties": {
        "meeting_id": _ID, "state": {"type": "string", "enum": ["draft", "approved"]},
        "state_label": _STR, "locked": {"type": "boolean"}, "opening": _STR,
        "conclusions": _STR, "secretary_name": _STR, "approved_dt": _NSTR,
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "id": _ID, "title": _STR, "presenter": _STR, "text": _STR,
            "speakers": {"type": "array", "items": _STR},
            "votes": {"type": "array", "items": _STR}}}}}},
    "Verification": {"type": "object", "properties": {
        "ok": {"type": "boolean"}, "message": _STR,
        "signatures": {"type": "array", "items": {"type": "object", "properties": {
            "signer": _STR, "subject": _STR, "issuer": _STR, "serial": _STR,
            "signed_at": _NSTR, "signed_at_local": _NSTR, "intact": {"type": "boolean"},
            "signature_valid": {"type": "boolean"}, "trusted": {"type": "boolean"},
            "unchanged": {"type": "boolean"}, "certificate_valid_then": {"type": "boolean"},
            "certificate_problem": _NSTR, "ok": {"type": "boolean"}, "verdict": _STR}}}}},
})
for _name in ("paper_id", "job_id"):
    PARAMETERS.setdefault(_name, {"name": _name, "in": "path", "required": True, "schema": _ID})
PARAMETERS.setdefault("kind", {"name": "kind", "in": "path", "required": True, "schema": {
    "type": "string", "enum": ["invitation", "agenda", "minutes", "notice"]}})
