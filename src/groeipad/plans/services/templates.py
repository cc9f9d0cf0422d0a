"""The starter plan templates (HR edits templates in the admin)."""

from __future__ import annotations

from groeipad.lib.actions import action, audit
from groeipad.plans import starter
from groeipad.plans.models import (
    PlanTemplate,
    TemplateGoal,
)
from groeipad.privacy.models import AuditAction, ObjectType


@action
def templates_install_starter(*, actor) -> list[PlanTemplate]:
    """Install the three starter templates; those that already exist are left alone."""
    installed = []
    for spec in starter.TEMPLATES:
        template, created = PlanTemplate.objects.get_or_create(
            name=spec["name"],
            defaults={
                key: spec[key]
                for key in (
                    "career_stage",
                    "introduction",
                    "strengths_prompt",
                    "ambitions_prompt",
                    "development_points_prompt",
                    "support",
                )
            },
        )
        if created:
            TemplateGoal.objects.bulk_create(
                TemplateGoal(
                    template=template,
                    title=title,
                    why=why,
                    success_criterion=criterion,
                    instrument=instrument,
                    position=position,
                )
                for position, (title, why, criterion, instrument) in enumerate(spec["goals"])
            )
            installed.append(template)
    if installed:
        audit(
            actor=actor,
            verb=AuditAction.CREATE,
            object_type=ObjectType.PLAN_TEMPLATE,
            summary="installed starter templates: " + ", ".join(t.name for t in installed),
        )
    return installed
