"""Devices and certificates counted in groups instead of one row each.

The figures only compare a record's dates with a few days (the as-of day, 31 December of
the year before, the expiry windows), so every date can be replaced by a representative
day that compares the same way with each of those "cut" days: the first cut on or after
it (or the day after the last cut). Records that then look alike are one group with a
count. ``count_rows`` does it in Python (tests, hand-built rows); ``figures_load`` does
the same in SQL (GROUP BY), so 100,000 devices become a few dozen rows.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

ONE_DAY = timedelta(days=1)


class DeviceCount(NamedTuple):
    level: str              # the unit's level ("?" when the unit is not among the data's)
    kind: str
    status: str
    commissioned_on: date | None    # representative days, see the module docstring
    retired_on: date | None
    count: int


class CertificateCount(NamedTuple):
    level: str
    holder_kind: str
    valid_from: date
    valid_to: date
    revoked_on: date | None
    count: int


class Cuts(NamedTuple):
    """The days the figures compare dates with, sorted."""

    starts: tuple           # for "on or before the day" tests: starts, ends, revocations
    valid_to: tuple         # for a certificate's end: "still valid on the day", "within n days"


@dataclass(frozen=True)
class Counted:
    """Devices and certificates grouped for ``cuts``; valid for the figures of those days."""

    cuts: Cuts
    devices: list = field(default_factory=list)
    certificates: list = field(default_factory=list)

    def covers(self, needed: Cuts) -> bool:
        return (set(needed.starts) <= set(self.cuts.starts)
                and set(needed.valid_to) <= set(self.cuts.valid_to))


def cut_days(year: int, day: date, windows) -> Cuts:
    """The cut days of ``year``'s figures as of ``day`` (and of the year before's)."""
    before, end = date(year - 1, 12, 31), date(year, 12, 31)
    return Cuts(starts=tuple(sorted({before, day, end})),
                valid_to=tuple(sorted({before - ONE_DAY, day - ONE_DAY}
                                      | {day + timedelta(days=n) for n in windows})))


def representative(value: date | None, cuts: tuple) -> date | None:
    """The first cut on or after ``value``, else the day after the last cut."""
    if value is None:
        return None
    for cut in cuts:
        if value <= cut:
            return cut
    return cuts[-1] + ONE_DAY


def count_rows(data, cuts: Cuts) -> Counted:
    """Group ``data``'s individual devices and certificates for ``cuts`` (pure)."""
    level = {u.id: u.level for u in data.units}
    starts = cuts.starts
    devices = Counter((level.get(d.unit_id, "?"), d.kind, d.status,
                       representative(d.commissioned_on, starts),
                       representative(d.retired_on, starts)) for d in data.devices)
    certificates = Counter((level.get(c.unit_id, "?"), c.holder_kind,
                            representative(c.valid_from, starts),
                            representative(c.valid_to, cuts.valid_to),
                            representative(c.revoked_on, starts)) for c in data.certificates)
    return Counted(cuts, [DeviceCount(*k, n) for k, n in devices.items()],
                   [CertificateCount(*k, n) for k, n in certificates.items()])
