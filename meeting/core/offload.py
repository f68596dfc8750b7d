"""Run a CPU-bound call off the event loop of a gevent web process.

A gevent process serves every tablet from one thread: a 50 ms computation there delays
every other request and live update by 50 ms. Calls that spend their time in C code that
releases the GIL (Argon2 in argon2-cffi, Pillow's compositing and PNG encoding) run in
gevent's native thread pool instead, so the loop goes on; with threads (tests, the CLI)
they are simply called.
"""

import os
import sys

THREAD_NICE = 10


def _lowered(function, *args):
    """Run in a pool thread at a lower priority than the loop's thread (Linux: per thread),
    so on two cores the loop is scheduled first."""
    try:
        os.setpriority(os.PRIO_PROCESS, _native_id(), THREAD_NICE)
    except OSError:
        pass
    return function(*args)


def _native_id() -> int:
    import threading

    return threading.get_native_id()


def in_thread(function, *args):
    """Call ``function(*args)`` in gevent's thread pool when the process runs gevent."""
    if "gevent.monkey" in sys.modules:
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            import gevent

            return gevent.get_hub().threadpool.apply(_lowered, (function, *args))
    return function(*args)
