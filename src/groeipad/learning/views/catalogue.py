"""Catalogue pages: the catalogue, an offer (with its request form), HR's edits."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.budgets import selectors as budget_selectors
from groeipad.learning import rules, selectors, services
from groeipad.learning.access import get_offer_for, get_session_for
from groeipad.learning.forms import OfferForm, RequestForm, SessionForm
from groeipad.learning.models import LearningOffer, OfferKind
from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.lib.page_messages import run_service as _run
from groeipad.people.models import Employee
from groeipad.people.scope import viewer_for


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _own_employee(request: HttpRequest) -> Employee | None:
    return getattr(request.user, "employee", None)


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in OfferKind.values:
        kind = ""
    competency_id = request.GET.get("competency", "")
    mandatory = {"yes": True, "no": False}.get(request.GET.get("mandatory", ""))
    offers = selectors.catalogue_page(
        q=request.GET.get("q", "").strip(),
        kind=kind,
        competency_id=int(competency_id) if competency_id.isdigit() else None,
        mandatory=mandatory,
        today=timezone.localdate(),
    )
    return render(
        request,
        "learning/catalogue.html",
        {
            "offers": offers,
            "flagged": selectors.flagged_offer_ids(offers),
            "kinds": OfferKind.choices,
            "competencies": selectors.catalogue_competencies(),
            "filters": request.GET,
            "may_edit": rules.may_manage_catalogue(viewer_for(request.user)),
        },
    )


@login_required
def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    offer = get_offer_for(viewer, offer_id)
    today = timezone.localdate()
    sessions = selectors.session_places(offer, today)
    request_form = RequestForm()
    _choice_field(request_form, "session").choices = [("", _("no session / self-paced"))] + [
        (s.session.pk, f"{s.session.starts_on:%d-%m-%Y} {s.session.place}")
        for s in sessions
        if not s.past
    ]
    employee = _own_employee(request)
    goals = selectors.open_goals_of(employee) if employee is not None else []
    _choice_field(request_form, "goal").choices = [("", _("none: my own choice"))] + [
        (g.pk, g.title) for g in goals
    ]
    funding = _funding_for_form(employee, offer, today) if employee is not None else None
    if funding is not None and funding["personal"] is None:
        # No personal budget: only the department can pay, nothing to choose.
        del request_form.fields["funding"]
    may_edit = rules.may_manage_catalogue(viewer)
    evaluation = selectors.offer_evaluation(offer)
    return render(
        request,
        "learning/offer.html",
        {
            "offer": offer,
            "links": selectors.offer_links(offer),
            "sessions": sessions,
            "evaluation": evaluation,
            "learning_rows": selectors.offer_learning_by_competency(offer),
            "flagged": selectors.flagged(offer, evaluation),
            "low_reaction": selectors.setting("LEARNING_LOW_REACTION"),
            "request_form": request_form if employee is not None else None,
            "funding": funding,
            "may_edit": may_edit,
            "offer_form": OfferForm(instance=offer) if may_edit else None,
            "session_form": SessionForm() if may_edit else None,
            "competencies": selectors.competency_choices() if may_edit else [],
        },
    )


def _funding_for_form(employee: Employee, offer: LearningOffer, today: date) -> dict[str, Any]:
    """What is left of both budgets this year, and which one pays by default."""
    year = today.year
    department_budget, department_left = None, None
    if employee.department is not None:
        department_budget, department_left = budget_selectors.department_remaining(
            employee.department, year
        )
    return {
        "year": year,
        "personal": budget_selectors.personal_budget_status(employee, year),
        "department_budget": department_budget,
        "department_left": department_left,
        "default": budget_selectors.default_funding(employee, year, offer.cost),
    }


@login_required
def offer_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not rules.may_manage_catalogue(viewer):
        raise PermissionDenied
    form = OfferForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            holder: dict[str, LearningOffer] = {}
            if _run(
                request,
                lambda: holder.update(offer=services.offer_save(actor=viewer, **form.cleaned_data)),
                _("The offer is in the catalogue."),
            ):
                return redirect("learning:offer", offer_id=holder["offer"].pk)
        else:
            messages.error(request, _form_errors(form))
    return render(request, "learning/offer_new.html", {"form": form})


@require_POST
@login_required
def offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    offer = get_offer_for(viewer, offer_id)
    if not rules.may_manage_catalogue(viewer):
        raise PermissionDenied
    # The form binds to its own copy: a failed save must not change the offer we save.
    form = OfferForm(request.POST, instance=get_offer_for(viewer, offer.pk))
    if form.is_valid():
        _run(
            request,
            lambda: services.offer_save(actor=viewer, offer=offer, **form.cleaned_data),
            _("Saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("learning:offer", offer_id=offer.pk)


@require_POST
@login_required
def session_add(request: HttpRequest, offer_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    offer = get_offer_for(viewer, offer_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.session_add(actor=viewer, offer=offer, **form.cleaned_data),
            _("Session added."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("learning:offer", offer_id=offer.pk)


@require_POST
@login_required
def request_offer(request: HttpRequest, offer_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    offer = get_offer_for(viewer, offer_id)
    employee = _own_employee(request)
    if employee is None:
        raise PermissionDenied
    form = RequestForm(request.POST)
    _choice_field(form, "session").choices = [("", "")] + [
        (s.pk, s.pk) for s in selectors.offer_sessions(offer)
    ]
    goals = selectors.goals_of(employee)
    _choice_field(form, "goal").choices = [("", "")] + [(pk, pk) for pk in goals]
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("learning:offer", offer_id=offer.pk)
    session_id = form.cleaned_data["session"]
    session = get_session_for(viewer, offer, int(session_id)) if session_id else None
    if _run(
        request,
        lambda: services.request_offer(
            actor=viewer,
            employee=employee,
            offer=offer,
            session=session,
            goal=goals.get(form.cleaned_data["goal"]),
            reason=form.cleaned_data["reason"],
            funding=form.cleaned_data.get("funding") or None,
        ),
        _("Requested. Your manager decides; you see the answer under My learning."),
    ):
        return redirect("learning:mine")
    return redirect("learning:offer", offer_id=offer.pk)


@require_POST
@login_required
def competency_link(request: HttpRequest, offer_id: int) -> HttpResponse:
    from groeipad.skills.access import competency_by_id

    viewer = viewer_for(request.user)
    offer = get_offer_for(viewer, offer_id)
    competency_id = request.POST.get("competency", "")
    level = request.POST.get("level", "")
    if not (competency_id.isdigit() and level.isdigit()):
        messages.error(request, _("Choose a competency and a level."))
    else:
        competency = competency_by_id(int(competency_id))
        _run(
            request,
            lambda: services.offer_competency_set(
                actor=viewer, offer=offer, competency=competency, level=int(level)
            ),
            _("Saved."),
        )
    return redirect("learning:offer", offer_id=offer.pk)
