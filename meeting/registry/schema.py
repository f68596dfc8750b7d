"""The fields of each record kind: labels, types, rules, and how raw input becomes values.

One description per kind serves the forms, the JSON API, imports and exports alike, so
a value refused in one is refused in all with the same message. Raw input may be a form
string, a JSON value or a spreadsheet cell.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError
from meeting.registry import models as m

MAX_AMOUNT = 10**15  # đồng; far above any IT budget, well inside a BIGINT


@dataclass(frozen=True)
class Field:
    name: str
    label: object
    type: str = "text"          # text, longtext, int, money, date, bool, choice, unit, system
    required: bool = False
    max_len: int = 200
    choices: dict | None = None
    default: object = None
    minimum: int = 0
    maximum: int = 10**9


@dataclass(frozen=True)
class Kind:
    """How one record kind is typed, listed and retired."""

    model: type
    label: object
    fields: tuple[Field, ...]
    columns: tuple[str, ...]                  # shown in the list, after the unit
    search: tuple[str, ...] = ()              # text columns the free-text filter looks in
    status: str | None = None                 # the status column, when the kind has one
    statuses: dict = field(default_factory=dict)
    expiry: str | None = None                 # the date column "expiring within N days" uses
    retire: dict | None = None                # values set on retiring; None: delete
    retire_date: str | None = None            # the date column retiring fills with today

    @property
    def key(self):
        return self.model.KIND

    @property
    def natural_key(self):
        return self.model.NATURAL_KEY

    def field(self, name) -> Field:
        return next(f for f in self.fields if f.name == name)


UNIT = Field("unit", _l("Unit code"), "unit", required=True)
NOTES = Field("notes", _l("Notes"), "longtext", max_len=2000)


def _date(name, label, required=False):
    return Field(name, label, "date", required=required)


KINDS = {k.key: k for k in (
    Kind(m.NetworkLink, _l("Network connections"), (
        UNIT, Field("provider", _l("Provider"), max_len=120),
        Field("bandwidth_mbps", _l("Bandwidth (Mbit/s)"), "int", maximum=1_000_000),
        Field("status", _l("Status"), "choice", choices=m.LINK_STATUSES, default="active"),
        _date("connected_on", _l("Connected on")), _date("closed_on", _l("Disconnected on")),
        NOTES),
        columns=("provider", "bandwidth_mbps", "status", "connected_on"),
        search=("provider", "notes"), status="status", statuses=m.LINK_STATUSES,
        retire={"status": "closed"}, retire_date="closed_on"),
    Kind(m.Device, _l("Devices"), (
        UNIT, Field("kind", _l("Type"), "choice", required=True, choices=m.DEVICE_KINDS),
        Field("serial", _l("Serial number"), required=True, max_len=80),
        Field("model", _l("Model")),
        Field("status", _l("Status"), "choice", choices=m.DEVICE_STATUSES, default="in_use"),
        _date("purchased_on", _l("Purchased on")),
        _date("commissioned_on", _l("Commissioned on")), _date("retired_on", _l("Retired on")),
        NOTES),
        columns=("kind", "serial", "model", "status", "commissioned_on"),
        search=("serial", "model", "notes"), status="status", statuses=m.DEVICE_STATUSES,
        retire={"status": "retired"}, retire_date="retired_on"),
    Kind(m.Certificate, _l("Digital certificates"), (
        UNIT, Field("holder_kind", _l("Holder type"), "choice", required=True,
                    choices=m.HOLDER_KINDS),
        Field("holder_name", _l("Holder"), required=True),
        Field("holder_title", _l("Position")),
        Field("serial", _l("Serial number"), required=True, max_len=80),
        Field("issuer", _l("Issuer")),
        _date("valid_from", _l("Valid from"), True), _date("valid_to", _l("Valid to"), True),
        _date("revoked_on", _l("Revoked on")), NOTES),
        columns=("holder_kind", "holder_name", "serial", "valid_to"),
        search=("holder_name", "holder_title", "serial", "issuer"),
        statuses=m.CERTIFICATE_STATUSES, expiry="valid_to",
        retire={}, retire_date="revoked_on"),
    Kind(m.VideoPoint, _l("Video-conference points"), (
        UNIT, Field("name", _l("Name"), required=True),
        Field("level", _l("Level"), "choice", required=True, choices=m.VIDEO_LEVELS),
        Field("status", _l("Status"), "choice", choices=m.POINT_STATUSES, default="active"),
        _date("commissioned_on", _l("Commissioned on")), _date("retired_on", _l("Retired on")),
        NOTES),
        columns=("name", "level", "status", "commissioned_on"), search=("name", "notes"),
        status="status", statuses=m.POINT_STATUSES,
        retire={"status": "retired"}, retire_date="retired_on"),
    Kind(m.SystemUse, _l("Systems in use"), (
        UNIT, Field("system", _l("System code"), "system", required=True),
        Field("status", _l("Status"), "choice", choices=m.USE_STATUSES, default="active"),
        _date("since", _l("Since")), _date("until", _l("Until")), NOTES),
        columns=("system", "status", "since"), search=("notes",), status="status",
        statuses=m.USE_STATUSES, retire={"status": "stopped"}, retire_date="until"),
    Kind(m.ExchangeFigure, _l("Document exchange"), (
        UNIT, Field("year", _l("Year"), "int", required=True, minimum=2000, maximum=2100),
        Field("quarter", _l("Quarter (0 = whole year)"), "int", default=0, maximum=4),
        Field("sent_electronic", _l("Sent electronically"), "int", default=0),
        Field("sent_paper", _l("Sent on paper"), "int", default=0),
        Field("received_electronic", _l("Received electronically"), "int", default=0),
        Field("received_paper", _l("Received on paper"), "int", default=0)),
        columns=("year", "quarter", "sent_electronic", "sent_paper", "received_electronic",
                 "received_paper", "electronic_percent")),
    Kind(m.Website, _l("Websites"), (
        UNIT, Field("address", _l("Address"), required=True),
        Field("name", _l("Name")),
        Field("status", _l("Status"), "choice", choices=m.SITE_STATUSES, default="active"),
        _date("launched_on", _l("Launched on")), _date("closed_on", _l("Closed on")), NOTES),
        columns=("address", "name", "status", "launched_on"), search=("address", "name"),
        status="status", statuses=m.SITE_STATUSES,
        retire={"status": "closed"}, retire_date="closed_on"),
    Kind(m.BudgetLine, _l("IT budget"), (
        UNIT, Field("year", _l("Year"), "int", required=True, minimum=2000, maximum=2100),
        Field("purpose", _l("Purpose"), required=True, max_len=300),
        Field("planned", _l("Planned (VND)"), "money", default=0),
        Field("spent", _l("Spent (VND)"), "money", default=0), NOTES),
        columns=("year", "purpose", "planned", "spent"), search=("purpose", "notes")),
    Kind(m.SecurityCheck, _l("Security checklist"), (
        UNIT, Field("network_isolated", _l("Internal network isolated from the Internet"),
                    "bool", default=False),
        Field("firewall", _l("Firewall"), "bool", default=False),
        Field("antivirus", _l("Antivirus"), "bool", default=False),
        _date("checked_on", _l("Last checked on")), Field("assessor", _l("Assessor")), NOTES),
        columns=("network_isolated", "firewall", "antivirus", "checked_on", "assessor"),
        search=("assessor", "notes")),
)}

TRUE_WORDS = {"1", "true", "yes", "x", "có", "co", "đạt", "dat", "on"}
FALSE_WORDS = {"", "0", "false", "no", "không", "khong", "chưa", "chua", "off"}


_DMY = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")


def parse_date(value, label):
    """A date from a date, an ISO text (2024-03-31) or a Vietnamese one (31/03/2024)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        match = _DMY.fullmatch(text)
        # Not strptime: an import parses 100,000 dates, and this is ten times faster.
        return date(int(match[3]), int(match[2]), int(match[1])) if match \
            else date.fromisoformat(text)
    except ValueError:
        pass
    raise OperationError(_l("%(field)s: \u201c%(value)s\u201d is not a date "
                            "(dd/mm/yyyy or yyyy-mm-dd).", field=label, value=text[:40]))


