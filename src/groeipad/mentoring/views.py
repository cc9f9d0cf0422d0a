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

from groeipad.mentoring import rules, selectors, services
from groeipad.mentoring.forms import JoinForm, MeetingLogForm, ProgrammeForm, RuleForm
from groeipad.mentoring.matching import MatchingError
from groeipad.mentoring.models import Match, PairRule, Participant, Programme, Role
from groeipad.skills.models import Competency


def _errors(form) -> str:
    return "; ".join(" ".join(errors) for errors in form.errors.values())


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
def mine(request):
    matches = list(selectors.matches_of_employee(request.user.employee_id))
    names = _competency_names(matches)
    for m in matches:
        m.competency_names = [names.get(cid, "?") for cid in m.reasons.get("competencies", [])]
        m.i_am_mentor = m.mentor.employee_id == request.user.employee_id
        m.i_confirmed = m.mentor_confirmed if m.i_am_mentor else m.mentee_confirmed
    return render(
        request,
        "mentoring/mine.html",
        {"matches": matches, "meeting_form": MeetingLogForm()},
    )


def _match_for(request, match_id: int) -> Match:
    match = get_object_or_404(Match.objects.select_related("mentor", "mentee"), pk=match_id)
    if not rules.is_in_pair(request.user, match):
        # Not theirs: as if it did not exist.
        raise PermissionDenied
    return match


@login_required
@require_POST
def confirm(request, match_id: int):
    services.match_confirm(actor=request.user, match=_match_for(request, match_id))
    return redirect("mentoring:mine")


@login_required
@require_POST
def meeting(request, match_id: int):
    match = _match_for(request, match_id)
    form = MeetingLogForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("mentoring:mine")
    try:
        services.meeting_log(
            actor=request.user,
            match=match,
            on=form.cleaned_data["date"],
            notes=form.cleaned_data["notes"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Meeting logged."))
    return redirect("mentoring:mine")
