"""Rotation and internship pages: offers, applying, consent, choosing candidates.

Thin views: parse the request, call selectors and services, render. Services check who may.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _errors
from groeipad.mobility import access, rules, selectors, services
from groeipad.mobility.forms import ApplyForm, DecisionForm, OfferForm
from groeipad.mobility.models import OfferStatus, TransferStatus


def _refused(request, error) -> None:
    messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))


def _tabs(request) -> dict:
    viewer = request.viewer
    return {
        "may_create": rules.may_create_any_offer(viewer),
        "may_consent": rules.may_see_consents(viewer),
    }


@login_required
def offers(request):
    status = request.GET.get("status", "")
    if status not in OfferStatus.values:
        status = ""
    rows = list(selectors.offers_for_viewer(request.viewer, status=status or None))
    return render(
        request,
        "mobility/offers.html",
        {**_tabs(request), "offers": rows, "status": status, "statuses": OfferStatus.choices},
    )


@login_required
def offer_create(request):
    if not rules.may_create_any_offer(request.viewer):
        raise PermissionDenied
    departments = selectors.host_departments(request.viewer)
    form = OfferForm(request.POST or None, departments=departments)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _errors(form))
        else:
            data = form.cleaned_data
            level = data.pop("target_level")
            chosen = data.pop("competencies")
            try:
                offer = services.offer_create(
                    actor=request.viewer, competencies=[(c, level) for c in chosen], **data
                )
            except (ValidationError, PermissionDenied) as error:
                _refused(request, error)
            else:
                messages.success(request, _("The offer is published."))
                return redirect("mobility:offer", rotation_id=offer.pk)
    return render(request, "mobility/offer_new.html", {**_tabs(request), "form": form})


@login_required
def offer(request, rotation_id: int):
    viewer = request.viewer
    offer = access.get_offer_for(viewer, rotation_id)
    mine = selectors.my_application_for(viewer, offer)
    may_apply = bool(
        viewer.employee_id
        and mine is None
        and offer.status == OfferStatus.OPEN
        and viewer.department_id != offer.host_department_id
        and selectors.places_left(offer) > 0
    )
    may_decide = rules.may_decide(viewer, offer)
    context = {
        **_tabs(request),
        "offer": offer,
        "mine": mine,
        "may_apply": may_apply,
        "apply_form": ApplyForm(),
        "may_decide": may_decide,
        "places_left": selectors.places_left(offer),
    }
    if may_decide:
        context["candidates"] = list(selectors.candidates(offer))
        if offer.is_transfer:
            # Who the chosen employee reports to after the transfer (default: you, when
            # you work in the host department).
            managers = list(selectors.manager_candidates(offer))
            context["managers"] = managers
            context["default_manager_id"] = (
                viewer.employee_id if any(m.pk == viewer.employee_id for m in managers) else None
            )
    return render(request, "mobility/offer.html", context)


@login_required
@require_POST
def apply(request, rotation_id: int):
    offer = access.get_offer_for(request.viewer, rotation_id)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mobility:offer", rotation_id=offer.pk)
    try:
        services.application_create(
            actor=request.viewer, offer=offer, motivation=form.cleaned_data["motivation"]
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect("mobility:offer", rotation_id=offer.pk)
    messages.success(request, _("You have applied. Your manager is asked for consent."))
    return redirect("mobility:mine")


@login_required
@require_POST
def close(request, rotation_id: int):
    offer = access.get_offer_for(request.viewer, rotation_id)
    try:
        services.offer_close(actor=request.viewer, offer=offer)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    return redirect("mobility:offer", rotation_id=offer.pk)


@login_required
def mine(request):
    return render(
        request,
        "mobility/mine.html",
        {**_tabs(request), "applications": list(selectors.my_applications(request.viewer))},
    )


@login_required
def consents(request):
    tabs = _tabs(request)
    if not tabs["may_consent"]:
        raise PermissionDenied
    return render(
        request,
        "mobility/consents.html",
        {**tabs, "applications": list(selectors.consent_queue(request.viewer))},
    )


@login_required
def host_queue(request):
    tabs = _tabs(request)
    if not tabs["may_create"]:
        raise PermissionDenied
    return render(
        request,
        "mobility/host_queue.html",
        {**tabs, "applications": list(selectors.host_queue(request.viewer))},
    )


def _decision(request) -> tuple[bool, str] | None:
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return None
    return form.cleaned_data["decision"] == "yes", form.cleaned_data["reason"]


@login_required
@require_POST
def consent(request, application_id: int):
    application = access.get_application_for(request.viewer, application_id)
    decision = _decision(request)
    if decision is not None:
        give, reason = decision
        try:
            services.application_consent(
                actor=request.viewer, application=application, give=give, reason=reason
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("Consent given: the host department now sees the application.")
                if give
                else _("Consent refused; the employee sees your reason."),
            )
    return redirect("mobility:consents")


@login_required
@require_POST
def decide(request, application_id: int):
    application = access.get_application_for(request.viewer, application_id)
    decision = _decision(request)
    if decision is not None:
        choose, reason = decision
        try:
            new_manager = (
                services.new_manager_find(
                    actor=request.viewer,
                    offer=application.offer,
                    pk=request.POST.get("new_manager") or None,
                )
                if choose
                else None
            )
            services.application_decide(
                actor=request.viewer,
                application=application,
                choose=choose,
                reason=reason,
                new_manager=new_manager,
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            if choose:
                text = _("%(name)s is chosen; the rotation is added to their development plan.")
                if application.movement_id:
                    text = _(
                        "%(name)s is chosen; the rotation is added to their development plan "
                        "and the transfer to the host department is recorded."
                    )
                elif application.transfer_status == TransferStatus.PENDING:
                    text = _(
                        "%(name)s is chosen; the rotation is added to their development plan. "
                        "The transfer to the host department takes effect on %(date)s."
                    )
                messages.success(
                    request,
                    text
                    % {
                        "name": application.employee.full_name,
                        "date": date_format(application.offer.start_date, "DATE_FORMAT"),
                    },
                )
            else:
                messages.success(request, _("Decision recorded."))
    return redirect("mobility:offer", rotation_id=application.offer_id)


@login_required
@require_POST
def transfer_cancel(request, application_id: int):
    application = access.get_application_for(request.viewer, application_id)
    try:
        services.transfer_cancel(
            actor=request.viewer, application=application, reason=request.POST.get("reason", "")
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The transfer of %(name)s is called off; they stay in their own department.")
            % {"name": application.employee.full_name},
        )
    return redirect("mobility:offer", rotation_id=application.offer_id)


@login_required
@require_POST
def withdraw(request, application_id: int):
    application = access.get_application_for(request.viewer, application_id)
    try:
        services.application_withdraw(actor=request.viewer, application=application)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("mobility:mine")