def parse_int(value, f: Field):
    if value is None or value == "":
        return f.default
    if isinstance(value, bool):
        raise OperationError(_l("%(field)s must be a whole number.", field=f.label))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if f.type == "money":
        # 1.500.000 and 1 500 000 are how amounts in đồng are written.
        text = text.replace(".", "").replace(" ", "").replace(",", "")
    try:
        number = int(text)
    except ValueError:
        raise OperationError(_l("%(field)s must be a whole number.", field=f.label)) from None
    top = MAX_AMOUNT if f.type == "money" else f.maximum
    if not f.minimum <= number <= top:
        raise OperationError(_l("%(field)s must be between %(low)d and %(high)d.",
                                field=f.label, low=f.minimum, high=top))
    return number


def parse_bool(value, f: Field):
    if isinstance(value, bool):
        return value
    word = "" if value is None else str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise OperationError(_l("%(field)s must be yes or no.", field=f.label))


def parse_text(value, f: Field):
    if value is not None and not isinstance(value, str | int | float):
        raise OperationError(_l("%(field)s must be text.", field=f.label))
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a serial number typed into a spreadsheet's number cell
    text = "" if value is None else str(value).strip()
    if "\x00" in text:
        raise OperationError(_l("%(field)s must be text.", field=f.label))
    if len(text) > f.max_len:
        raise OperationError(_l("%(field)s is too long (at most %(n)d characters).",
                                field=f.label, n=f.max_len))
    return text


def _labels(label) -> set[str]:
    words = set()
    for locale in ("vi", "en"):
        with force_locale(locale):
            words.add(str(label).lower())
    return words


def parse_choice(value, f: Field):
    text = "" if value is None else str(value).strip()
    if not text:
        return f.default
    if text in f.choices:
        return text
    # A spreadsheet may carry the label a person reads ("Máy chủ") instead of the key.
    for key, label in f.choices.items():
        if text.lower() == key.lower() or text.lower() in _labels(label):
            return key
    raise OperationError(_l("%(field)s: \u201c%(value)s\u201d is not one of: %(choices)s.",
                            field=f.label, value=text[:40], choices=", ".join(f.choices)))

# The kinds' names in URLs (/registry/devices, /api/v1/registry/devices).
SLUGS = {"network": "network-links", "device": "devices", "certificate": "certificates",
         "video_point": "video-points", "system_use": "system-uses",
         "exchange": "exchange-figures", "website": "websites", "budget": "budget-lines",
         "security": "security-checks"}
BY_SLUG = {slug: KINDS[key] for key, slug in SLUGS.items()}
