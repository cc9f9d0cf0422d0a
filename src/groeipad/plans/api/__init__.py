"""Development plans, goals, actions and check-ins in the API, with the pages' visibility.

Every id goes through ``plans.access`` (404 for what the viewer may not see). A check-in's
private notes go only to their writer: the employee's to the employee, the manager's to
the manager; never to the other side, nor to HR.

Goals, actions and check-ins are registered first: their fixed prefixes must win over
``/{plan_id}``.
"""

from groeipad.plans.api import checkins, goals, plans  # noqa: F401  (registers the endpoints)
from groeipad.plans.api.router import router

__all__ = ["router"]
