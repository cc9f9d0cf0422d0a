"""The AVG (GDPR) rights of a person over what Groeipad holds about them.

- ``subject_access_export``: everything, as a ZIP with a readable ``index.html`` and a
  machine-readable ``data.json`` (article 15);
- ``employee_erase``: HR erases a leaver: development data removed, the employee record
  pseudonymised so that past KPIs stay as they were (article 17);
- ``retention_apply``: the daily task that erases, per retention rule, what is past its
  period after the leave date; ``retention_upcoming`` lists who is next.

One list drives all of them: ``groeipad.privacy.registry.categories()``, which every app
that holds personal data fills from its ``privacy`` module.
"""

from groeipad.people.rights.erasure import ErasureResult, employee_erase, erasure_order
from groeipad.people.rights.export import subject_access_export
from groeipad.people.rights.retention import (
    RetentionResult,
    UpcomingErasure,
    retention_apply,
    retention_upcoming,
)

__all__ = [
    "ErasureResult",
    "RetentionResult",
    "UpcomingErasure",
    "employee_erase",
    "erasure_order",
    "retention_apply",
    "retention_upcoming",
    "subject_access_export",
]
