"""The counting rules under the report's figures: when a record counts on a given day.

A record counts when it had started by the day and had not ended by then; a record whose
end has no date counts as ended when its status says so. Pure functions over the tuples
of ``figures_data``.
"""

from collections import Counter, defaultdict

LEVELS = ("province", "district", "affiliated", "commune")
VIDEO_LEVELS = ("central", "province", "district", "commune")
MAIN_KINDS = ("server", "workstation", "laptop")
# Systems every unit at their levels is expected to use; a unit without one is a difficulty.
EXPECTED_CATEGORIES = ("document_exchange", "e_office")
NAMES_SHOWN = 20  # units named in a difficulty; the count is always complete


def alive(start, end, day, ended_flag=False) -> bool:
    """Started on or before ``day`` and not ended by then (an end without date: ``ended_flag``)."""
    if start is not None and start > day:
        return False
    if end is not None:
        return end > day
    return not ended_flag


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def unit_names(units, ids) -> list[str]:
    ordered = sorted(ids, key=lambda i: (LEVELS.index(units[i].level)
                                         if units[i].level in LEVELS else 9, units[i].name))
    return [units[i].name for i in ordered[:NAMES_SHOWN]]


def count_by_level(units, unit_ids) -> dict:
    counts = Counter(units[i].level for i in unit_ids if i in units)
    return {level: counts.get(level, 0) for level in LEVELS}


def connected_units(data, day) -> set[int]:
    return {r.unit_id for r in data.links
            if alive(r.connected_on, r.closed_on, day, r.status != "active")}


def devices_on(devices, day) -> list:
    """The device groups (``figures_counts.DeviceCount``) in service on ``day``."""
    return [d for d in devices
            if (d.commissioned_on is None or d.commissioned_on <= day)
            and (d.retired_on > day if d.retired_on is not None else d.status != "retired")]


def certificates_in_force(certificates, day) -> list:
    """Certificates or certificate groups in force on ``day``."""
    return [c for c in certificates
            if c.valid_from <= day <= c.valid_to
            and (c.revoked_on is None or c.revoked_on > day)]


def weighted(groups, key) -> Counter:
    """Counts of ``key(group)`` over groups that carry a ``count``."""
    out = Counter()
    for g in groups:
        out[key(g)] += g.count
    return out


def video_points_on(data, day) -> list:
    return [p for p in data.video_points if p.status != "planned"
            and alive(p.commissioned_on, p.retired_on, day, p.status == "retired")]


def exchange_rows(data, year) -> dict[int, list]:
    """Each unit's rows for ``year``: its quarters when it has any, else its whole-year row."""
    rows = defaultdict(list)
    for r in data.exchange:
        if r.year == year:
            rows[r.unit_id].append(r)
    return {u: ([r for r in rs if r.quarter] or rs) for u, rs in rows.items()}


def exchange_counts(rows) -> tuple[int, int]:
    electronic = sum(r.sent_electronic + r.received_electronic for r in rows)
    paper = sum(r.sent_paper + r.received_paper for r in rows)
    return electronic, electronic + paper


def headline_totals(data, counted, year, day) -> dict:
    """The headline figures compared from one year to the next."""
    kinds = weighted(devices_on(counted.devices, day), lambda d: d.kind)
    certs = weighted(certificates_in_force(counted.certificates, day), lambda c: c.holder_kind)
    rows = [r for rs in exchange_rows(data, year).values() for r in rs]
    electronic, total = exchange_counts(rows)
    budgets = [b for b in data.budgets if b.year == year]
    return {
        "connected": len(connected_units(data, day)),
        "server": kinds.get("server", 0), "workstation": kinds.get("workstation", 0),
        "laptop": kinds.get("laptop", 0),
        "cert_organisation": certs.get("organisation", 0),
        "cert_individual": certs.get("individual", 0),
        "video_points": len(video_points_on(data, day)),
        "websites": sum(1 for w in data.websites
                        if alive(w.launched_on, w.closed_on, day, w.status != "active")),
        "exchange_percent": percent(electronic, total),
        "budget_planned": sum(b.planned for b in budgets),
        "budget_spent": sum(b.spent for b in budgets),
    }
