"""The admin: HR corrects people data here; every change lands in the audit log."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from groeipad.people import scope
from groeipad.people.models import Department, Employee, JobProfile, Movement, Organisation, User
from groeipad.people.services import EDITABLE_EMPLOYEE_FIELDS
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record


class HRAdminMixin:
    """HR advisers and administrators work in the admin; model permissions are not used."""

    def _allowed(self, request) -> bool:
        return scope.is_hr(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class AuditedAdmin(HRAdminMixin, admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            object_type=ObjectType.for_model(obj),
            object_id=obj.pk,
            summary=f"{'changed' if change else 'created'} in admin: {obj}",
            changes={name: str(form.cleaned_data.get(name)) for name in form.changed_data},
        )

    def delete_model(self, request, obj):
        audit_record(
            actor=request.user,
            action=AuditAction.DELETE,
            object_type=ObjectType.for_model(obj),
            object_id=obj.pk,
            summary=f"deleted in admin: {obj}",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class EmployeeAdminForm(forms.ModelForm):
    # Carried through the form so that two people editing at once cannot overwrite
    # each other: the second save is refused (see clean).
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Employee
        fields = ("employee_number", *EDITABLE_EMPLOYEE_FIELDS, "version")

    def clean(self):
        cleaned = super().clean() or {}
        if self.instance.pk:
            current = (
                Employee.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current is not None and cleaned.get("version") != current:
                raise forms.ValidationError(
                    _(
                        "Someone else changed this employee while you were editing. Reload the "
                        "page to see their change; your edit was not saved."
                    )
                )
        return cleaned


@admin.register(Employee)
class EmployeeAdmin(AuditedAdmin):
    form = EmployeeAdminForm
    list_display = (
        "employee_number",
        "last_name",
        "first_name",
        "department",
        "job_profile",
        "hire_date",
        "leave_date",
    )
    list_select_related = ("department", "job_profile")
    search_fields = ("employee_number", "first_name", "last_name", "email")
    list_filter = ("leave_reason",)
    autocomplete_fields = ("manager", "department", "job_profile")

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = form.cleaned_data["version"] + 1
        super().save_model(request, obj, form, change)


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ("name", "parent")
    search_fields = ("name",)
    autocomplete_fields = ("parent",)


@admin.register(JobProfile)
class JobProfileAdmin(AuditedAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Movement)
class MovementAdmin(AuditedAdmin):
    list_display = ("employee", "date", "kind", "department", "job_profile")
    list_select_related = ("employee", "department", "job_profile")
    autocomplete_fields = ("employee", "department", "job_profile")


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "replacement_cost_low", "replacement_cost_high")
    exclude = ("version",)


@admin.register(User)
class UserAdmin(AuditedAdmin):
    list_display = ("email", "role", "employee", "is_active")
    list_select_related = ("employee",)
    search_fields = ("email",)
    fields = ("email", "role", "employee", "is_active")
    autocomplete_fields = ("employee",)

    def _allowed(self, request) -> bool:
        # Accounts and roles are the administrator's, not HR's: HR cannot make
        # itself or anyone else an administrator.
        return bool(request.user.is_active and request.user.role == "admin")
