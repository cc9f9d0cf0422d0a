"""Request pages: my learning, the approval queue, deciding, completing, evaluating."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.budgets import selectors as budget_selectors
from groeipad.learning import rules, selectors, services
from groeipad.learning.access import get_enrolment_for
from groeipad.learning.forms import CompleteForm, DecisionForm, EvaluationForm
from groeipad.learning.models import Enrolment, EnrolmentStatus, EvaluationLevel
from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.lib.page_messages import run_service as _run
from groeipad.people.scope import viewer_for


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    employee = getattr(request.user, "employee", None)
    rows = []
    enrolments = list(selectors.own_enrolments(viewer))
    answered: dict[int, set[str]] = {}
    for enrolment in enrolments:
        levels = answered.setdefault(enrolment.offer_id, set())
        if enrolment.reaction_answered:
            levels.add(EvaluationLevel.REACTION)
        if enrolment.learning_answered:
            levels.add(EvaluationLevel.LEARNING)
    for enrolment in enrolments:
        # Reaction and learning are anonymous answers, linked to nobody once sent: the
        # page says they were answered (on any of the person's requests of the offer),
        # not what they said.
        done = answered.get(enrolment.offer_id, set())
        completed = enrolment.status == "completed"
        rows.append(
            {
                "e": enrolment,
                "answered": [
                    label for level, label in EvaluationLevel.choices if completed and level in done
                ],
                "ask_reaction": completed and EvaluationLevel.REACTION not in done,
                "ask_learning": completed and EvaluationLevel.LEARNING not in done,
                # One self-assessment row per competency the offer develops, else one.
                "learning_rows": sorted(
                    (link.competency for link in enrolment.offer.competencies.all()),
                    key=lambda c: c.name.casefold(),
                ),
            }
        )
    return render(
        request,
        "learning/mine.html",
        {
            "rows": rows,
            "recommendations": selectors.recommendations_for(employee) if employee else [],
        },
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not rules.may_see_queue(viewer):
        raise PermissionDenied
    queue = list(selectors.approval_queue(viewer))
    # Which budget pays and what is left of it; the other one too, so the manager
    # can switch who pays when deciding. Read for all requests at once.
    budgets = budget_selectors.request_budgets(queue)
    rows = []
    for enrolment in queue:
        b = budgets[enrolment.pk]
        rows.append(
            {
                "e": enrolment,
                "paying": b.paying,
                "budget": b.budget,
                "remaining": b.remaining,
                "personal": b.personal,
                "over": (b.paying.personal and b.paying.budget is None)
                or not b.paying.covers(enrolment.cost),
            }
        )
    return render(
        request,
        "learning/queue.html",
        {
            "rows": rows,
            "approved": selectors.approved_for_viewer(viewer),
            "behaviour_due": selectors.behaviour_due(viewer),
            "hr_attention": selectors.hr_attention(viewer),
            "threshold": selectors.setting("LEARNING_HR_COST_THRESHOLD"),
            "may_override": rules.may_override_budget(viewer),
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def decide(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    elif form.cleaned_data["decision"] == "approve":
        holder: dict[str, Enrolment] = {}
        if (
            _run(
                request,
                lambda: holder.update(
                    e=services.approve(
                        actor=viewer,
                        enrolment=enrolment,
                        reason=form.cleaned_data["reason"],
                        override_budget=form.cleaned_data["override_budget"],
                        funding=form.cleaned_data["funding"] or None,
                    )
                ),
                _("Decision saved."),
            )
            and holder["e"].status == EnrolmentStatus.WAITLISTED
        ):
            messages.warning(request, _("The session is full: the request is on the waiting list."))
    else:
        _run(
            request,
            lambda: services.decline(
                actor=viewer, enrolment=enrolment, reason=form.cleaned_data["reason"]
            ),
            _("Declined."),
        )
    return redirect("learning:queue")


@require_POST
@login_required
def complete(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    form = CompleteForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.complete(
                actor=viewer,
                enrolment=enrolment,
                completed_on=form.cleaned_data["completed_on"],
            ),
            _("Completed: it counts in the learning figures."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("learning:queue")


def _learning_scores(post: QueryDict, enrolment: Enrolment) -> list[tuple]:
    """The self-assessment rows of the form: ``before_<competency id>``/``after_<...>``,
    ``overall`` for an offer without competencies. Missing or bad numbers pass as None
    or 0, so the service names what is wrong in its own words."""

    def number(name: str) -> int | None:
        value = str(post.get(name, "")).strip()
        return int(value) if value.isdigit() else None

    keys: list[int | None] = [*selectors.competency_ids_to_rate(enrolment)] or [None]
    rows = [
        (key, number(f"before_{key or 'overall'}"), number(f"after_{key or 'overall'}"))
        for key in keys
    ]
    # A row left empty is missing: the service names the competency.
    return [row for row in rows if row[1:] != (None, None)]


def _back(viewer_employee_id: int | None, enrolment: Enrolment) -> HttpResponse:
    own = viewer_employee_id == enrolment.employee_id
    return redirect("learning:mine" if own else "learning:queue")


@require_POST
@login_required
def evaluate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        if data["level"] == "learning" and "before" not in request.POST:
            data["scores"] = _learning_scores(request.POST, enrolment)
        _run(
            request,
            lambda: services.evaluate(actor=viewer, enrolment=enrolment, **data),
            _("Thank you: your rating is saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    return _back(viewer.employee_id, enrolment)


@require_POST
@login_required
def cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    _run(
        request,
        lambda: services.cancel(actor=viewer, enrolment=enrolment),
        _("Cancelled."),
    )
    return _back(viewer.employee_id, enrolment)


@login_required
def behaviour(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The behaviour rating of one completed learning: where the manager's reminder leads."""
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    if not rules.may_decide(viewer, enrolment.employee):
        raise PermissionDenied
    low, high = selectors.setting("LEARNING_BEHAVIOUR_DAYS")
    completed_on = enrolment.completed_on
    completed = enrolment.status == EnrolmentStatus.COMPLETED and completed_on is not None
    due_from = completed_on + timedelta(days=low) if completed and completed_on else None
    rated = selectors.behaviour_rating(enrolment)
    today = timezone.localdate()
    return render(
        request,
        "learning/behaviour.html",
        {
            "e": enrolment,
            "rated": rated,
            # The form promises the rating of one person stays with its author: another
            # manager in the line or HR sees that it was given, not what it was.
            "rated_own": rated is not None and rated.rater_id == request.user.pk,
            "due_from": due_from,
            "ask": completed and rated is None and due_from is not None and today >= due_from,
            "low": low,
            "high": high,
        },
    )
