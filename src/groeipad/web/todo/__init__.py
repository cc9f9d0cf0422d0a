"""The home page's to-do overview: what waits for the viewer, so no follow-up dies quietly.

Every read goes through the selectors of the app that owns it (scoped to the viewer there;
who sees whom is people.scope's). This module only counts, words and links. The
number of queries is fixed per role: each line is one count or one small aggregate, never a
query per item.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from groeipad.people import scope
from groeipad.people.models import Employee, User
from groeipad.web.todo.employee import for_employee
from groeipad.web.todo.hr import for_hr
from groeipad.web.todo.items import Overview, Todo
from groeipad.web.todo.manager import for_manager

__all__ = ["Overview", "Todo", "todo_overview"]


def todo_overview(
    user: User, *, own: Employee | None, has_team: bool, today: date | None = None
) -> Overview:
    """``user``: who is asking; ``own``: their's employee record (or None), ``has_team``: they manage someone."""
    today = today or timezone.localdate()
    overview = Overview()
    mentor_confirmations: list[Todo] = []
    if own is not None:
        overview.mine = for_employee(user, own, today, mentor_confirmations)
    if has_team:
        overview.decisions = for_manager(user, today) + mentor_confirmations
    else:
        overview.mine += mentor_confirmations
    if scope.is_hr(user):
        overview.attention = for_hr(user, today)
    return overview
