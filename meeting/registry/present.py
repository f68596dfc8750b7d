"""Records as plain values: JSON for the API, cells for exports, text for the pages."""

from datetime import date

from flask_babel import format_decimal

from meeting.registry.schema import Kind


def raw_value(record, name):
    """The value of a field as an import would read it back (codes, not ids)."""
    if name == "unit":
        return record.unit.code
    if name == "system":
        return record.system.code
    return getattr(record, name)


def record_data(kind: Kind, record, today: date | None = None) -> dict:
    """A record as JSON: its fields by name, dates in ISO, the unit by id, code and name."""
    data = {"id": record.id, "unit_id": record.unit_id, "unit_code": record.unit.code,
            "unit_name": record.unit.name}
    for f in kind.fields:
        if f.type == "unit":
            continue
        value = raw_value(record, f.name)
        data[f.name] = value.isoformat() if isinstance(value, date) else value
    if kind.key == "certificate":
        data["status"] = record.status_on(today or date.today())
    if kind.key == "exchange":
        data["electronic_percent"] = record.electronic_percent
    if kind.key == "security":
        data["compliant"] = record.compliant
    return data


def cells(kind: Kind, record) -> list:
    """A record as one export row, in the order of ``headers(kind)``."""
    row = []
    for f in kind.fields:
        value = raw_value(record, f.name)
        if f.type == "date":
            value = value.strftime("%d/%m/%Y") if value else ""
        elif f.type == "bool":
            value = "có" if value else "không"
        row.append("" if value is None else value)
    return row


def headers(kind: Kind) -> list[str]:
    """Column names of imports and exports: the field names, unit as ``unit_code``."""
    return [{"unit": "unit_code", "system": "system_code"}.get(f.type, f.name)
            for f in kind.fields]


def shown(kind: Kind, record, name, today: date | None = None) -> str:
    """A list cell as a person reads it."""
    if name == "electronic_percent":
        value = record.electronic_percent
        return "—" if value is None else f"{format_decimal(value)} %"
    if name == "system":
        return record.system.name
    f = next((f for f in kind.fields if f.name == name), None)
    value = getattr(record, name)
    if f is not None and f.type == "choice":
        return str(f.choices.get(value, value))
    if f is not None and f.type == "bool":
        return "✓" if value else "✗"
    if f is not None and f.type == "money":
        return format_decimal(value or 0)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)
