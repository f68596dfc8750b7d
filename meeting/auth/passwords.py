"""Argon2 password hashing, off the web process's event loop.

Argon2 is slow on purpose (tens of ms and 64 MiB a hash). In a gevent process it runs in
the native thread pool (core/offload.py), and at most ARGON2_AT_ONCE hashes run at a time:
a flood of logins then queues behind itself and slows logins, not the room.
"""

import os
import threading

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from meeting.core.offload import in_thread

# The test suite creates hundreds of accounts; it may ask for the cheapest parameters.
# Production always uses argon2-cffi's recommended defaults (RFC 9106, low memory).
if os.environ.get("MEETING_FAST_HASH") == "1":
    _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
else:
    _hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths cost the same time.
_DUMMY = _hasher.hash("not-a-password")


# One core of two stays free for the event loop (a greenlet-aware lock under gevent).
_SLOTS = threading.BoundedSemaphore(int(os.environ.get("ARGON2_AT_ONCE", 1)))


def hash_password(password: str) -> str:
    with _SLOTS:
        return in_thread(_hasher.hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_password(password_hash: str | None, password: str) -> bool:
    with _SLOTS:
        return in_thread(_verify, password_hash or _DUMMY, password) and password_hash is not None
