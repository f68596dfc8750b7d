"""Job functions for the queue's tests (a worker imports them by name, as it does ours)."""

import os
import time
from pathlib import Path

from meeting.core import jobs
from meeting.core.errors import OperationError

DIED = []


def square(n):
    jobs.progress(50, "nửa chừng")
    return {"square": n * n, "pid": os.getpid()}


def refuse():
    raise OperationError("Tệp không hợp lệ.")


def crash():
    raise RuntimeError("a bug")


def wait_for(flag: str, seconds: float = 60):
    """Sleep until the file ``flag`` exists (a test kills the worker meanwhile)."""
    Path(flag + ".started").write_text(str(os.getpid()))
    deadline = time.monotonic() + seconds
    while not Path(flag).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return {"waited": True}


def _died(*args):
    Path(args[0] + ".died").write_text("yes")


wait_for.on_died = _died
