"""``python -m meeting …``: the ``meeting`` command (how `meeting run` starts its worker)."""

from meeting.console import main

main()
