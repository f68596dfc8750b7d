"""Strings the page scripts show, translated on the server (scripts hold no text)."""

from flask_babel import gettext as _

from meeting.meetings.models import (
    ITEM_STATUSES,
    MEETING_STATUSES,
    PRESENCE_CHOICES,
    RSVP_CHOICES,
    SPEAKER_STATUSES,
)

# Other domains add their scripts' strings here (see ``register``), so this file does
# not have to know every domain.
_providers = []


def register(provider):
    """Add a function returning more {key: translated text} for the page scripts."""
    _providers.append(provider)
    return provider


def js_strings() -> dict:
    extra = {}
    for provider in _providers:
        extra |= provider()
    return _core_strings() | extra


def _core_strings() -> dict:
    labels = {f"meeting_{k}": str(v) for k, v in MEETING_STATUSES.items()}
    labels |= {f"item_{k}": str(v) for k, v in ITEM_STATUSES.items()}
    labels |= {f"rsvp_{k}": str(v) for k, v in RSVP_CHOICES.items()}
    labels |= {f"presence_{k}": str(v) for k, v in PRESENCE_CHOICES.items()}
    labels |= {f"speaker_{k}": str(v) for k, v in SPEAKER_STATUSES.items()}
    return labels | {
        "online": _("Connected"),
        "offline": _("Connection lost — reconnecting…"),
        "offline_short": _("Offline"),
        "current": _("Now discussing"),
        "no_current": _("No item is being discussed yet."),
        "presenter": _("Presenter"),
        "minutes": _("min"),
        "go_to": _("Make current"),
        "give_floor": _("Give the floor"),
        "end_floor": _("End"),
        "remove": _("Remove"),
        "nobody_waiting": _("Nobody is waiting to speak."),
        "speaking_now": _("Speaking now"),
        "waiting": _("Waiting to speak"),
        "quorum_met": _("Quorum met"),
        "quorum_not_met": _("Quorum not met"),
        "present_of": _("present of"),
        "required": _("required"),
        "time_over": _("Time is up"),
        "error": _("The action could not be carried out."),
        "confirm": _("Are you sure?"),
        "online_now": _("online"),
        "you_are_waiting": _("You are on the list to speak."),
        "you_are_speaking": _("You have the floor."),
        "check_in": _("Check in"),
        "attend": _("I will attend"),
        "excuse": _("I cannot attend"),
        "send": _("Send"),
        "reason": _("Reason for absence"),
        "withdraw": _("Withdraw my request"),
        "speak": _("Ask to speak"),
        "not_present": _("Not present"),
        "guest": _("guest"),
    }
