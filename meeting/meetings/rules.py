"""Pure rules of the meeting room: status transitions and quorum arithmetic."""

from dataclasses import dataclass
from datetime import datetime, timedelta

# Which status a meeting may move to from each status.
TRANSITIONS = {
    "draft": {"published"},
    "published": {"draft", "in_session"},
    "in_session": {"closed"},
    "closed": {"archived"},
    "archived": set(),
}


def can_transition(current: str, target: str) -> bool:
    """Tell whether a meeting in ``current`` may move to ``target``."""
    return target in TRANSITIONS.get(current, set())


# Self check-in opens this long before the planned start: delegates arrive early.
CHECK_IN_OPENS = timedelta(hours=12)


def check_in_opens(start_dt: datetime) -> datetime:
    """Return when self check-in opens for a meeting starting at ``start_dt``."""
    return start_dt - CHECK_IN_OPENS


@dataclass(frozen=True)
class Quorum:
    """Present members against the body's total, and whether the threshold is met."""

    present: int
    total: int
    numerator: int
    denominator: int

    @property
    def required(self) -> int:
        """Return the smallest number present that meets the threshold (ceil of total·n/d)."""
        return -(-self.total * self.numerator // self.denominator)

    @property
    def is_met(self) -> bool:
        return self.total > 0 and self.present >= self.required

    def as_dict(self) -> dict:
        return {"present": self.present, "total": self.total, "required": self.required,
                "is_met": self.is_met}


def quorum(present: int, total: int, numerator: int = 2, denominator: int = 3) -> Quorum:
    """Compute the quorum for ``present`` of ``total`` members (default at least 2/3)."""
    if not 0 < numerator <= denominator:
        raise ValueError("quorum fraction must be in (0, 1]")
    if present < 0 or total < 0 or present > total:
        raise ValueError("present must be between 0 and total")
    return Quorum(present, total, numerator, denominator)
