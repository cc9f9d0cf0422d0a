"""Mentoring pages: programmes for HR (match, lock, forbid), joining, and 'my mentoring'.

Thin views: parse the request, call selectors and services, render. Services check who may.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _errors
from groeipad.mentoring import rules, selectors, services
from groeipad.mentoring.access import match_for_member
from groeipad.mentoring.forms import (
    FeedbackForm,
    GoalLinkForm,
    JoinForm,
    MeetingLogForm,
    ProgrammeForm,
    RuleForm,
    SharingForm,
)
from groeipad.mentoring.matching import MatchingError
from groeipad.mentoring.models import PairRule, Participant, Programme, Role
from groeipad.plans.models import Goal
from groeipad.skills.models import Competency


def _competency_names(matches) -> dict[int, str]:
    ids = {cid for m in matches for cid in m.reasons.get("competencies", [])}
    return {c.pk: c.name for c in Competency.objects.filter(pk__in=ids)}


@login_required
def programmes(request):
    return render(
        request,
        "mentoring/programmes.html",
        {
            "programmes": selectors.programme_list(),
            "may_manage": rules.may_manage_programmes(request.user),
            "form": ProgrammeForm(),
        },
    )


@login_required
@require_POST
def programme_create(request):
    form = ProgrammeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mentoring:programmes")
    try:
        programme = services.programme_create(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:programmes")
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
def programme(request, programme_id: int):
    programme = get_object_or_404(Programme, pk=programme_id)
    may_manage = rules.may_manage_programmes(request.user)
    me = (
        Participant.objects.filter(programme=programme, employee_id=request.user.employee_id)
        .prefetch_related("offers", "wants")
        .first()
        if request.user.employee_id
        else None
    )
    initial = (
        {
            "role": me.role,
            "capacity": me.capacity,
            "offers": list(me.offers.all()),
            "wants": list(me.wants.all()),
            "languages": me.languages,
            "meeting_form": me.meeting_form,
        }
        if me
        else {}
    )
    context = {
        "programme": programme,
        "may_manage": may_manage,
        "join_form": JoinForm(initial=initial),
        "me": me,
    }
    if may_manage:
        matches = list(selectors.programme_matches(programme))
        names = _competency_names(matches)
        for m in matches:
            m.competency_names = [names.get(cid, "?") for cid in m.reasons.get("competencies", [])]
        participants = list(selectors.programme_participants(programme))
        matched = {m.mentee_id for m in matches}
        context.update(
            matches=matches,
            participants=participants,
            mentors=[p for p in participants if p.role == Role.MENTOR],
            mentees=[p for p in participants if p.role == Role.MENTEE],
            unmatched=[p for p in participants if p.role == Role.MENTEE and p.pk not in matched],
            rules=PairRule.objects.filter(programme=programme).select_related(
                "mentor__employee", "mentee__employee"
            ),
            ended=programme.has_ended(),
            feedback_rows=selectors.feedback_summary(programme),
            min_answers=selectors.MIN_FEEDBACK_ANSWERS,
        )
    return render(request, "mentoring/programme.html", context)


@login_required
@require_POST
def join(request, programme_id: int):
    programme = get_object_or_404(Programme, pk=programme_id)
    form = JoinForm(request.POST)
    if not request.user.employee_id:
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mentoring:programme", programme_id=programme.pk)
    data = form.cleaned_data
    try:
        services.participant_join(
            actor=request.user,
            programme=programme,
            employee=request.user.employee,
            role=data["role"],
            capacity=data["capacity"] or 1,
            offers=data["offers"],
            wants=data["wants"],
            languages=data["languages"],
            meeting_form=data["meeting_form"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:programme", programme_id=programme.pk)
    messages.success(request, _("You take part in %(name)s.") % {"name": programme.name})
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
@require_POST
def match(request, programme_id: int):
    programme = get_object_or_404(Programme, pk=programme_id)
    try:
        result = services.programme_match(actor=request.user, programme=programme)
    except MatchingError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(pairs)d pair proposed.", "%(pairs)d pairs proposed.", len(result.pairs))
            % {"pairs": len(result.pairs)}
            + " "
            + ngettext(
                "%(count)d mentee not matched.",
                "%(count)d mentees not matched.",
                len(result.unmatched),
            )
            % {"count": len(result.unmatched)},
        )
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
@require_POST
def rule(request, programme_id: int):
    programme = get_object_or_404(Programme, pk=programme_id)
    if not rules.may_manage_programmes(request.user):
        raise PermissionDenied
    form = RuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mentoring:programme", programme_id=programme.pk)
    data = form.cleaned_data
    mentor = get_object_or_404(Participant, pk=data["mentor"], programme=programme)
    mentee = get_object_or_404(Participant, pk=data["mentee"], programme=programme)
    try:
        services.pair_rule_set(
            actor=request.user, programme=programme, mentor=mentor, mentee=mentee, kind=data["kind"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
@require_POST
def rule_remove(request, programme_id: int, rule_id: int):
    programme = get_object_or_404(Programme, pk=programme_id)
    if not rules.may_manage_programmes(request.user):
        raise PermissionDenied
    rule = get_object_or_404(PairRule, pk=rule_id, programme=programme)
    services.pair_rule_remove(actor=request.user, rule=rule)
    messages.success(request, _("Pair rule removed."))
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
@require_POST
def programme_close(request, programme_id: int):
    programme = get_object_or_404(Programme, pk=programme_id)
    try:
        services.programme_close(actor=request.user, programme=programme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The programme is closed; the pairs are asked for their feedback.")
        )
    return redirect("mentoring:programme", programme_id=programme.pk)


def _annotate(match, employee_id, names) -> None:
    match.competency_names = [names.get(cid, "?") for cid in match.reasons.get("competencies", [])]
    match.i_am_mentor = match.mentor.employee_id == employee_id
    match.i_confirmed = match.mentor_confirmed if match.i_am_mentor else match.mentee_confirmed
    match.my_feedback = selectors.my_feedback(match, employee_id)
    match.feedback_asked = (
        match.status == "confirmed" and match.programme.has_ended() and match.my_feedback is None
    )


@login_required
def mine(request):
    matches = list(selectors.matches_of_employee(request.user.employee_id))
    names = _competency_names(matches)
    for m in matches:
        _annotate(m, request.user.employee_id, names)
    return render(request, "mentoring/mine.html", {"matches": matches})


@login_required
def pair(request, match_id: int):
    match = match_for_member(request.user, match_id)
    _annotate(match, request.user.employee_id, _competency_names([match]))
    shared = selectors.shared_for(request.user, match)
    return render(
        request,
        "mentoring/pair.html",
        {
            "m": match,
            "shared": shared,
            "goal_choices": []
            if match.i_am_mentor
            else selectors.goal_choices(match.mentee.employee),
            "feedback_form": FeedbackForm(),
        },
    )


def _to_pair(match):
    return redirect("mentoring:pair", match_id=match.pk)


def _refused(request, error) -> None:
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("That is not yours to change."))
    else:
        messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def confirm(request, match_id: int):
    match = match_for_member(request.user, match_id)
    try:
        services.match_confirm(actor=request.user, match=match)
    except ValidationError as error:
        _refused(request, error)
    return _to_pair(match)


@login_required
@require_POST
def meeting(request, match_id: int):
    match = match_for_member(request.user, match_id)
    form = MeetingLogForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _to_pair(match)
    try:
        services.meeting_log(
            actor=request.user,
            match=match,
            on=form.cleaned_data["date"],
            notes=form.cleaned_data["notes"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Meeting logged."))
    return _to_pair(match)


@login_required
@require_POST
def goal_link(request, match_id: int):
    match = match_for_member(request.user, match_id)
    form = GoalLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _to_pair(match)
    goal_id = form.cleaned_data["goal"]
    goal = Goal.objects.select_related("plan").filter(pk=goal_id).first() if goal_id else None
    if goal_id and goal is None:
        messages.error(request, _("The goal must be in the mentee's own development plan."))
        return _to_pair(match)
    try:
        services.match_goal_link(actor=request.user, match=match, goal=goal)
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Goal linked to the pair.") if goal else _("Goal unlinked."))
    return _to_pair(match)


@login_required
@require_POST
def sharing(request, match_id: int):
    match = match_for_member(request.user, match_id)
    form = SharingForm(request.POST)
    form.is_valid()  # two check boxes: always valid
    try:
        services.match_sharing_set(
            actor=request.user,
            match=match,
            share_goal=form.cleaned_data.get("share_goal", False),
            share_plan=form.cleaned_data.get("share_plan", False),
        )
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your choice of what your mentor sees is saved."))
    return _to_pair(match)


@login_required
@require_POST
def feedback(request, match_id: int):
    match = match_for_member(request.user, match_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _to_pair(match)
    try:
        services.feedback_give(
            actor=request.user,
            match=match,
            rating=form.cleaned_data["rating"],
            brought=form.cleaned_data["brought"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Thank you for your feedback."))
    return _to_pair(match)
