"""What the mobility app holds about a person: applications for rotations and internships.

Erasure removes the texts (motivation, the reasons for decisions); offer, decisions and
the internal move they led to stay, because mobility KPIs count the moves.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.mobility.models import Application
from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register


def _export(employee: Employee) -> list[dict]:
    applications = (
        Application.objects.filter(employee=employee)
        .select_related("offer__host_department")
        .order_by("created_at", "pk")
    )
    return [
        {
            "offer": a.offer.title,
            "host_department": a.offer.host_department.name,
            "applied_at": a.created_at,
            "motivation": a.motivation,
            "state": a.get_state_display(),
            "manager_consent": a.get_consent_display(),
            "reason_for_the_consent_decision": a.consent_reason,
            "host_decision": a.get_decision_display(),
            "reason_for_the_host_decision": a.decision_reason,
            "withdrawn_at": a.withdrawn_at,
            "transfer": a.get_transfer_display(),
        }
        for a in applications
    ]


def _erase(employee: Employee, dry_run: bool) -> int:
    texts = Application.objects.filter(employee=employee).filter(
        ~Q(motivation="") | ~Q(consent_reason="") | ~Q(decision_reason="") | ~Q(transfer_note="")
    )
    count = texts.count()
    if not dry_run and count:
        texts.update(motivation="", consent_reason="", decision_reason="", transfer_note="")
    return count


register(
    DataCategory(
        key="rotation_applications",
        app="mobility",
        label=_("applications for rotations and internships"),
        purpose=_("to let you try another job and to decide on it with your manager and host"),
        legal_basis=_("legitimate interest: your development (article 6(1)(f) GDPR)"),
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_export,
        erase=_erase,
    )
)
