"""Pure rules of voting: majority arithmetic, ballot validity, tallies and digests.

Plain functions over plain data (no database, no Flask), property-tested in
tests/voting/test_rules.py. Choices as stored:

- motion: ``"yes"``, ``"no"`` or ``"abstain"``;
- election: the sorted list of the candidate ids the voter keeps (the others are struck);
- confidence: ``{"<candidate id>": "high" | "medium" | "low"}`` for every person asked about.
"""

import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

MOTION_OPTIONS = ("yes", "no", "abstain")
CONFIDENCE_LEVELS = ("high", "medium", "low")
BASES = ("members", "present", "valid")
# name: (numerator, denominator, strict) — strict is "more than", otherwise "at least".
THRESHOLDS = {"half": (1, 2, True), "two_thirds": (2, 3, False),
              "three_quarters": (3, 4, False)}


@dataclass(frozen=True)
class Rule:
    """A majority rule: ``agree`` must be more than (strict) or at least num/den of base."""

    num: int
    den: int
    strict: bool

    def __post_init__(self):
        if not (0 < self.num <= self.den):
            raise ValueError("threshold must be a fraction in (0, 1]")

    def required(self, base: int) -> int:
        """Return the smallest count that meets the rule on ``base``."""
        if base < 0:
            raise ValueError("base must not be negative")
        share = Fraction(base * self.num, self.den)
        whole = share.numerator // share.denominator
        if self.strict:
            return whole + 1
        return whole if share == whole else whole + 1

    def met(self, agree: int, base: int) -> bool:
        """Tell whether ``agree`` of ``base`` meets the rule; an empty base never does."""
        return base > 0 and agree >= self.required(base)


def rule_for(threshold: str, num: int = 1, den: int = 2) -> Rule:
    """Return the Rule named ``threshold``; "custom" is at least ``num``/``den``."""
    if threshold == "custom":
        return Rule(num, den, False)
    if threshold not in THRESHOLDS:
        raise ValueError(f"unknown threshold {threshold!r}")
    return Rule(*THRESHOLDS[threshold])


class InvalidChoice(ValueError):
    """A ballot the rules refuse; ``code`` names why (see operations for the messages)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def check_choice(kind, choice, candidate_ids=(), seats=1, allow_abstain=False):
    """Return ``choice`` in its stored form, or raise InvalidChoice.

    Election ballots follow the Party's rules: not more names kept than seats, and not
    none when there are more candidates than seats.
    """
    if kind == "motion":
        options = MOTION_OPTIONS if allow_abstain else MOTION_OPTIONS[:2]
        if not isinstance(choice, str) or choice not in options:
            raise InvalidChoice("unknown_option")
        return choice
    if kind == "election":
        if not isinstance(choice, list) or any(type(c) is not int for c in choice):
            raise InvalidChoice("malformed")
        kept = sorted(set(choice))
        if len(kept) != len(choice) or not set(kept) <= set(candidate_ids):
            raise InvalidChoice("unknown_candidate")
        if len(kept) > seats:
            raise InvalidChoice("too_many")
        if not kept and len(candidate_ids) > seats:
            raise InvalidChoice("none_kept")
        return kept
    if kind == "confidence":
        if not isinstance(choice, dict):
            raise InvalidChoice("malformed")
        if set(choice) != {str(c) for c in candidate_ids}:
            raise InvalidChoice("unknown_candidate" if set(choice) - {str(c) for c in
                                                                     candidate_ids}
                                else "incomplete")
        if any(level not in CONFIDENCE_LEVELS for level in choice.values()):
            raise InvalidChoice("unknown_option")
        return {key: choice[key] for key in sorted(choice)}
    raise InvalidChoice("no_ballots")


def is_valid(kind, choice, candidate_ids=(), seats=1, allow_abstain=False) -> bool:
    try:
        check_choice(kind, choice, candidate_ids, seats, allow_abstain)
    except InvalidChoice:
        return False
    return True


def tally(kind, choices, candidate_ids=(), seats=1, allow_abstain=False) -> dict:
    """Count ``choices``; invalid ones are counted apart, never in a candidate's favour."""
    choices = list(choices)
    valid = [c for c in choices
             if is_valid(kind, c, candidate_ids, seats, allow_abstain)]
    out = {"ballots": len(choices), "valid": len(valid), "invalid": len(choices) - len(valid)}
    if kind == "motion":
        out["counts"] = {o: sum(1 for c in valid if c == o) for o in MOTION_OPTIONS}
    elif kind == "election":
        out["counts"] = {str(cid): sum(1 for c in valid if cid in c) for cid in candidate_ids}
    elif kind == "confidence":
        out["counts"] = {str(cid): {lv: sum(1 for c in valid if c[str(cid)] == lv)
                                    for lv in CONFIDENCE_LEVELS} for cid in candidate_ids}
    return out


def base_count(base: str, members: int, present: int, valid: int) -> int:
    """Return the number the majority is counted against."""
    return {"members": members, "present": present, "valid": valid}[base]


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def motion_outcome(counts: dict, base: int, rule: Rule) -> dict:
    """Decide a motion (or a show of hands): passed when "yes" meets the rule on base."""
    return {"base_count": base, "required": rule.required(base),
            "passed": rule.met(counts["yes"], base),
            "percent": {o: percent(n, base) for o, n in counts.items()}}


def election_outcome(counts: dict, seats: int, base: int, rule: Rule) -> dict:
    """Elect those who meet the rule, most votes first; a tie at the last seat is left
    to the meeting (reported in ``tied``, nobody of them elected)."""
    required = rule.required(base)
    qualified = sorted((cid for cid, n in counts.items() if rule.met(n, base)),
                       key=lambda cid: -counts[cid])
    elected, tied = qualified, []
    if len(qualified) > seats:
        cutoff = counts[qualified[seats - 1]]
        above = [c for c in qualified if counts[c] > cutoff]
        at_cutoff = [c for c in qualified if counts[c] == cutoff]
        if len(above) + len(at_cutoff) > seats:
            elected, tied = above, at_cutoff
        else:
            elected = above + at_cutoff
    return {"base_count": base, "required": required, "elected": elected, "tied": tied,
            "percent": {cid: percent(n, base) for cid, n in counts.items()}}


def confidence_outcome(counts: dict, returned: int) -> dict:
    """Percentages of each level over the ballots returned, per person."""
    return {"base_count": returned,
            "percent": {cid: {lv: percent(n, returned) for lv, n in levels.items()}
                        for cid, levels in counts.items()},
            "low_majority": [cid for cid, levels in counts.items()
                             if Rule(1, 2, True).met(levels["low"], returned)]}


def canonical(choice) -> str:
    """Write a choice the one way the digest reads it."""
    return json.dumps(choice, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def digest(lines) -> str:
    """SHA-256 over the sorted ballot lines, one per line, newline-terminated."""
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode() + b"\n")
    return h.hexdigest()
