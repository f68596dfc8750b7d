"""The papers' schemas and path parameters, added to the OpenAPI document's tables."""

from meeting.api.openapi import PARAMETERS, SCHEMAS

_ID, _STR = {"type": "integer"}, {"type": "string"}
_NDT = {"type": "string", "format": "date-time", "nullable": True}
SCHEMAS.update({
    "Document": {"type": "object", "properties": {
        "id": _ID, "meeting_id": _ID, "title": _STR, "kind": _STR, "kind_label": _STR,
        "classification": {"type": "string", "enum": ["thuong", "mat", "toi_mat", "tuyet_mat"]},
        "classification_label": _STR, "is_classified": {"type": "boolean"},
        "status": {"type": "string", "enum": ["draft", "published", "unpublished"]},
        "item_id": {"type": "integer", "nullable": True}, "version": _ID, "page_count": _ID,
        "is_updated": {"type": "boolean"}, "opened": {"type": "boolean"},
        "opened_current": {"type": "boolean"}, "can_download": {"type": "boolean"},
        "comments_open": {"type": "boolean"}, "comment_deadline_dt": _NDT,
        "published_dt": _NDT, "updated_dt": _NDT,
        "file_url": {"type": "string", "nullable": True}, "pages_url": _STR}},
    "DocumentList": {"type": "object", "properties": {
        "documents": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}}}},
    "DocumentInput": {"type": "object", "properties": {
        "title": _STR, "kind": _STR, "classification": _STR,
        "item_id": {"type": "integer", "nullable": True}, "to_all": {"type": "boolean"},
        "recipient_ids": {"type": "array", "items": _ID},
        "allow_download": {"type": "boolean"}, "comment_deadline_dt": _NDT}},
    "DocumentUpload": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary"}, "title": _STR, "kind": _STR,
        "classification": _STR, "item_id": _ID, "to_all": _STR,
        "recipient_ids": {"type": "string", "description": "comma-separated user ids"},
        "allow_download": _STR, "comment_deadline_dt": _STR, "change_note": _STR}},
    "PageText": {"type": "object", "properties": {"page": _ID, "text": _STR}},
    "ReadReceipts": {"type": "object", "properties": {"receipts": {"type": "array", "items": {
        "type": "object", "properties": {
            "user_id": _ID, "name": _STR, "unit": _STR, "opened": {"type": "boolean"},
            "first_opened_dt": _NDT, "last_opened_dt": _NDT,
            "pages_viewed": {"type": "array", "items": _ID}, "pages_viewed_count": _ID}}}}},
    "SearchResults": {"type": "object", "properties": {"results": {"type": "array", "items": {
        "type": "object", "properties": {
            "document_id": _ID, "meeting_id": _ID, "title": _STR,
            "pages": {"type": "array", "items": {"type": "object", "properties": {
                "page": _ID, "snippet": {"type": "array", "items": {"type": "object",
                    "properties": {"text": _STR, "hit": {"type": "boolean"}}}}}}}}}}}},
})
PARAMETERS.update({
    "document_id": {"name": "document_id", "in": "path", "required": True, "schema": _ID},
    "number": {"name": "number", "in": "path", "required": True, "schema": _ID},
    "fmt": {"name": "fmt", "in": "path", "required": True,
            "schema": {"type": "string", "enum": ["png", "webp"]}},
})
