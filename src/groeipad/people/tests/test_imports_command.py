import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from groeipad.people.models import Employee
from groeipad.people.tests.importhelpers import write_csv
from groeipad.privacy.models import AuditEvent

HEADER = ["employee_number", "first_name", "last_name", "email", "department", "hire_date"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def groeipad_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_command_prints_a_summary_and_a_dry_run_says_nothing_was_written(tmp_path):
    path = write_csv(
        tmp_path / "staff.csv", [HEADER, ["1", "Anna", "Bos", "a@x.nl", "HR", "2020-01-01"]]
    )
    out, _err = groeipad_import("employees", str(path), "--dry-run")
    assert out.splitlines() == [
        "new departments: HR",
        "employees: 1 created, 0 updated, 0 unchanged",
        "dry run: nothing written",
    ]
    assert not Employee.objects.exists()
    out, _err = groeipad_import("employees", str(path))
    assert out.splitlines()[-1] == "employees: 1 created, 0 updated, 0 unchanged"
    out, _err = groeipad_import("employees", str(path))
    assert out.splitlines() == ["employees: 0 created, 0 updated, 1 unchanged"]
    assert AuditEvent.objects.filter(action="import").count() == 2
    assert AuditEvent.objects.filter(action="import").first().actor_label.startswith("command line")


@pytest.mark.django_db
def test_command_prints_every_error_to_stderr_and_exits_with_1(tmp_path):
    path = write_csv(
        tmp_path / "staff.csv",
        [
            HEADER,
            ["1", "Anna", "Bos", "a@x.nl", "HR", "31-02-2024"],
            ["2", "Bert", "Bos", "a@x.nl", "HR", "2020-01-01"],
        ],
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_data", "employees", str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert err.getvalue().splitlines() == [
        f'{path}:2:6: hire_date "31-02-2024" is not a date (use YYYY-MM-DD or DD-MM-YYYY)',
        f'{path}:3:4: email "a@x.nl" is also on line 2',
    ]
    assert not Employee.objects.exists()
