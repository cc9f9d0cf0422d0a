"""The application's URLs plus one page that does a user's action which queues an e-mail."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from groeipad.lib.actions import action
from groeipad.notifications.services import email_queue
from groeipad.people.models import Employee
from groeipad.urls import urlpatterns as app_urlpatterns


@action
def employee_rename(*, employee_id: int, first_name: str) -> None:
    """A user's action: one write, and a mail about it queued in the same transaction."""
    employee = Employee.objects.get(pk=employee_id)
    employee.first_name = first_name
    employee.save(update_fields=["first_name"])
    email_queue(
        to=employee.email,
        subject=f"Your name is now {first_name}",
        text="See https://groeipad.example.nl/ for your profile.",
    )


@require_POST
@login_required
def rename(request):
    employee_rename(employee_id=request.user.employee_id, first_name=request.POST["name"])
    return HttpResponse("done")


urlpatterns = [path("test/rename/", rename), *app_urlpatterns]
