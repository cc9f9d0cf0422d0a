"""Argon2 with OWASP's recommended parameters (Password Storage Cheat Sheet).

Django's default Argon2 parameters take about 100 MB of memory per password check, so
eight logins at once need most of a gigabyte. OWASP's minimum for Argon2id, 19 MiB of
memory, two passes and one lane, keeps eight concurrent checks well under 200 MB.
Being first in PASSWORD_HASHERS, it rehashes a password stored with other parameters
the next time its owner logs in (Django does that when ``must_update`` is true).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class GroeipadArgon2PasswordHasher(Argon2PasswordHasher):
    # Same algorithm name as Django's hasher: stored hashes stay readable by both.
    memory_cost = 19456  # KiB (19 MiB)
    time_cost = 2
    parallelism = 1
