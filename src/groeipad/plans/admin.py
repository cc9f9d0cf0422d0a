"""HR edits the plan templates here: career stage, prompts, support and suggested goals."""

from __future__ import annotations

from django.contrib import admin

from groeipad.lib.actions import audit
from groeipad.people import scope
from groeipad.people.admin import HRAdminMixin
from groeipad.plans.models import PlanTemplate, TemplateGoal
from groeipad.privacy.models import AuditAction, ObjectType


class TemplateGoalInline(admin.TabularInline):
    model = TemplateGoal
    extra = 1
    fields = ("position", "title", "why", "success_criterion", "instrument")

    # Inlines take an extra ``obj`` argument, so HRAdminMixin does not fit as is.
    def _allowed(self, request) -> bool:
        return scope.is_hr(request.user)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


@admin.register(PlanTemplate)
class PlanTemplateAdmin(HRAdminMixin, admin.ModelAdmin):
    list_display = ("name", "career_stage")
    list_filter = ("career_stage",)
    fields = (
        "name",
        "career_stage",
        "introduction",
        "strengths_prompt",
        "ambitions_prompt",
        "development_points_prompt",
        "support",
    )
    inlines = [TemplateGoalInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
        audit(
            actor=request.user,
            verb=AuditAction.UPDATE if change else AuditAction.CREATE,
            object_type=ObjectType.PLAN_TEMPLATE,
            object_id=obj.pk,
            summary=f"plan template {obj.name} saved in the admin",
        )
