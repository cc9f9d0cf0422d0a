"""Transfers planned before the new manager was asked for: name the deciding user's
employee record when they work in the host department (or below it), as a choice made
now would. The rest stay without one; the scan then skips them with the reason (HR
decides)."""

from django.db import migrations


def fill(apps, schema_editor):
    Application = apps.get_model("mobility", "Application")
    Department = apps.get_model("people", "Department")
    Employee = apps.get_model("people", "Employee")
    parents = dict(Department.objects.values_list("pk", "parent_id"))

    def below(department_id, host_id):
        seen = set()
        while department_id is not None and department_id not in seen:
            if department_id == host_id:
                return True
            seen.add(department_id)
            department_id = parents.get(department_id)
        return False

    pending = Application.objects.filter(
        transfer_status="pending", new_manager__isnull=True, decided_by__isnull=False
    ).select_related("offer")
    for application in pending:
        employee_id = application.decided_by.employee_id
        if not employee_id or employee_id == application.employee_id:
            continue
        manager = Employee.objects.filter(pk=employee_id).first()
        if manager and below(manager.department_id, application.offer.host_department_id):
            Application.objects.filter(pk=application.pk).update(new_manager=manager)


class Migration(migrations.Migration):
    dependencies = [
        ("mobility", "0003_application_new_manager"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
