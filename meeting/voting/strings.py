"""Strings the voting scripts show (ballot, chair panel, projector), translated here."""

from flask_babel import gettext as _

from meeting.core import js_strings


@js_strings.register
def strings() -> dict:
    return {
        "poll_vote_now": _("Vote now"), "poll_agree": _("Agree"),
        "poll_disagree": _("Disagree"), "poll_abstain": _("Other opinion"),
        "poll_high": _("High confidence"), "poll_medium": _("Confidence"),
        "poll_low": _("Low confidence"), "poll_keep": _("Keep"), "poll_strike": _("Strike out"),
        "poll_confirm": _("Confirm my vote"), "poll_change": _("Change"),
        "poll_you_chose": _("You chose:"), "poll_voted": _("Vote recorded"),
        "poll_receipt": _("Your receipt code:"), "poll_secret": _("Secret ballot"),
        "poll_named": _("Named vote"), "poll_received": _("Ballots received"),
        "poll_of_eligible": _("of the members present"), "poll_open": _("Open the vote"),
        "poll_close": _("Close the vote"), "poll_close_confirm": _("Tap again to close"),
        "poll_publish": _("Publish the result"), "poll_repeat": _("Repeat the vote"),
        "poll_result": _("Result"), "poll_minutes": _("Counting minutes (PDF)"),
        "poll_csv": _("CSV"), "poll_details": _("Details"), "poll_none": _("No vote yet."),
        "poll_drafts": _("Prepared votes"), "poll_cannot_vote":
            _("Only members of the body who have checked in vote."),
        "poll_keep_up_to": _("Keep at most this many names:"),
        "poll_voting": _("Voting in progress"), "poll_hands_now": _("Show of hands"),
        "poll_record_hands": _("Record the counts"), "poll_quorum_warning":
            _("Opened without quorum"), "poll_not_voted": _("Not voted yet"),
        "poll_new": _("New vote"), "poll_create": _("Prepare the vote"),
        "poll_reserve": _("Keep my opinion on record"),
    }
