"""Who a rater's e-mail address really is: one normalisation, used by every check.

Raters of one 360 round are distinct people (specs/anonymity.md, "Raters"). Two
addresses are the same person when their *keys* are equal:

- everywhere: the address is compared in lower case, surrounding spaces removed;
- on the organisation's own domains (setting ``GROEIPAD_ORGANISATION_DOMAINS``, the
  requester's own domain, and the domains of employees' addresses): dots in the local
  part are ignored, and so is everything from the first "+" (``Jan.Jansen+360@org.nl``
  is ``janjansen@org.nl``). Mail servers of one's own organisation commonly deliver such
  aliases to the same mailbox, so a requester could otherwise invite themselves.

A rater address that belongs to an employee (by key) is that employee.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Value
from django.db.models.functions import Lower, Replace, StrIndex, Substr

from groeipad.people.models import Employee

DOMAINS_CACHE_KEY = "feedback:organisation-domains"
DOMAINS_CACHE_SECONDS = 600


def split(email: str) -> tuple[str, str]:
    """(local part, domain) of an address in lower case; domain "" when there is no "@"."""
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at:
        return email, ""
    return local, domain


def email_key(email: str, own_domains: Iterable[str] = ()) -> str:
    """The address as the person it reaches: lower case; on ``own_domains`` also without
    dots in the local part and without a "+tag"."""
    local, domain = split(email)
    if not domain:
        return local
    if domain in {d.strip().lower() for d in own_domains}:
        local = local.split("+", 1)[0].replace(".", "")
    return f"{local}@{domain}"


def employee_domains() -> set[str]:
    """The distinct domains of employees' addresses: one aggregate query, cached."""
    found = cache.get(DOMAINS_CACHE_KEY)
    if found is None:
        domain = Lower(Substr(F("email"), StrIndex(F("email"), Value("@")) + 1))
        found = sorted(
            d
            for d in Employee.objects.exclude(email="")
            .annotate(domain=domain)
            .values_list("domain", flat=True)
            .distinct()
            if d
        )
        cache.set(DOMAINS_CACHE_KEY, found, DOMAINS_CACHE_SECONDS)
    return set(found)


def organisation_domains(*extra_addresses: str) -> set[str]:
    """The organisation's own domains: the setting, the domains of ``extra_addresses``
    (the requester's own address) and the domains of employees' addresses."""
    domains = {d.strip().lower() for d in getattr(settings, "GROEIPAD_ORGANISATION_DOMAINS", [])}
    domains |= {split(a)[1] for a in extra_addresses if split(a)[1]}
    domains |= employee_domains()
    return {d for d in domains if d}


def employee_by_address(email: str, own_domains: Iterable[str]) -> Employee | None:
    """The employee an address reaches (by key), or None: an external address.

    One query: the database narrows by the address without dots (an index-free scan of
    one column), Python decides with the exact key."""
    own = set(own_domains)
    key = email_key(email, own)
    domain = split(email)[1]
    candidates = Employee.objects.filter(email__iexact=email.strip())
    if domain in own:
        loose = Replace(Lower(F("email")), Value("."), Value(""))
        prefix = key.split("@", 1)[0]
        candidates = Employee.objects.annotate(loose=loose).filter(
            loose__startswith=prefix, loose__endswith="@" + domain.replace(".", "")
        )
    for employee in candidates.order_by("pk")[:50]:
        if email_key(employee.email, own) == key:
            return employee
    return None
