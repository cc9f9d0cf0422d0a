"""360 pages around raters: the rater's own form (no account, the token is the key) and
the queue of external raters waiting for the manager's or HR's approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.feedback import selectors, services
from groeipad.feedback.access import LinkInvalid, get_rater_for
from groeipad.feedback.anonymity import round_k
from groeipad.feedback.models import RaterGroup
from groeipad.lib.page_messages import run_service as _run

QUEUE_LIMIT = 200


@login_required
def approvals(request):
    """External raters waiting for the viewer's decision (a manager: their reports'
    rounds; HR: every round HR may see). Empty for anyone else."""
    queue = list(selectors.approval_queue(request.viewer)[: QUEUE_LIMIT + 1])
    return render(
        request,
        "feedback/approvals.html",
        {"raters": queue[:QUEUE_LIMIT], "more": len(queue) > QUEUE_LIMIT},
    )


def _decide(request, rater_id: int, approve: bool):
    rater = selectors.rater_to_decide(request.viewer, rater_id)
    if rater is None:
        raise Http404(_("No such external rater waiting for your approval."))
    _run(
        request,
        lambda: services.external_decide(actor=request.viewer, rater=rater, approve=approve),
        (
            _("Approved: the invitation to %(email)s goes out.")
            if approve
            else _("Refused: %(email)s is not invited.")
        )
        % {"email": rater.email},
    )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("feedback:approvals")


@login_required
@require_POST
def rater_approve(request, rater_id: int):
    return _decide(request, rater_id, True)


@login_required
@require_POST
def rater_refuse(request, rater_id: int):
    return _decide(request, rater_id, False)


# --- The rater's page (no account) ----------------------------------------------------


def _link_invalid(request):
    # One page and one status for unknown, altered, expired and closed: no hint which.
    return render(request, "feedback/link_invalid.html", status=404)


def rater_page(request, token: str):
    try:
        rater = get_rater_for(token)
    except LinkInvalid:
        return _link_invalid(request)
    feedback_round = rater.round
    questions = selectors.round_questions(feedback_round)
    if request.method == "POST" and rater.answered is False:
        answers = {}
        for question in questions:
            if question.is_open:
                answers[question.pk] = {"text": request.POST.get(f"t{question.pk}", "")}
            else:
                raw = request.POST.get(f"q{question.pk}", "")
                answers[question.pk] = {"rating": int(raw) if raw.isdigit() else None}
        submit = request.POST.get("action") == "submit"
        try:
            if submit:
                services.answer_submit(rater=rater, answers=answers)
            else:
                services.answer_save(rater=rater, answers=answers)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Thank you: your answers have been submitted.")
                if submit
                else _("Saved. You can come back to this link later."),
            )
        return redirect(request.path)
    saved = selectors.saved_answers(rater)
    items = []
    for question in questions:
        answer = saved.get(question.pk)
        scale = question.competency.scale if question.competency else None
        items.append(
            {
                "question": question,
                "levels": list(range(scale.min_level, scale.max_level + 1)) if scale else [],
                "rating": answer.rating if answer else None,
                "text": answer.text if answer else "",
            }
        )
    return render(
        request,
        "feedback/rater.html",
        {
            "rater": rater,
            "round": feedback_round,
            "items": items,
            "k": round_k(feedback_round),
            "is_self": rater.group == RaterGroup.SELF,
            "is_manager": rater.group == RaterGroup.MANAGER,
            "submitted": rater.answered is not False,
        },
    )
