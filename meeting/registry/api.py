"""JSON endpoints for every registry record kind, with filters, for pages and scripts.

Routes are made per kind from one set of view factories, each with its own docstring
(read into the OpenAPI document) and its own schemas. Scripts authenticate with
``Authorization: Bearer <token>`` (``meeting create-token``).
"""

from flask import jsonify, request
from flask_login import current_user

from meeting.api import openapi
from meeting.api.blueprint import bp
from meeting.api.util import json_body
from meeting.auth.tokens import token_or_session
from meeting.core.errors import NotFound
from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import access, catalogue, queries, unit_rows
from meeting.registry.models import UNIT_LEVELS, InfoSystem
from meeting.registry.operations import create_record, get_record, retire_record, update_record
from meeting.registry.present import record_data
from meeting.registry.schema import KINDS, SLUGS

_TYPES = {"int": {"type": "integer"}, "money": {"type": "integer", "format": "int64"},
          "date": {"type": "string", "format": "date"}, "bool": {"type": "boolean"}}
FILTERS = """
        - {name: unit, in: query, schema: {type: string}, description: unit code}
        - {name: branch, in: query, schema: {type: boolean, default: true}}
        - {name: status, in: query, schema: {type: string}}
        - {name: type, in: query, schema: {type: string}, description: sub-type or year}
        - {name: expiring, in: query, schema: {type: integer}, description: days}
        - {name: q, in: query, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer, minimum: 1}}
        - {name: per_page, in: query, schema: {type: integer, minimum: 1, maximum: 500}}"""


def _schemas(kind) -> dict:
    name = kind.model.__name__
    props, inputs, required = {"id": {"type": "integer"}, "unit_id": {"type": "integer"},
                               "unit_code": {"type": "string"},
                               "unit_name": {"type": "string"}}, {}, []
    for f in kind.fields:
        schema = dict(_TYPES.get(f.type, {"type": "string"}))
        if f.choices:
            schema["enum"] = list(f.choices)
        key = {"unit": "unit_code", "system": "system_code"}.get(f.type, f.name)
        inputs[key] = schema
        if f.type != "unit":
            props[f.name] = schema
        if f.required:
            required.append(key)
    if kind.key == "certificate":
        props["status"] = {"type": "string", "enum": list(kind.statuses)}
    if kind.key == "exchange":
        props["electronic_percent"] = {"type": "number", "nullable": True}
    page = {"type": "object", "properties": {
        "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
        "total": {"type": "integer"}, "page": {"type": "integer"},
        "per_page": {"type": "integer"}, "pages": {"type": "integer"}}}
    return {name: {"type": "object", "properties": props},
            f"{name}Input": {"type": "object", "properties": inputs, "required": required},
            f"{name}Page": page}


def _page_json(kind, page):
    return {"items": [record_data(kind, r) for r in page.items], "total": page.total,
            "page": page.page, "per_page": page.per_page, "pages": page.pages}


# Scripts send a token (``Authorization: Bearer mt_…``); pages send their session cookie
# (and the CSRF header on changes). Either one authenticates a registry operation.
openapi.SECURITY_SCHEMES["bearerAuth"] = {
    "type": "http", "scheme": "bearer",
    "description": "An API token (mt_…) from `meeting create-token` or /registry/tokens; "
                   "it acts as its owner. No CSRF header is needed."}
openapi.SECURITY_SCHEMES["sessionCookie"] = {
    "type": "apiKey", "in": "cookie", "name": "session",
    "description": "The logged-in session; changes also send X-CSRFToken."}
SECURITY = "\n      security: [{bearerAuth: []}, {sessionCookie: []}]"
TAGS = "\n      tags: [registry]"


def _route(rule, endpoint, methods, doc, fn):
    # Every registry operation states both ways in: added after its tags line.
    assert TAGS in doc, endpoint
    fn.__name__, fn.__doc__ = endpoint, doc.replace(TAGS, TAGS + SECURITY, 1)
    bp.add_url_rule(rule, endpoint=endpoint, view_func=token_or_session(fn), methods=methods)


