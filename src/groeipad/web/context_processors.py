from django.db.models import Count, Exists, OuterRef, Q

from groeipad.people.models import Employee, User
from groeipad.people.visibility import is_hr


def _manages_and_reminders(user) -> tuple[bool, int]:
    """Whether the user has reports (people.visibility.is_manager's rule) and how many
    reminders they have open: one query for both, on every page, whatever the counts."""
    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            manages=Exists(Employee.objects.filter(manager_id=OuterRef("employee_id"))),
            open_reminders=Count("reminders", filter=Q(reminders__dismissed_at__isnull=True)),
        )
        .values_list("manages", "open_reminders")
        .get()
    )


def navigation(request):
    """What the top bar needs: which menu items the user gets, and their name."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    match = getattr(request, "resolver_match", None)
    employee = user.employee if user.employee_id else None
    manages, open_reminders = _manages_and_reminders(user)
    return {
        "nav_is_hr": is_hr(user),
        "nav_is_manager": bool(user.employee_id) and manages,
        "nav_active": match.view_name if match else "",
        "nav_user_name": employee.full_name if employee else user.email,
        "nav_reminders": open_reminders,
    }
