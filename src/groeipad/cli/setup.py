"""What ``groeipad init`` installs on a first run: the organisation, a starter competency
framework and starter plan templates (each only when there is none yet)."""

from __future__ import annotations

from groeipad.insights.services import current_organisation
from groeipad.plans.models import PlanTemplate
from groeipad.plans.services import templates_install_starter
from groeipad.skills.models import Framework
from groeipad.skills.services import framework_install_starter


def first_run_defaults() -> None:
    current_organisation()
    if not Framework.objects.exists():
        # An organisation can start assessing at once and adapt the framework later.
        framework_install_starter(actor=None)
    if not PlanTemplate.objects.exists():
        # Starter, experienced and senior templates; HR adapts them in the admin.
        templates_install_starter(actor=None)