def _register(kind):
    slug, name, tag = SLUGS[kind.key], kind.model.__name__, "registry"
    base = f"/registry/{slug}"
    endpoint = f"registry_{kind.key}"

    def list_records():
        page = queries.page_of(queries.record_query(current_user, kind, request.args),
                               request.args)
        return jsonify(_page_json(kind, page))

    def create():
        return jsonify(record_data(kind, create_record(current_user, kind, json_body()))), 201

    def read(record_id):
        return jsonify(record_data(kind, get_record(current_user, kind, record_id)))

    def update(record_id):
        record = get_record(current_user, kind, record_id)
        return jsonify(record_data(kind, update_record(current_user, kind, record, json_body())))

    def retire(record_id):
        record = get_record(current_user, kind, record_id)
        kept = retire_record(current_user, kind, record)
        return (jsonify(record_data(kind, kept)), 200) if kept else ("", 204)

    one = " [record_id]"
    _route(base, f"{endpoint}_list", ["GET"], f"""List {slug} the caller may see, filtered.
    ---
    get:
      tags: [{tag}]
      parameters:{FILTERS}
      responses:
        200: {name}Page
        400: Error
    """, list_records)
    _route(base, f"{endpoint}_create", ["POST"], f"""Add a record to {slug} (unit editor).
    ---
    post:
      tags: [{tag}]
      requestBody: {{content: {{application/json: {{schema: {name}Input}}}}}}
      responses:
        201: {name}
        409: Error
    """, create)
    _route(f"{base}/<int:record_id>", f"{endpoint}_read", ["GET"], f"""Return one of {slug}.
    ---
    get:
      tags: [{tag}]
      parameters:{one}
      responses:
        200: {name}
    """, read)
    _route(f"{base}/<int:record_id>", f"{endpoint}_update", ["PATCH"], f"""Change a record
    of {slug}; fields left out keep their value.
    ---
    patch:
      tags: [{tag}]
      parameters:{one}
      requestBody: {{content: {{application/json: {{schema: {name}Input}}}}}}
      responses:
        200: {name}
        409: Error
    """, update)
    _route(f"{base}/<int:record_id>", f"{endpoint}_retire", ["DELETE"], f"""Retire a record
    of {slug} (status and date); kinds without a lifecycle are deleted (204).
    ---
    delete:
      tags: [{tag}]
      parameters:{one}
      responses:
        200: {name}
        204: {{description: Deleted}}
        409: Error
    """, retire)


openapi.PARAMETERS["record_id"] = {"name": "record_id", "in": "path", "required": True,
                                   "schema": {"type": "integer"}}
for _kind in KINDS.values():
    openapi.SCHEMAS.update(_schemas(_kind))
    _register(_kind)

openapi.SCHEMAS["InfoSystem"] = {"type": "object", "properties": {
    "id": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"},
    "category": {"type": "string"}, "description": {"type": "string"},
    "launched_on": {"type": "string", "format": "date", "nullable": True},
    "retired_on": {"type": "string", "format": "date", "nullable": True}}}
openapi.SCHEMAS["InfoSystemList"] = {"type": "object", "properties": {"systems": {
    "type": "array", "items": {"$ref": "#/components/schemas/InfoSystem"}}}}


def _systems():
    access.require_registry(current_user)
    rows = InfoSystem.query.order_by(InfoSystem.name).all()
    return jsonify(systems=[{"id": s.id, **s.snapshot()} for s in rows])


def _add_system():
    system = catalogue.save_system(current_user, json_body())
    return jsonify({"id": system.id, **system.snapshot()}), 201


_route("/registry/systems", "registry_systems", ["GET"], """The systems catalogue.
    ---
    get:
      tags: [registry]
      responses:
        200: InfoSystemList
    """, _systems)
_route("/registry/systems", "registry_system_add", ["POST"], """Add a system to the
    catalogue (registry administrator).
    ---
    post:
      tags: [registry]
      requestBody: {content: {application/json: {schema: InfoSystem}}}
      responses:
        201: InfoSystem
        409: Error
    """, _add_system)

openapi.SCHEMAS["RegistryUnit"] = {"type": "object", "properties": {
    "id": {"type": "integer"}, "unit_code": {"type": "string"}, "name": {"type": "string"},
    "parent_code": {"type": "string"},
    "level": {"type": "string", "enum": list(UNIT_LEVELS)},
    "staff": {"type": "integer"}, "mailboxes": {"type": "integer"}, "notes": {"type": "string"}}}
openapi.SCHEMAS["RegistryUnitPage"] = {"type": "object", "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/RegistryUnit"}},
    "total": {"type": "integer"}, "page": {"type": "integer"},
    "per_page": {"type": "integer"}, "pages": {"type": "integer"}}}
openapi.PARAMETERS["unit_id"] = {"name": "unit_id", "in": "path", "required": True,
                                 "schema": {"type": "integer"}}


def _units():
    access.require_registry(current_user)
    page = queries.page_of(unit_rows.unit_query(current_user, request.args), request.args,
                           rows=True)
    return jsonify(items=[unit_rows.data(r) for r in page.items], total=page.total,
                   page=page.page, per_page=page.per_page, pages=page.pages)


def _update_unit(unit_id):
    unit = db.session.get(Unit, unit_id)
    if unit is None or not access.can_view(current_user, unit.id):
        raise NotFound()
    catalogue.save_profile(current_user, unit, json_body())
    row = db.session.execute(unit_rows.unit_query(None, {}).where(Unit.id == unit.id)).one()
    return jsonify(unit_rows.data(row))


_route("/registry/units", "registry_units", ["GET"], """Units the caller may see, with
    their profile; filters unit (branch), type (level), q.
    ---
    get:
      tags: [registry]
      parameters:""" + FILTERS + """
      responses:
        200: RegistryUnitPage
    """, _units)
_route("/registry/units/<int:unit_id>", "registry_unit_update", ["PATCH"], """Change a
    unit's profile: level, staff, mailboxes, notes (unit editor).
    ---
    patch:
      tags: [registry]
      parameters: [unit_id]
      requestBody: {content: {application/json: {schema: RegistryUnit}}}
      responses:
        200: RegistryUnit
    """, _update_unit)
