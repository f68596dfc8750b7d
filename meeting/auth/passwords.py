"""Argon2 password hashing."""

import os

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# The test suite creates hundreds of accounts; it may ask for the cheapest parameters.
# Production always uses argon2-cffi's recommended defaults (RFC 9106, low memory).
if os.environ.get("MEETING_FAST_HASH") == "1":
    _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
else:
    _hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths cost the same time.
_DUMMY = _hasher.hash("not-a-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
