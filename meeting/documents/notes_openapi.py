"""The notes' shapes in the OpenAPI document (added to the shared schemas at import)."""

from meeting.api.openapi import PARAMETERS, SCHEMAS

_ID, _STR = {"type": "integer"}, {"type": "string"}
_NULL_ID = {"type": "integer", "nullable": True}
SCHEMAS.update({
    "Annotation": {"type": "object", "properties": {
        "id": _ID, "document_id": _ID, "version": _ID, "page_number": _ID,
        "made_on_page": _ID, "kind": {"type": "string", "enum": ["highlight", "ink", "note"]},
        "data": {"type": "object"}, "text": _STR, "stale": {"type": "boolean"},
        "created_dt": _STR, "updated_dt": _STR}},
    "AnnotationList": {"type": "object", "properties": {
        "annotations": {"type": "array", "items": {"$ref": "#/components/schemas/Annotation"}}}},
    "AnnotationInput": {"type": "object", "required": ["page_number", "kind", "data"],
                        "properties": {"page_number": _ID, "version": _ID,
                                       "kind": {"type": "string",
                                                "enum": ["highlight", "ink", "note"]},
                                       "data": {"type": "object"}, "text": _STR}},
    "Comment": {"type": "object", "properties": {
        "id": _ID, "document_id": _ID, "user_id": _ID, "name": _STR, "version": _ID,
        "page_number": _NULL_ID, "quote": _STR, "text": _STR,
        "status": {"type": "string", "enum": ["active", "withdrawn"]},
        "created_dt": _STR, "updated_dt": _STR}},
    "CommentList": {"type": "object", "properties": {
        "comments_open": {"type": "boolean"},
        "comments": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}}}},
    "CommentInput": {"type": "object", "required": ["text"], "properties": {
        "text": _STR, "quote": _STR, "page_number": _NULL_ID, "version": _ID}},
    "PresenterPage": {"type": "object", "properties": {
        "meeting_id": _ID, "document_id": _ID, "version": _ID, "page_number": _ID,
        "presenter": _STR}},
    "MyNotes": {"type": "object", "properties": {"papers": {"type": "array", "items": {
        "type": "object", "properties": {
            "document_id": _ID, "title": _STR, "meeting_id": _ID, "meeting_title": _STR,
            "version": _ID,
            "annotations": {"type": "array", "items": {"$ref": "#/components/schemas/Annotation"}},
            "comments": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}}}}}}},
    "OfflineList": {"type": "object", "properties": {"documents": {"type": "array", "items": {
        "type": "object", "properties": {"id": _ID, "version": _ID, "title": _STR,
                                         "meeting_id": _ID,
                                         "can_download": {"type": "boolean"}}}}}},
})
for _name in ("document_id", "annotation_id", "comment_id"):
    PARAMETERS.setdefault(_name, {"name": _name, "in": "path", "required": True, "schema": _ID})
