"""JSON endpoints of the meetings module, one file per resource, on the api blueprint."""

from meeting.meetings.api import agenda, attendance, meetings, speakers  # noqa: F401
