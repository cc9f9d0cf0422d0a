"""Argon2id tuned for a small server (docs/security.md, benchmarks/bench_argon2.py).

Django's default Argon2 parameters take about 100 MB of memory per password check, so
eight logins at once need most of a gigabyte. Groeipad keeps OWASP's memory for
Argon2id (19 MiB, one lane: Password Storage Cheat Sheet), so eight concurrent checks
stay near 150 MB, and makes up in passes what it saves in memory: eight passes take
about 100 ms of CPU per check on the reference machine (OWASP's minimum is two).
Being first in PASSWORD_HASHERS, it rehashes a password stored with other parameters
the next time its owner logs in (Django does that when ``must_update`` is true).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class GroeipadArgon2PasswordHasher(Argon2PasswordHasher):
    # Same algorithm name as Django's hasher: stored hashes stay readable by both.
    memory_cost = 19456  # KiB (19 MiB)
    time_cost = 8
    parallelism = 1
