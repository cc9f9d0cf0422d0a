"""Learning pages: catalogue, offer, my learning, the approval queue and the budgets.

Thin views: parse the request, call access/selector/service, render. Every write goes
through learning.services, which checks who may.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.learning import rules, selectors, services
from groeipad.learning.access import enrolment_for_viewer, offer_by_id
from groeipad.learning.forms import (
    BudgetForm,
    CompleteForm,
    DecisionForm,
    EvaluationForm,
    OfferForm,
    RequestForm,
    SessionForm,
)
from groeipad.learning.models import (
    Enrolment,
    EnrolmentStatus,
    LearningOffer,
    OfferKind,
)
from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.lib.page_messages import run_service as _run
from groeipad.people.models import Department
from groeipad.people.selectors import department_paths
from groeipad.people.visibility import is_hr, is_manager


def _competency_choices():
    from groeipad.skills.models import Competency

    return sorted(Competency.objects.select_related("scale"), key=lambda c: c.name.casefold())


@login_required
def catalogue(request):
    kind = request.GET.get("kind", "")
    if kind not in OfferKind.values:
        kind = ""
    competency_id = request.GET.get("competency", "")
    mandatory = {"yes": True, "no": False}.get(request.GET.get("mandatory", ""))
    offers = list(
        selectors.catalogue(
            q=request.GET.get("q", "").strip(),
            kind=kind,
            competency_id=int(competency_id) if competency_id.isdigit() else None,
            mandatory=mandatory,
        ).prefetch_related("competencies__competency", "sessions")
    )
    flagged = selectors.flagged_offer_ids()
    from groeipad.skills.models import Competency

    competencies = sorted(
        Competency.objects.filter(learning_offers__isnull=False).distinct(),
        key=lambda c: c.name.casefold(),
    )
    today = timezone.localdate()
    for offer in offers:
        offer.flagged = offer.pk in flagged
        offer.upcoming = [s for s in offer.sessions.all() if s.starts_on >= today]
    return render(
        request,
        "learning/catalogue.html",
        {
            "offers": offers,
            "kinds": OfferKind.choices,
            "competencies": competencies,
            "filters": request.GET,
            "may_edit": rules.may_manage_catalogue(request.user),
        },
    )


@login_required
def offer_detail(request, offer_id: int):
    offer = offer_by_id(offer_id)
    today = timezone.localdate()
    sessions = []
    for session in offer.sessions.all():
        taken = session.enrolments.filter(
            status__in=[EnrolmentStatus.APPROVED, EnrolmentStatus.COMPLETED]
        ).count()
        waiting = session.enrolments.filter(status=EnrolmentStatus.WAITLISTED).count()
        sessions.append(
            {
                "session": session,
                "taken": taken,
                "left": max(session.capacity - taken, 0),
                "waiting": waiting,
                "past": session.starts_on < today,
            }
        )
    request_form = RequestForm()
    request_form.fields["session"].choices = [("", _("no session / self-paced"))] + [
        (s["session"].pk, f"{s['session'].starts_on:%d-%m-%Y} {s['session'].place}")
        for s in sessions
        if not s["past"]
    ]
    employee = getattr(request.user, "employee", None)
    goals = []
    if employee is not None:
        from groeipad.plans.models import Goal

        goals = list(
            Goal.objects.filter(plan__employee=employee)
            .exclude(status="closed")
            .order_by("deadline")
        )
    request_form.fields["goal"].choices = [("", _("none: my own choice"))] + [
        (g.pk, g.title) for g in goals
    ]
    funding = _funding_for_form(employee, offer, today) if employee is not None else None
    if funding is not None and funding["personal"] is None:
        # No personal budget: only the department can pay, nothing to choose.
        del request_form.fields["funding"]
    may_edit = rules.may_manage_catalogue(request.user)
    return render(
        request,
        "learning/offer.html",
        {
            "offer": offer,
            "links": offer.competencies.select_related("competency"),
            "sessions": sessions,
            "evaluation": selectors.offer_evaluation(offer),
            "learning_rows": selectors.offer_learning_by_competency(offer),
            "flagged": offer.pk in selectors.flagged_offer_ids(),
            "low_reaction": selectors.setting("LEARNING_LOW_REACTION"),
            "request_form": request_form if employee is not None else None,
            "funding": funding,
            "may_edit": may_edit,
            "offer_form": OfferForm(instance=offer) if may_edit else None,
            "session_form": SessionForm() if may_edit else None,
            "competencies": _competency_choices() if may_edit else [],
        },
    )


def _funding_for_form(employee, offer, today) -> dict:
    """What is left of both budgets this year, and which one pays by default."""
    year = today.year
    department_budget, department_left = None, None
    if employee.department_id:
        department_budget = selectors.budget_for(employee.department, year)
        if department_budget is not None:
            department_left = selectors.budget_status(department_budget.department, year).remaining
    return {
        "year": year,
        "personal": selectors.personal_budget_status(employee, year),
        "department_budget": department_budget,
        "department_left": department_left,
        "default": selectors.default_funding(employee, year, offer.cost),
    }


@login_required
def offer_new(request):
    if not rules.may_manage_catalogue(request.user):
        raise PermissionDenied
    form = OfferForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            holder = {}
            if _run(
                request,
                lambda: holder.update(
                    offer=services.offer_save(actor=request.user, **form.cleaned_data)
                ),
                _("The offer is in the catalogue."),
            ):
                return redirect("learning:offer", offer_id=holder["offer"].pk)
        else:
            messages.error(request, _form_errors(form))
    return render(request, "learning/offer_new.html", {"form": form})


@require_POST
@login_required
def offer_edit(request, offer_id: int):
    offer = offer_by_id(offer_id)
    if not rules.may_manage_catalogue(request.user):
        raise PermissionDenied
    form = OfferForm(request.POST, instance=LearningOffer.objects.get(pk=offer.pk))
    if form.is_valid():
        _run(
            request,
            lambda: services.offer_save(actor=request.user, offer=offer, **form.cleaned_data),
            _("Saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("learning:offer", offer_id=offer.pk)


@require_POST
@login_required
def session_add(request, offer_id: int):
    offer = offer_by_id(offer_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.session_add(actor=request.user, offer=offer, **form.cleaned_data),
            _("Session added."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("learning:offer", offer_id=offer.pk)


@require_POST
@login_required
def request_offer(request, offer_id: int):
    offer = offer_by_id(offer_id)
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise PermissionDenied
    form = RequestForm(request.POST)
    form.fields["session"].choices = [("", "")] + [(s.pk, s.pk) for s in offer.sessions.all()]
    from groeipad.plans.models import Goal

    goals = {g.pk: g for g in Goal.objects.filter(plan__employee=employee)}
    form.fields["goal"].choices = [("", "")] + [(pk, pk) for pk in goals]
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("learning:offer", offer_id=offer.pk)
    session_id = form.cleaned_data["session"]
    if _run(
        request,
        lambda: services.request_offer(
            actor=request.user,
            employee=employee,
            offer=offer,
            session=offer.sessions.get(pk=session_id) if session_id else None,
            goal=goals.get(form.cleaned_data["goal"]),
            reason=form.cleaned_data["reason"],
            funding=form.cleaned_data.get("funding") or None,
        ),
        _("Requested. Your manager decides; you see the answer under My learning."),
    ):
        return redirect("learning:mine")
    return redirect("learning:offer", offer_id=offer.pk)


@login_required
def mine(request):
    employee = getattr(request.user, "employee", None)
    enrolments = (
        Enrolment.objects.filter(employee=employee)
        .select_related("offer", "session")
        .prefetch_related("evaluations__scores__competency", "offer__competencies__competency")
        if employee
        else Enrolment.objects.none()
    )
    rows = []
    for enrolment in enrolments:
        done = {e.level for e in enrolment.evaluations.all()}
        rows.append(
            {
                "e": enrolment,
                "evaluations": {e.level: e for e in enrolment.evaluations.all()},
                "ask_reaction": enrolment.status == "completed" and "reaction" not in done,
                "ask_learning": enrolment.status == "completed" and "learning" not in done,
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


def _require_decider(user) -> None:
    if not (is_hr(user) or is_manager(user)):
        raise PermissionDenied


@login_required
def queue(request):
    _require_decider(request.user)
    queue = list(selectors.approval_queue(request.user))
    # Which budget pays and what is left of it; the other one too, so the manager
    # can switch who pays when deciding. Read for all requests at once.
    budgets = selectors.request_budgets(queue)
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
    approved = (
        selectors.enrolments_for_viewer(request.user)
        .filter(status=EnrolmentStatus.APPROVED)
        .exclude(employee_id=request.user.employee_id or 0)
    )
    threshold = selectors.setting("LEARNING_HR_COST_THRESHOLD")
    return render(
        request,
        "learning/queue.html",
        {
            "rows": rows,
            "approved": approved,
            "behaviour_due": selectors.behaviour_due(request.user),
            "hr_attention": selectors.hr_attention(request.user),
            "threshold": threshold,
            "may_override": rules.may_override_budget(request.user),
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def decide(request, enrolment_id: int):
    enrolment = enrolment_for_viewer(request.user, enrolment_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    elif form.cleaned_data["decision"] == "approve":
        holder = {}
        if (
            _run(
                request,
                lambda: holder.update(
                    e=services.approve(
                        actor=request.user,
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
                actor=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"]
            ),
            _("Declined."),
        )
    return redirect("learning:queue")


@require_POST
@login_required
def complete(request, enrolment_id: int):
    enrolment = enrolment_for_viewer(request.user, enrolment_id)
    form = CompleteForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.complete(
                actor=request.user,
                enrolment=enrolment,
                completed_on=form.cleaned_data["completed_on"],
            ),
            _("Completed: it counts in the learning figures."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("learning:queue")


def _learning_scores(post, enrolment) -> list[tuple]:
    """The self-assessment rows of the form: ``before_<competency id>``/``after_<...>``,
    ``overall`` for an offer without competencies. Missing or bad numbers pass as None
    or 0, so the service names what is wrong in its own words."""

    def number(name):
        value = post.get(name, "").strip()
        return int(value) if value.isdigit() else None

    keys = list(enrolment.offer.competencies.values_list("competency_id", flat=True)) or [None]
    rows = [
        (key, number(f"before_{key or 'overall'}"), number(f"after_{key or 'overall'}"))
        for key in keys
    ]
    # A row left empty is missing: the service names the competency.
    return [row for row in rows if row[1:] != (None, None)]


@require_POST
@login_required
def evaluate(request, enrolment_id: int):
    enrolment = enrolment_for_viewer(request.user, enrolment_id)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["level"] == "learning" and "before" not in request.POST:
            data["scores"] = _learning_scores(request.POST, enrolment)
        _run(
            request,
            lambda: services.evaluate(actor=request.user, enrolment=enrolment, **data),
            _("Thank you: your rating is saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    own = request.user.employee_id == enrolment.employee_id
    return redirect("learning:mine" if own else "learning:queue")


@login_required
def budgets(request):
    user = request.user
    if not (is_hr(user) or is_manager(user)):
        raise PermissionDenied
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    paths = department_paths()
    rows = selectors.budgets_for_viewer(user, year)
    personal = selectors.personal_budgets_for_viewer(user, year)
    form = None
    if is_hr(user):
        form = BudgetForm(initial={"year": year})
        form.fields["department"].choices = sorted(
            ((pk, path) for pk, path in paths.items()), key=lambda item: item[1].casefold()
        )
    return render(
        request,
        "learning/budgets.html",
        {
            "rows": [(paths.get(r.department.pk, r.department.name), r) for r in rows],
            "personal": personal,
            "personal_totals": selectors.personal_budget_totals(personal),
            "organisation_wide": is_hr(user),
            "year": year,
            "benchmark": selectors.setting("LEARNING_PAYROLL_BENCHMARK"),
            "form": form,
        },
    )


@require_POST
@login_required
def budget_save(request):
    form = BudgetForm(request.POST)
    form.fields["department"].choices = [
        (pk, pk) for pk in Department.objects.values_list("id", flat=True)
    ]
    year = request.POST.get("year", "")
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.budget_set(
                actor=request.user,
                department=Department.objects.get(pk=data["department"]),
                year=data["year"],
                amount=data["amount"],
                hours=data["hours"] or Decimal("0"),
            ),
            _("Budget saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect(reverse("learning:budgets") + (f"?year={year}" if year.isdigit() else ""))


@login_required
def export_xlsx(request):
    from django.http import HttpResponse

    from groeipad.learning import exports
    from groeipad.privacy.models import AuditAction
    from groeipad.privacy.services import audit_record

    _require_decider(request.user)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="learning",
        summary=f"learning requests and budgets {year} (xlsx)",
    )
    response = HttpResponse(
        exports.workbook(request.user, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="groeipad-learning-{year}.xlsx"'
    return response


@require_POST
@login_required
def competency_link(request, offer_id: int):
    from groeipad.skills.access import competency_by_id

    offer = offer_by_id(offer_id)
    competency_id = request.POST.get("competency", "")
    level = request.POST.get("level", "")
    if not (competency_id.isdigit() and level.isdigit()):
        messages.error(request, _("Choose a competency and a level."))
    else:
        competency = competency_by_id(int(competency_id))
        _run(
            request,
            lambda: services.offer_competency_set(
                actor=request.user, offer=offer, competency=competency, level=int(level)
            ),
            _("Saved."),
        )
    return redirect("learning:offer", offer_id=offer.pk)


@require_POST
@login_required
def cancel(request, enrolment_id: int):
    enrolment = enrolment_for_viewer(request.user, enrolment_id)
    _run(
        request,
        lambda: services.cancel(actor=request.user, enrolment=enrolment),
        _("Cancelled."),
    )
    own = request.user.employee_id == enrolment.employee_id
    return redirect("learning:mine" if own else "learning:queue")


@login_required
def behaviour(request, enrolment_id: int):
    """The behaviour rating of one completed learning: where the manager's reminder leads."""
    from datetime import timedelta

    from groeipad.learning.models import EvaluationLevel

    enrolment = enrolment_for_viewer(request.user, enrolment_id)
    if not rules.may_decide(request.user, enrolment.employee):
        raise PermissionDenied
    low, high = selectors.setting("LEARNING_BEHAVIOUR_DAYS")
    completed = enrolment.status == EnrolmentStatus.COMPLETED and enrolment.completed_on
    due_from = enrolment.completed_on + timedelta(days=low) if completed else None
    rated = enrolment.evaluations.filter(level=EvaluationLevel.BEHAVIOUR).first()
    today = timezone.localdate()
    return render(
        request,
        "learning/behaviour.html",
        {
            "e": enrolment,
            "rated": rated,
            "due_from": due_from,
            "ask": completed and rated is None and today >= due_from,
            "low": low,
            "high": high,
        },
    )
