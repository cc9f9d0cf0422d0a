"""The one normalisation of rater addresses (feedback.raters): who an address reaches."""

from __future__ import annotations

import pytest

from groeipad.feedback.raters import (
    email_key,
    employee_by_address,
    employee_domains,
    organisation_domains,
)

OWN = {"example.nl"}


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("jan.jansen@example.nl", "janjansen@example.nl"),
        ("Jan.Jansen@Example.NL", "janjansen@example.nl"),
        ("  jan.jansen+360@example.nl ", "janjansen@example.nl"),
        ("j.a.n.jansen+a+b@example.nl", "janjansen@example.nl"),
        ("jan.jansen+@example.nl", "janjansen@example.nl"),
        # Not the organisation's own domain: only the case is normalised.
        ("Jan.Jansen+360@Elders.example", "jan.jansen+360@elders.example"),
        ("jan.jansen@elders.example", "jan.jansen@elders.example"),
        # A subdomain is another domain.
        ("jan.jansen@mail.example.nl", "jan.jansen@mail.example.nl"),
        ("no-at-sign", "no-at-sign"),
    ],
)
def test_email_key(address, key):
    assert email_key(address, OWN) == key


def test_two_addresses_are_one_person_exactly_when_their_keys_match():
    same = ["alice@example.nl", "A.lice@example.nl", "alice+x@EXAMPLE.nl", "al.ice+1.2@example.nl"]
    assert len({email_key(a, OWN) for a in same}) == 1
    distinct = ["alice@example.nl", "alicia@example.nl", "alice@elders.example", "a.lice@x.example"]
    assert len({email_key(a, OWN) for a in distinct}) == len(distinct)


def test_own_domains_are_the_setting_the_requester_and_the_employees(personas, settings):
    settings.GROEIPAD_ORGANISATION_DOMAINS = ["Partner.Example "]
    assert employee_domains() == {"example.nl"}  # every persona is @example.nl
    assert organisation_domains("someone@zelf.example") == {
        "partner.example",
        "zelf.example",
        "example.nl",
    }


def test_employee_domains_take_one_query_then_come_from_the_cache(
    personas, django_assert_num_queries
):
    with django_assert_num_queries(1):
        employee_domains()
    with django_assert_num_queries(0):
        employee_domains()


def test_an_alias_of_an_employee_is_that_employee(personas):
    for address in ("carol@example.nl", "C.arol+360@Example.nl", "CAROL@EXAMPLE.NL"):
        assert employee_by_address(address, OWN) == personas.carol
    assert employee_by_address("carola@example.nl", OWN) is None
    assert employee_by_address("carol@elders.example", OWN) is None
    # On a foreign domain only the exact address (any case) is the employee.
    assert employee_by_address("CAROL@example.nl", set()) == personas.carol
    assert employee_by_address("c.arol@example.nl", set()) is None
