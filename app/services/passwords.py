"""Password hashes with scrypt, a slow key-derivation function from the standard library.

A stored hash reads ``scrypt$n$r$p$salt$key`` with salt and key in hex, so the
cost parameters can rise later without making old hashes unreadable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# N=2**17, r=8, p=1 costs 128 MiB and took 0.3 to 0.9 s per hash on the
# two-core development machine: slow for a guesser, bearable for one login.
_N = 2**17
_R = 8
_P = 1
_KEY_BYTES = 32
_MAX_MEMORY = 256 * 1024 * 1024


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of ``password`` to store."""
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Return True when ``password`` matches ``stored``; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = _derive(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(derived, bytes.fromhex(key))


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=_MAX_MEMORY, dklen=_KEY_BYTES)
