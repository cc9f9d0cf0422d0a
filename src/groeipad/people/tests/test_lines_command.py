"""``groeipad lines check|rebuild``."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from groeipad.people.models import Employee, ReportingLine


def test_check_passes_on_a_consistent_closure(personas, capsys):
    call_command("lines", "check")
    assert "consistent: 3 rows" in capsys.readouterr().out


def test_check_fails_when_a_bulk_write_bypassed_the_closure_and_rebuild_mends_it(personas):
    Employee.objects.filter(pk=personas.dave.pk).update(manager=personas.bob)
    with pytest.raises(CommandError, match="1 missing, 0 extra"):
        call_command("lines", "check")
    call_command("lines", "rebuild")
    assert ReportingLine.objects.filter(manager=personas.bob, employee=personas.dave).exists()
    call_command("lines", "check")
