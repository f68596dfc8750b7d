"""Bodies, terms, members, meetings, agenda, attendance and speakers."""
