"""Pieces every domain shares: errors, audit log, units, time, the unit of work."""
