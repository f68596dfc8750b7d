"""A poll's result in words, e.g. "27/50 thành viên đồng ý — quá nửa tổng số thành viên
Ban Chấp hành (26) — được thông qua", in the language asked for."""

from flask_babel import force_locale
from flask_babel import gettext as _


def _threshold(poll) -> str:
    if poll.threshold == "half":
        return _("more than half of")
    if poll.threshold == "two_thirds":
        return _("at least two thirds of")
    if poll.threshold == "three_quarters":
        return _("at least three quarters of")
    return _("at least %(num)d/%(den)d of", num=poll.threshold_num, den=poll.threshold_den)


def _base(poll) -> str:
    if poll.base == "members":
        return _("the total members of %(body)s", body=poll.meeting.body.name)
    if poll.base == "present":
        return _("the members present")
    return _("the valid votes")


def rule_words(poll) -> str:
    return f"{_threshold(poll)} {_base(poll)}"


def _agree(poll, agree, base) -> str:
    if poll.base == "valid":
        return _("%(agree)d/%(base)d valid votes agree", agree=agree, base=base)
    return _("%(agree)d/%(base)d members agree", agree=agree, base=base)


def _motion(poll, result) -> list[str]:
    out = result["outcome"]
    if out["passed"]:
        rule, outcome = rule_words(poll), _("passed")
    else:
        # "2/50 agree — more than half (26) — not passed" reads as if 2 were more than half.
        rule, outcome = _("short of %(rule)s", rule=rule_words(poll)), _("not passed")
    return [f"{_agree(poll, result['counts']['yes'], out['base_count'])} — "
            f"{rule} ({out['required']}) — {outcome}"]


def _election(poll, result) -> list[str]:
    out = result["outcome"]
    lines = [_("%(filled)d of %(seats)d seats filled; elected with %(rule)s (%(required)d)",
               filled=len(out["elected"]), seats=poll.seats, rule=rule_words(poll),
               required=out["required"])]
    for cand in poll.candidates:
        key = str(cand.id)
        if key in out["elected"]:
            verdict = _("elected")
        elif key in out["tied"]:
            verdict = _("tied: for the meeting to decide")
        else:
            verdict = _("not elected")
        lines.append(f"{cand.name}: {result['counts'][key]}/{out['base_count']} "
                     f"({out['percent'][key]}%) — {verdict}")
    if result["invalid"]:
        lines.append(_("%(n)d invalid ballots", n=result["invalid"]))
    return lines


def _confidence(poll, result) -> list[str]:
    out = result["outcome"]
    lines = [_("%(n)d ballots returned", n=out["base_count"])]
    for cand in poll.candidates:
        pct = out["percent"][str(cand.id)]
        lines.append(_("%(name)s: high %(high)s%%, medium %(medium)s%%, low %(low)s%%",
                       name=cand.name, high=pct["high"], medium=pct["medium"], low=pct["low"]))
        if str(cand.id) in out["low_majority"]:
            lines.append(_("%(name)s: more than half of the ballots rate low confidence",
                           name=cand.name))
    return lines


def explain(poll) -> list[str]:
    """Return the result's lines in the current language; empty before counting."""
    if not poll.result:
        return []
    if poll.kind in ("motion", "hands"):
        return _motion(poll, poll.result)
    if poll.kind == "election":
        return _election(poll, poll.result)
    return _confidence(poll, poll.result)


def explain_both(poll) -> dict:
    """Return the explanation in Vietnamese and English: shown to everyone, kept in print."""
    out = {}
    for lang in ("vi", "en"):
        with force_locale(lang):
            out[lang] = explain(poll)
    return out
