"""The plain data the report figures are computed from: one tuple type per record kind.

Built by ``figures_load.load_registry_data`` from the database, or by hand in tests;
``figures.year_figures`` reads nothing else, so the same rows always give the same figures.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class UnitRow(NamedTuple):
    id: int
    code: str
    name: str
    level: str              # province | district | affiliated | commune
    parent_id: int | None = None
    mailboxes: int = 0


class LinkRow(NamedTuple):
    unit_id: int
    status: str = "active"  # active | suspended | closed
    connected_on: date | None = None
    closed_on: date | None = None


class DeviceRow(NamedTuple):
    unit_id: int
    kind: str               # server | workstation | laptop | …
    status: str = "in_use"  # in_use | spare | broken | retired
    commissioned_on: date | None = None
    retired_on: date | None = None


class CertificateRow(NamedTuple):
    unit_id: int
    holder_kind: str        # organisation | individual
    serial: str
    holder_name: str
    valid_from: date
    valid_to: date
    revoked_on: date | None = None
    holder_title: str = ""


class VideoPointRow(NamedTuple):
    unit_id: int
    name: str
    level: str              # central | province | district | commune
    status: str = "active"  # active | planned | retired
    commissioned_on: date | None = None
    retired_on: date | None = None


class SystemRow(NamedTuple):
    id: int
    code: str
    name: str
    category: str
    launched_on: date | None = None
    launched_precision: str = "day"   # day | month | quarter | year: how the date is said
    retired_on: date | None = None


class SystemUseRow(NamedTuple):
    unit_id: int
    system_id: int
    status: str = "active"  # active | stopped
    since: date | None = None
    until: date | None = None


class ExchangeRow(NamedTuple):
    unit_id: int
    year: int
    quarter: int            # 1–4, or 0 for the whole year
    sent_electronic: int = 0
    sent_paper: int = 0
    received_electronic: int = 0
    received_paper: int = 0


class WebsiteRow(NamedTuple):
    unit_id: int
    status: str = "active"  # active | building | closed
    launched_on: date | None = None
    closed_on: date | None = None


class BudgetRow(NamedTuple):
    unit_id: int
    year: int
    planned: int = 0
    spent: int = 0


class CheckRow(NamedTuple):
    unit_id: int
    network_isolated: bool
    firewall: bool
    antivirus: bool
    checked_on: date | None = None
    assessor: str = ""


@dataclass(frozen=True)
class Settings:
    """The targets and thresholds the figures are measured against (from the app config)."""

    exchange_target_percent: float = 90.0
    check_max_age_days: int = 365           # a checklist older than this is overdue
    budget_levels: tuple = ("province", "district", "affiliated")
    expiry_windows: tuple = (30, 60, 90)


@dataclass
class RegistryData:
    """Every registry row the figures need, as plain tuples."""

    units: list = field(default_factory=list)
    links: list = field(default_factory=list)
    devices: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    video_points: list = field(default_factory=list)
    systems: list = field(default_factory=list)
    system_uses: list = field(default_factory=list)
    exchange: list = field(default_factory=list)
    websites: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    # Devices and certificates already counted in groups (``figures_counts.Counted``), as
    # the loader reads them; None: count ``devices`` and ``certificates`` one by one. When
    # set, ``devices`` is empty and ``certificates`` holds only those the report names.
    counted: object = None
