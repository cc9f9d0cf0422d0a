from groeipad.people.scope import visible_employees


def numbers(user):
    return set(visible_employees(user).values_list("employee_number", flat=True))


def test_employee_sees_only_own_record(personas):
    assert numbers(personas.user("carol")) == {"1003"}


def test_manager_sees_direct_and_indirect_reports(personas):
    assert numbers(personas.user("bob")) == {"1001", "1002", "1003"}
    assert numbers(personas.user("alice")) == {"1002", "1003"}


def test_hr_and_admin_see_everyone(personas):
    everyone = {"1001", "1002", "1003", "1004", "1005"}
    assert numbers(personas.user("hanna")) == everyone
    assert numbers(personas.admin.user) == everyone


def test_outsider_sees_nobody_else(personas):
    assert numbers(personas.user("dave")) == {"1004"}


def test_inactive_user_sees_nothing(personas):
    user = personas.user("hanna")
    user.is_active = False
    assert numbers(user) == set()


def test_cycle_in_management_line_does_not_loop(personas):
    # Data from outside can be wrong; the line must still end. A subtree is never linked
    # below itself, so Bob does not come round again into the line of his own report.
    personas.bob.manager = personas.carol
    personas.bob.save()
    assert numbers(personas.user("alice")) == {"1002", "1003"}
