"""The yearly report's figures: one pure function over plain registry rows.

``year_figures(data, year)`` reads only its arguments (rows from ``figures_data``), so a
test can build the rows by hand and a frozen year is just the JSON of its result. Every
figure is counted "as of" a day (31 December of the year unless told otherwise): a record
counts when it had started by then and had not yet ended.
"""

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta

from meeting.registry.figures_counts import count_rows, cut_days
from meeting.registry.figures_data import RegistryData
from meeting.registry.figures_rules import (
    EXPECTED_CATEGORIES,
    LEVELS,
    MAIN_KINDS,
    NAMES_SHOWN,
    VIDEO_LEVELS,
    alive,
    certificates_in_force,
    connected_units,
    count_by_level,
    devices_on,
    exchange_counts,
    exchange_rows,
    headline_totals,
    percent,
    unit_names,
    video_points_on,
    weighted,
)

__all__ = ["LEVELS", "MAIN_KINDS", "VIDEO_LEVELS", "YearFigures", "year_figures"]

@dataclass
class YearFigures:
    """Everything the report and the dashboard state about a year, JSON-ready."""

    year: int
    as_of: str
    units: dict = field(default_factory=dict)
    network: dict = field(default_factory=dict)
    devices: dict = field(default_factory=dict)
    certificates: dict = field(default_factory=dict)
    video: dict = field(default_factory=dict)
    systems: list = field(default_factory=list)
    exchange: dict = field(default_factory=dict)
    web: dict = field(default_factory=dict)
    budget: dict = field(default_factory=dict)
    security: dict = field(default_factory=dict)
    totals: dict = field(default_factory=dict)
    previous: dict = field(default_factory=dict)
    changes: dict = field(default_factory=dict)
    difficulties: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "YearFigures":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def year_figures(data: RegistryData, year: int, as_of: date | None = None) -> YearFigures:
    """Compute the report's figures for ``year`` as of ``as_of`` (default 31 December)."""
    day = as_of or date(year, 12, 31)
    settings = data.settings
    units = {u.id: u for u in data.units}
    fig = YearFigures(year=year, as_of=day.isoformat())
    fig.units = {"total": len(units), "by_level": count_by_level(units, units)}

    connected = connected_units(data, day)
    fig.network = {"connected": len(connected), "by_level": count_by_level(units, connected),
                   "not_connected_count": len(set(units) - connected),
                   "not_connected": unit_names(units, set(units) - connected)}

    # Devices and certificates arrive counted in groups (``figures_counts``): a few dozen
    # rows whatever the registry's size, so the figures cost the same for 100,000 devices.
    counted = counted_for(data, year, day)
    combos = weighted(devices_on(counted.devices, day), lambda d: (d.kind, d.status, d.level))
    kinds, by_status, by_level = Counter(), defaultdict(Counter), defaultdict(Counter)
    for (kind, status, level), n in combos.items():
        kinds[kind] += n
        by_status[kind][status] += n
        by_level[level][kind] += n
    fig.devices = {"by_kind": {k: kinds.get(k, 0) for k in MAIN_KINDS}
                   | {k: n for k, n in sorted(kinds.items()) if k not in MAIN_KINDS},
                   "by_status": {k: dict(sorted(v.items())) for k, v in sorted(by_status.items())},
                   "by_level": {lv: {k: by_level[lv].get(k, 0) for k in MAIN_KINDS}
                                for lv in LEVELS}}

    in_force = certificates_in_force(counted.certificates, day)
    cert_levels = weighted(in_force, lambda c: (c.level, c.holder_kind))
    holders = weighted(in_force, lambda c: c.holder_kind)
    widest_days = max(settings.expiry_windows)
    # Named certificates: ``data.certificates`` holds at least every one whose end falls
    # within the widest window (all of them when built by hand).
    named = sorted((c for c in certificates_in_force(data.certificates, day)
                    if c.valid_to <= day + timedelta(days=widest_days)),
                   key=lambda c: (c.valid_to, c.serial))
    revoked = [c for c in counted.certificates if c.revoked_on and c.revoked_on <= day]
    fig.certificates = {
        "organisation": holders.get("organisation", 0),
        "individual": holders.get("individual", 0),
        "by_level": {lv: {"organisation": cert_levels.get((lv, "organisation"), 0),
                          "individual": cert_levels.get((lv, "individual"), 0)}
                     for lv in LEVELS},
        "expiring": {str(n): sum(c.count for c in in_force
                                 if c.valid_to <= day + timedelta(days=n))
                     for n in settings.expiry_windows},
        "expiring_list": [{"serial": c.serial, "holder": c.holder_name,
                           "unit": units[c.unit_id].name if c.unit_id in units else "",
                           "valid_to": c.valid_to.isoformat()} for c in named[:NAMES_SHOWN]],
        "revoked": sum(c.count for c in revoked),
        "revoked_in_year": sum(c.count for c in revoked if c.revoked_on.year == year),
    }

    active_points = video_points_on(data, day)
    points = Counter(p.level for p in active_points)
    fig.video = {"active": len(active_points),
                 "by_level": {lv: points.get(lv, 0) for lv in VIDEO_LEVELS},
                 "planned": sum(p.status == "planned" for p in data.video_points)}

    fig.systems = _systems(data, units, day)
    fig.exchange = _exchange_figures(data, units, year, settings)

    websites = [w for w in data.websites
                if alive(w.launched_on, w.closed_on, day, w.status != "active")]
    fig.web = {"websites": len(websites),
               "units_with_website": len({w.unit_id for w in websites}),
               "mailboxes": sum(u.mailboxes for u in units.values()),
               "units_with_mailboxes": sum(1 for u in units.values() if u.mailboxes > 0)}

    budgets = [b for b in data.budgets if b.year == year]
    planned, spent = sum(b.planned for b in budgets), sum(b.spent for b in budgets)
    funded = {b.unit_id for b in budgets if b.planned > 0}
    expected = {i for i, u in units.items() if u.level in settings.budget_levels}
    fig.budget = {"planned": planned, "spent": spent, "percent_spent": percent(spent, planned),
                  "units_with_budget": len(funded), "units_expected": len(expected),
                  "without_count": len(expected - funded),
                  "without": unit_names(units, expected - funded)}

    fig.security = _security(data, units, connected, day, settings)
    fig.totals = headline_totals(data, counted, year, day)
    fig.previous = headline_totals(data, counted, year - 1, date(year - 1, 12, 31))
    fig.changes = {k: (None if v is None or fig.previous[k] is None
                       else round(v - fig.previous[k], 1))
                   for k, v in fig.totals.items()}
    fig.difficulties = _difficulties(fig)
    return fig


