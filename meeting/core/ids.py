"""Row ids as they arrive from URLs, JSON bodies, forms and socket events."""

# Primary keys are "integer" columns, 32-bit on PostgreSQL. A larger number names no row,
# and asking the database for it fails (out of range) instead of finding nothing.
MAX_ID = 2**31 - 1


def is_id(value) -> bool:
    """Tell whether ``value`` can name a row: an int (not a bool) in the columns' range."""
    return type(value) is int and 0 < value <= MAX_ID
