"""Mentoring pages: programmes for HR (match, lock, forbid), joining, and 'my mentoring'.

Thin views: parse the request, call selectors and services, render. Services check who may.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _errors
from groeipad.mentoring import rules, selectors, services
from groeipad.mentoring.access import (
    get_pair_for,
    get_programme_for,
    get_programme_to_manage_for,
    get_rule_for,
)
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
from groeipad.mentoring.models import Match, Participant, Programme, Role
from groeipad.mentoring.presentation import pairs_for_hr, pairs_for_member


@login_required
def programmes(request):
    return render(
        request,
        "mentoring/programmes.html",
        {
            "programmes": selectors.programme_list(),
            "may_manage": rules.may_manage_programmes(request.viewer),
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
        programme = services.programme_create(actor=request.viewer, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:programmes")
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
def programme(request, programme_id: int):
    viewer = request.viewer
    programme = get_programme_for(viewer, programme_id)
    may_manage = rules.may_manage_programmes(viewer)
    me = selectors.participation(programme, viewer.employee_id)
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
        participants = list(selectors.programme_participants(programme))
        matched = {m.mentee_id for m in matches}
        context.update(
            matches=pairs_for_hr(matches),
            participants=participants,
            mentors=[p for p in participants if p.role == Role.MENTOR],
            mentees=[p for p in participants if p.role == Role.MENTEE],
            unmatched=[p for p in participants if p.role == Role.MENTEE and p.pk not in matched],
            rules=selectors.programme_rules(programme),
            ended=programme.has_ended(),
            feedback_rows=selectors.feedback_summary(programme),
            min_answers=selectors.feedback_threshold(),
        )
    return render(request, "mentoring/programme.html", context)


@login_required
@require_POST
def join(request, programme_id: int):
    viewer = request.viewer
    programme = get_programme_for(viewer, programme_id)
    form = JoinForm(request.POST)
    employee = selectors.own_employee(viewer)
    if employee is None:
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mentoring:programme", programme_id=programme.pk)
    data = form.cleaned_data
    try:
        services.participant_join(
            actor=viewer,
            programme=programme,
            employee=employee,
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
    programme = get_programme_to_manage_for(request.viewer, programme_id)
    try:
        result = services.programme_match(actor=request.viewer, programme=programme)
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
    programme = get_programme_to_manage_for(request.viewer, programme_id)
    form = RuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mentoring:programme", programme_id=programme.pk)
    data = form.cleaned_data
    mentor = _participant(programme, data["mentor"])
    mentee = _participant(programme, data["mentee"])
    try:
        services.pair_rule_set(
            actor=request.viewer,
            programme=programme,
            mentor=mentor,
            mentee=mentee,
            kind=data["kind"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
@require_POST
def rule_remove(request, programme_id: int, rule_id: int):
    programme = get_programme_to_manage_for(request.viewer, programme_id)
    rule = get_rule_for(request.viewer, programme, rule_id)
    services.pair_rule_remove(actor=request.viewer, rule=rule)
    messages.success(request, _("Pair rule removed."))
    return redirect("mentoring:programme", programme_id=programme.pk)


@login_required
@require_POST
def programme_close(request, programme_id: int):
    programme = get_programme_to_manage_for(request.viewer, programme_id)
    try:
        services.programme_close(actor=request.viewer, programme=programme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The programme is closed; the pairs are asked for their feedback.")
        )
    return redirect("mentoring:programme", programme_id=programme.pk)


def _participant(programme: Programme, participant_id: int) -> Participant:
    found = selectors.participant_in(programme, participant_id)
    if found is None:
        raise Http404(_("No such participant."))
    return found


@login_required
def mine(request):
    employee_id = request.viewer.employee_id
    matches = list(selectors.matches_of_employee(employee_id))
    return render(
        request, "mentoring/mine.html", {"matches": pairs_for_member(matches, employee_id)}
    )


@login_required
def pair(request, match_id: int):
    viewer = request.viewer
    match = get_pair_for(viewer, match_id)
    (view,) = pairs_for_member([match], viewer.employee_id)
    shared = selectors.shared_for(viewer, match)
    return render(
        request,
        "mentoring/pair.html",
        {
            "m": view,
            "shared": shared,
            "goal_choices": []
            if view.i_am_mentor
            else selectors.goal_choices(match.mentee.employee),
            "feedback_form": FeedbackForm(),
        },
    )


def _to_pair(match: Match):
    return redirect("mentoring:pair", match_id=match.pk)


def _refused(request, error) -> None:
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("That is not yours to change."))
    else:
        messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def confirm(request, match_id: int):
    match = get_pair_for(request.viewer, match_id)
    try:
        services.match_confirm(actor=request.viewer, match=match)
    except ValidationError as error:
        _refused(request, error)
    return _to_pair(match)


@login_required
@require_POST
def meeting(request, match_id: int):
    match = get_pair_for(request.viewer, match_id)
    form = MeetingLogForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _to_pair(match)
    try:
        services.meeting_log(
            actor=request.viewer,
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
    match = get_pair_for(request.viewer, match_id)
    form = GoalLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _to_pair(match)
    goal_id = form.cleaned_data["goal"]
    goal = selectors.goal_with_plan(goal_id) if goal_id else None
    if goal_id and goal is None:
        messages.error(request, _("The goal must be in the mentee's own development plan."))
        return _to_pair(match)
    try:
        services.match_goal_link(actor=request.viewer, match=match, goal=goal)
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Goal linked to the pair.") if goal else _("Goal unlinked."))
    return _to_pair(match)


@login_required
@require_POST
def sharing(request, match_id: int):
    match = get_pair_for(request.viewer, match_id)
    form = SharingForm(request.POST)
    form.is_valid()  # two check boxes: always valid
    try:
        services.match_sharing_set(
            actor=request.viewer,
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
    match = get_pair_for(request.viewer, match_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _to_pair(match)
    try:
        services.feedback_give(
            actor=request.viewer,
            match=match,
            rating=form.cleaned_data["rating"],
            brought=form.cleaned_data["brought"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Thank you for your feedback."))
    return _to_pair(match)
