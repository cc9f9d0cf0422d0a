from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from groeipad.people import scope
from groeipad.people.models import Employee, User
from groeipad.people.transparency import may_see_transparency


def _manages_and_reminders(user: User) -> tuple[bool, int]:
    """Whether the user has current reports (``people.scope.is_manager``'s rule: a leaver
    stops counting the day after the leave date) and how many reminders they have open:
    one query for both, on every page, whatever the counts."""
    today = timezone.localdate()
    current_reports = Employee.objects.filter(manager_id=OuterRef("employee_id")).filter(
        Q(leave_date__isnull=True) | Q(leave_date__gte=today)
    )
    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            manages=Exists(current_reports),
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
        "nav_is_hr": scope.is_hr(user),
        "nav_privacy": may_see_transparency(user),
        "nav_is_manager": bool(user.employee_id) and manages,
        "nav_active": match.view_name if match else "",
        "nav_user_name": employee.full_name if employee else user.email,
        "nav_reminders": open_reminders,
    }