def counted_for(data: RegistryData, year: int, day: date):
    """The data's device and certificate groups, checked to fit ``year`` as of ``day``."""
    needed = cut_days(year, day, data.settings.expiry_windows)
    if data.counted is None:
        return count_rows(data, needed)
    if not data.counted.covers(needed):
        raise ValueError(f"registry data counted for other days than {year} as of {day}")
    return data.counted


def _systems(data, units, day) -> list[dict]:
    users = defaultdict(set)
    for use in data.system_uses:
        if use.unit_id in units and alive(use.since, use.until, day, use.status != "active"):
            users[use.system_id].add(use.unit_id)
    out = []
    for s in sorted(data.systems, key=lambda s: (s.launched_on or date.min, s.code)):
        using = users[s.id]
        missing = set()
        if s.category in EXPECTED_CATEGORIES and using:
            levels = {units[i].level for i in using}
            missing = {i for i, u in units.items() if u.level in levels} - using
        out.append({"code": s.code, "name": s.name, "category": s.category,
                    "launched_on": s.launched_on.isoformat() if s.launched_on else None,
                    "launched_precision": s.launched_precision,
                    "in_service": alive(s.launched_on, s.retired_on, day),
                    "units": len(using), "by_level": count_by_level(units, using),
                    "missing_count": len(missing), "missing": unit_names(units, missing)})
    return out


def _exchange_figures(data, units, year, settings) -> dict:
    per_unit = exchange_rows(data, year)
    electronic, total = exchange_counts([r for rs in per_unit.values() for r in rs])
    quarters = {q: exchange_counts([r for rs in per_unit.values() for r in rs if r.quarter == q])
                for q in (1, 2, 3, 4)}
    levels = {lv: exchange_counts([r for u, rs in per_unit.items() if units.get(u)
                                   and units[u].level == lv for r in rs]) for lv in LEVELS}
    target = settings.exchange_target_percent
    shares = {u: percent(*exchange_counts(rs)) for u, rs in per_unit.items() if u in units}
    below = {u for u, p in shares.items() if p is not None and p < target}
    share = percent(electronic, total)
    return {"electronic": electronic, "total": total, "paper": total - electronic,
            "percent": share, "target": target,
            "reached": share is not None and share >= target,
            "gap": None if share is None else round(max(target - share, 0), 1),
            "by_quarter": {str(q): percent(*c) for q, c in quarters.items() if c[1]},
            "by_level": {lv: percent(*c) for lv, c in levels.items()},
            "units_reporting": len(shares),
            "below_target_count": len(below), "below_target": unit_names(units, below)}


def _security(data, units, connected, day, settings) -> dict:
    checks = {c.unit_id: c for c in data.checks
              if c.unit_id in units and (c.checked_on is None or c.checked_on <= day)}
    failing = {u for u, c in checks.items()
               if not (c.network_isolated and c.firewall and c.antivirus)}
    limit = day - timedelta(days=settings.check_max_age_days)
    overdue = {u for u in connected if u in units and (
        u not in checks or checks[u].checked_on is None or checks[u].checked_on < limit)}
    return {"checked": len(checks), "compliant": len(checks) - len(failing),
            "isolated": sum(c.network_isolated for c in checks.values()),
            "firewall": sum(c.firewall for c in checks.values()),
            "antivirus": sum(c.antivirus for c in checks.values()),
            "failing_count": len(failing), "failing": unit_names(units, failing),
            "overdue_count": len(overdue), "overdue": unit_names(units, overdue)}


def _difficulties(fig: YearFigures) -> list[dict]:
    """What the data shows is lagging, in the order the report discusses it."""
    out = []
    for s in fig.systems:
        if s["missing_count"]:
            out.append({"kind": "not_using", "system": s["name"],
                        "count": s["missing_count"], "names": s["missing"]})
    ex = fig.exchange
    if ex["total"] and not ex["reached"]:
        out.append({"kind": "below_target", "count": ex["below_target_count"],
                    "names": ex["below_target"], "percent": ex["percent"],
                    "target": ex["target"], "paper": ex["paper"]})
    if fig.budget["without_count"]:
        out.append({"kind": "no_budget", "count": fig.budget["without_count"],
                    "names": fig.budget["without"]})
    widest = max(fig.certificates["expiring"], key=int, default=None)
    if widest and fig.certificates["expiring"][widest]:
        out.append({"kind": "expiring", "count": fig.certificates["expiring"][widest],
                    "days": int(widest),
                    "names": [c["holder"] for c in fig.certificates["expiring_list"]]})
    sec = fig.security
    if sec["failing_count"] or sec["overdue_count"]:
        out.append({"kind": "security", "count": sec["failing_count"],
                    "names": sec["failing"], "overdue": sec["overdue_count"]})
    return out
