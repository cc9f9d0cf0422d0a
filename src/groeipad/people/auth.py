"""Log-in helpers."""

from __future__ import annotations


def lockout_username(request, credentials) -> str | None:
    """The key django-axes counts failures under: the address as typed, lowercased.

    Without lowercasing, "Carol@…" and "carol@…" would each get their own five tries.
    """
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    # Cut to the lock-out table's column (255): a 5,000-character "address" must be a
    # failed login, not a database error.
    return username.strip().lower()[:255] if username else None
