"""Read a paper's details from a multipart form or a JSON body, refusing bad values."""

from flask_babel import lazy_gettext as _l

from meeting.api.util import optional_int, parse_dt
from meeting.core.errors import OperationError
from meeting.documents.uploads import form_values

TRUE = ("1", "true", "on", "yes")


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in TRUE


def _ids(value) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [part for part in value.replace(";", ",").split(",") if part.strip()]
    if not isinstance(value, list):
        raise OperationError(_l("Recipients must be people."))
    return [optional_int(v, _l("Recipients")) for v in value]


def _deadline(value):
    return None if value in (None, "") else parse_dt(value, _l("Comment deadline"))


def upload_fields() -> dict:
    """The details sent with an upload (multipart form fields)."""
    form = form_values()
    ids = form.getlist("recipient_ids")
    return dict(title=str(form.get("title") or ""), kind=form.get("kind") or "tai_lieu",
                classification=form.get("classification") or "thuong",
                item_id=optional_int(form.get("item_id"), _l("Agenda item")),
                to_all=_bool(form.get("to_all", "1")),
                recipient_ids=_ids(ids[0] if len(ids) == 1 else ids),
                allow_download=_bool(form.get("allow_download")),
                comment_deadline_dt=_deadline(form.get("comment_deadline_dt")))


def document_changes(data: dict) -> dict:
    """The fields a JSON PATCH names, parsed; fields it leaves out stay as they are."""
    parse = {"title": lambda v: v if isinstance(v, str) else None,
             "kind": str, "classification": str,
             "item_id": lambda v: optional_int(v, _l("Agenda item")),
             "to_all": _bool, "recipient_ids": _ids, "allow_download": _bool,
             "comment_deadline_dt": _deadline}
    unknown = set(data) - set(parse)
    if unknown:
        raise OperationError(_l("Unknown field: %(name)s.", name=sorted(unknown)[0]))
    return {key: parse[key](value) for key, value in data.items()}
