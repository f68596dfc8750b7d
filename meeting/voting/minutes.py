"""The counting minutes (biên bản kiểm phiếu) of a vote, in the Party document layout."""

from datetime import UTC

from flask_babel import force_locale, to_user_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from meeting.core.errors import Conflict
from meeting.core.time import utcnow
from meeting.voting import counting, explain, rules
from meeting.voting.models import POLL_KINDS


def option_words() -> dict:
    return {"yes": _("Agree"), "no": _("Disagree"), "abstain": _("Other opinion"),
            "high": _("High confidence"), "medium": _("Confidence"),
            "low": _("Low confidence")}


def choice_words(poll, choice) -> str:
    """A named ballot in words, for the CSV's list of who voted what."""
    words = option_words()
    if poll.kind == "motion":
        return words.get(choice, str(choice))
    names = {c.id: c.name for c in poll.candidates}
    if poll.kind == "election":
        return "; ".join(names.get(i, str(i)) for i in choice) or "—"
    return "; ".join(f"{names.get(int(k), k)}: {words.get(v, v)}" for k, v in choice.items())


def tally_rows(poll) -> list[list]:
    """Rows of (what, count, percent of the base) for the minutes and the CSV."""
    result, words = poll.result, option_words()
    out = result["outcome"]
    rows = [[_("Option"), _("Votes"), _("%% of base (%(n)d)", n=out["base_count"])]]
    if poll.kind in ("motion", "hands"):
        options = rules.MOTION_OPTIONS if poll.allow_abstain else rules.MOTION_OPTIONS[:2]
        rows += [[words[o], result["counts"][o], out["percent"][o]] for o in options]
    elif poll.kind == "election":
        rows += [[c.name, result["counts"][str(c.id)], out["percent"][str(c.id)]]
                 for c in poll.candidates]
    else:
        for c in poll.candidates:
            for level in rules.CONFIDENCE_LEVELS:
                rows.append([f"{c.name} — {words[level]}",
                             result["counts"][str(c.id)][level],
                             out["percent"][str(c.id)][level]])
    return rows


def _local(dt) -> str:
    """A stored UTC time in the meeting's time zone, as the minutes write it."""
    return to_user_timezone(dt.replace(tzinfo=UTC)).strftime("%H:%M:%S ngày %d/%m/%Y") if dt else ""


def render(poll, number: int | None = None) -> bytes:
    """Render the counting minutes to PDF (Vietnamese, whatever the reader's language).

    With ``number`` the header prints "Số <number>-BB/…" (an issued official paper);
    without it the number is left blank, as on a working copy.
    """
    from meeting.papers.layout import party_header
    from meeting.papers.models import kind_info
    from meeting.papers.pdf import render_pdf

    with force_locale("vi"):
        check = counting.verify(poll)
        context = party_header(kind_info("counting")[0], number,
                               day=(poll.closed_dt or utcnow()).date(),
                               doc_type="Biên bản",
                               summary=f"Kiểm phiếu: {poll.title}",
                               paper_title=f"Biên bản kiểm phiếu — {poll.title}")
        return render_pdf("voting/minutes_pdf.html", poll=poll, opened=_local(poll.opened_dt),
                          closed=_local(poll.closed_dt), kind=str(POLL_KINDS[poll.kind]),
                          rows=tally_rows(poll), lines=explain.explain(poll), check=check,
                          rule=explain.rule_words(poll), **context)


def issue_counting_minutes(actor, poll):
    """Issue the counting minutes as a numbered official paper of the meeting (secretariat).

    Numbering, storing and the audit entry (``paper.issue``) are the papers domain's; a
    second issue of the same vote is refused there, naming the number it already has.
    """
    from meeting.meetings.access import require_secretariat
    from meeting.papers.issue import issue_generated_paper

    require_secretariat(actor)
    if poll.state not in ("closed", "published"):
        raise Conflict(_l("The vote must be closed before its counting minutes are issued."))
    return issue_generated_paper(actor, poll.meeting, "counting",
                                 lambda number: render(poll, number),
                                 title=f"Biên bản kiểm phiếu — {poll.title}",
                                 source=f"poll:{poll.id}")
