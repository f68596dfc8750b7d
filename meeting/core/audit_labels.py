"""Words for the audit log page: what each action code and target type means.

The codes stay in the log as they are (they are what the filter matches); the page shows
these words beside them. An unknown code falls back to its domain's word and the code.
"""

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "auth.login": _l("Logged in"), "auth.logout": _l("Logged out"),
    "user.create": _l("Account created"), "user.update": _l("Account changed"),
    "user.enable": _l("Account re-enabled"), "user.disable": _l("Account disabled"),
    "token.create": _l("API token created"), "token.revoke": _l("API token revoked"),
    "unit.create": _l("Unit added"), "unit.update": _l("Unit changed"),
    "body.create": _l("Body created"), "term.create": _l("Term created"),
    "member.add": _l("Member added"), "member.end": _l("Membership ended"),
    "meeting.create": _l("Meeting created"), "meeting.update": _l("Meeting changed"),
    "meeting.draft": _l("Meeting back to draft"), "meeting.published": _l("Meeting published"),
    "meeting.in_session": _l("Meeting opened"), "meeting.closed": _l("Meeting closed"),
    "meeting.archived": _l("Meeting archived"),
    "meeting.invite_guest": _l("Guest invited"), "meeting.remove_guest": _l("Guest removed"),
    "agenda.add": _l("Agenda item added"), "agenda.update": _l("Agenda item changed"),
    "agenda.delete": _l("Agenda item removed"), "agenda.reorder": _l("Agenda reordered"),
    "agenda.set_current": _l("Item under discussion changed"),
    "attendance.respond": _l("Invitation answered"), "attendance.check_in": _l("Checked in"),
    "attendance.mark": _l("Roll call"),
    "speaker.request": _l("Asked to speak"), "speaker.withdraw": _l("Request to speak withdrawn"),
    "speaker.give_floor": _l("Floor given"), "speaker.end": _l("Floor ended"),
    "document.upload": _l("Paper uploaded"), "document.update": _l("Paper changed"),
    "document.new_version": _l("New version of a paper"),
    "document.publish": _l("Paper published"), "document.unpublish": _l("Paper withdrawn"),
    "document.delete": _l("Paper deleted"),
    "annotation.create": _l("Note added"), "annotation.update": _l("Note changed"),
    "annotation.delete": _l("Note deleted"),
    "comment.add": _l("Comment on a draft"), "comment.edit": _l("Comment changed"),
    "comment.withdraw": _l("Comment withdrawn"),
    "poll.create": _l("Vote prepared"), "poll.open": _l("Vote opened"),
    "poll.vote": _l("Ballot cast"), "poll.close": _l("Vote closed and counted"),
    "poll.record_hands": _l("Show of hands recorded"), "poll.publish": _l("Result published"),
    "poll.reserve": _l("Reservation of opinion recorded"),
    "poll.withdraw_reservation": _l("Reservation of opinion withdrawn"),
    "minutes.save": _l("Minutes saved"), "minutes.approve": _l("Minutes approved"),
    "paper.request": _l("Official paper requested"), "paper.issue": _l("Official paper issued"),
    "paper.sign": _l("Official paper signed"),
    "savings.settings": _l("Savings settings changed"),
    "savings.printed.add": _l("Printed copies recorded"),
    "savings.printed.delete": _l("Printed copies removed"),
    "savings.format.set": _l("Print format set"), "savings.format.clear": _l("Print format reset"),
    "savings.report.request": _l("Savings report requested"),
    "registry.unit.create": _l("Unit profile added"),
    "registry.unit.update": _l("Unit profile changed"),
    "registry.grant.set": _l("Registry access granted"),
    "registry.grant.revoke": _l("Registry access revoked"),
    "registry.report.freeze": _l("Yearly figures frozen"),
    "registry.report.unfreeze": _l("Yearly figures unfrozen"),
    "registry.alerts.send": _l("Expiry alerts sent"),
}

# registry.<kind>.<verb>: the record kinds share these verbs.
REGISTRY_VERBS = {"create": _l("Registry record added"), "update": _l("Registry record changed"),
                  "delete": _l("Registry record deleted"),
                  "retire": _l("Registry record retired")}

DOMAINS = {"auth": _l("Accounts"), "user": _l("Accounts"), "meeting": _l("Meetings"),
           "agenda": _l("Agenda"), "attendance": _l("Attendance"), "speaker": _l("Speakers"),
           "document": _l("Papers"), "annotation": _l("Notes"), "comment": _l("Comments"),
           "poll": _l("Voting"), "minutes": _l("Minutes"), "paper": _l("Official papers"),
           "savings": _l("Savings"), "registry": _l("IT registry")}

TARGETS = {
    "User": _l("Account"), "Unit": _l("Unit"), "Body": _l("Body"), "Term": _l("Term"),
    "Membership": _l("Membership"), "Meeting": _l("Meeting"), "MeetingGuest": _l("Guest"),
    "AgendaItem": _l("Agenda item"), "Attendance": _l("Attendance"),
    "SpeakerRequest": _l("Request to speak"), "Document": _l("Paper"), "Poll": _l("Vote"),
    "Minutes": _l("Minutes"), "IssuedPaper": _l("Official paper"), "PaperJob": _l("Build"),
    "ApiToken": _l("API token"),
}


def action_label(code: str) -> str:
    """The words for an action code, e.g. "poll.open" → "Vote opened"."""
    if code in ACTIONS:
        return str(ACTIONS[code])
    parts = code.split(".")
    if parts[0] == "registry" and len(parts) == 3 and parts[2] in REGISTRY_VERBS:
        return str(REGISTRY_VERBS[parts[2]])
    domain = DOMAINS.get(parts[0])
    return f"{domain}: {code}" if domain else code


def target_label(target_type: str) -> str:
    """The words for a target's type, e.g. "Poll" → "Vote"; unknown types as they are."""
    return str(TARGETS.get(target_type, target_type))
