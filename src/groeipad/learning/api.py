"""The learning catalogue, requests, decisions, evaluations and budgets in the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets.api import router as budgets_router
from groeipad.budgets.selectors import Paying
from groeipad.learning import selectors, services
from groeipad.learning.access import get_enrolment_for, get_offer_for, get_session_for
from groeipad.learning.models import Enrolment, Evaluation, LearningOffer
from groeipad.lib.api_types import Id, SmallInt
from groeipad.people.scope import viewer_for
from groeipad.privacy.anonymity import Cell

router = Router(tags=["learning"])
# The department and personal budgets: /learning/budgets, /learning/budgets/personal.
router.add_router("", budgets_router)


class OfferIn(Schema):
    title: str
    kind: str
    provider: str = ""
    format: str = ""
    description: str = ""
    duration_hours: Decimal = Decimal("0")
    cost: Decimal = Decimal("0")
    language: str = "nl"
    mandatory: bool = False


class CellOut(Schema):
    """A figure made from anonymous answers (privacy.anonymity.Cell.as_dict): value and n,
    or neither, ``suppressed`` and the reason ("fewer than 3 answers")."""

    value: float | None
    n: int | None
    suppressed: bool
    suppressed_reason: str | None


class LearningCellOut(Schema):
    before: float | None
    after: float | None
    n: int | None
    suppressed: bool
    suppressed_reason: str | None


class OfferOut(Schema):
    id: int
    title: str
    kind: str
    provider: str
    format: str
    duration_hours: Decimal
    cost: Decimal
    language: str
    mandatory: bool
    flagged_low_support: bool
    # The three levels as cells (None values and n while suppressed), and flat for
    # existing clients: the same figures, None when suppressed.
    reaction: CellOut
    learning: LearningCellOut
    behaviour: CellOut
    reaction_avg: float | None
    reaction_n: int | None
    learning_before: float | None
    learning_after: float | None
    behaviour_avg: float | None
    completed: int


class CompetencyLearningOut(Schema):
    competency_id: int | None  # None: the overall row (ratings given without competencies)
    competency: str
    target_level: int | None
    before_avg: float | None  # None (and n None) while suppressed
    after_avg: float | None
    change: float | None
    n: int | None
    suppressed: bool
    suppressed_reason: str | None


class OfferDetailOut(OfferOut):
    learning_n: int | None
    behaviour_n: int | None
    learning_by_competency: list[CompetencyLearningOut]


class RequestIn(Schema):
    offer_id: Id
    session_id: Id | None = None
    reason: str = ""
    # "department" or "personal"; left out: personal when the employee's personal
    # budget still covers the cost, else department.
    funding: str | None = None


class DecisionIn(Schema):
    reason: str = ""
    override_budget: bool = False
    # Approving: switch which budget pays ("department" or "personal"); None keeps it.
    funding: str | None = None


class CompleteIn(Schema):
    completed_on: date | None = None


class ScoreIn(Schema):
    competency_id: Id | None = None  # None: the overall row of an offer without any
    before: SmallInt
    after: SmallInt


class EvaluationIn(Schema):
    level: str
    # Reaction and behaviour: the rating. Learning: ``scores``, one per competency the
    # offer develops (or ``before`` and ``rating`` for an offer without competencies).
    rating: SmallInt | None = None
    before: SmallInt | None = None
    scores: list[ScoreIn] | None = None
    comment: str = ""


class EnrolmentOut(Schema):
    id: int
    employee_number: str
    offer_id: int
    offer: str
    session_id: int | None
    status: str
    cost: Decimal
    hours: Decimal
    reason: str
    decision_reason: str
    budget_override: bool
    completed_on: date | None
    funding: str  # "department" or "personal": the budget that pays
    budget_remaining: Decimal | None  # what is left of that budget now


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _cell_out(cell: Cell) -> CellOut:
    data = cell.as_dict()
    return CellOut(**{**data, "value": _round(data["value"])})


def _learning_out(cell: Cell) -> LearningCellOut:
    data = cell.as_dict()
    before, after = data.pop("value") or (None, None)
    return LearningCellOut(**data, before=_round(before), after=_round(after))


def _offer_out(
    offer: LearningOffer, flagged: set[int], ev: selectors.OfferEvaluation | None = None
) -> OfferOut:
    ev = ev or selectors.offer_evaluation(offer)
    return OfferOut(
        id=offer.pk,
        title=offer.title,
        kind=offer.kind,
        provider=offer.provider,
        format=offer.format,
        duration_hours=offer.duration_hours,
        cost=offer.cost,
        language=offer.language,
        mandatory=offer.mandatory,
        flagged_low_support=offer.pk in flagged,
        reaction=_cell_out(ev.reaction),
        learning=_learning_out(ev.learning),
        behaviour=_cell_out(ev.behaviour),
        reaction_avg=ev.reaction_avg,
        reaction_n=ev.reaction.n,
        learning_before=ev.learning_before,
        learning_after=ev.learning_after,
        behaviour_avg=ev.behaviour_avg,
        completed=ev.completed,
    )


def _enrolment_out(e: Enrolment, paying: Paying | None = None) -> EnrolmentOut:
    """``paying``: the request's paying budget when a list read them all at once."""
    remaining = (paying or budget_selectors.paying_budget(e)).remaining
    return EnrolmentOut(
        id=e.pk,
        employee_number=e.employee.employee_number,
        offer_id=e.offer_id,
        offer=e.offer.title,
        session_id=e.session_id,
        status=e.status,
        cost=e.cost,
        hours=e.hours,
        reason=e.reason,
        decision_reason=e.decision_reason,
        budget_override=e.budget_override,
        completed_on=e.completed_on,
        funding=e.funding,
        budget_remaining=remaining,
    )


@router.get("/offers", response=list[OfferOut], url_name="learning_offer_list")
def offer_list(request, q: str = "", kind: str = ""):
    offers = list(selectors.catalogue(q=q, kind=kind))
    evaluations = selectors.offer_evaluations(offers)
    flagged = {o.pk for o in offers if selectors.flagged(o, evaluations[o.pk])}
    return [_offer_out(o, flagged, evaluations[o.pk]) for o in offers]


@router.post("/offers", response={201: OfferOut}, url_name="learning_offer_create")
def offer_create(request, payload: OfferIn):
    offer = _errors(lambda: services.offer_save(actor=viewer_for(request.user), **payload.dict()))
    return Status(201, _offer_out(offer, set()))


@router.get("/offers/{offer_id}", response=OfferDetailOut, url_name="learning_offer_detail")
def offer_detail(request, offer_id: Id):
    """The offer with all three evaluation levels, learning per competency."""
    offer = get_offer_for(viewer_for(request.user), offer_id)
    ev = selectors.offer_evaluation(offer)
    rows = selectors.offer_learning_by_competency(offer)
    flagged = {offer.pk} if selectors.flagged(offer, ev) else set()
    return OfferDetailOut(
        **_offer_out(offer, flagged, ev).dict(),
        learning_n=ev.learning.n,
        behaviour_n=ev.behaviour.n,
        learning_by_competency=[
            CompetencyLearningOut(
                competency_id=row.competency.pk if row.competency else None,
                competency=row.competency.name if row.competency else "",
                target_level=row.target_level,
                before_avg=_round(row.before),
                after_avg=_round(row.after),
                change=_round(row.change),
                n=row.n,
                suppressed=row.cell.suppressed,
                suppressed_reason=row.cell.hidden_reason or None,
            )
            for row in rows
        ],
    )


@router.get("/requests", response=list[EnrolmentOut], url_name="learning_request_list")
def request_list(request, status: str = ""):
    enrolments = list(selectors.enrolments_for_viewer(viewer_for(request.user), status=status))
    budgets = budget_selectors.request_budgets(enrolments)
    return [_enrolment_out(e, budgets[e.pk].paying) for e in enrolments]


@router.post("/requests", response={201: EnrolmentOut}, url_name="learning_request_create")
def request_create(request, payload: RequestIn):
    viewer = viewer_for(request.user)
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise HttpError(403, _("Only employees request learning for themselves."))
    offer = get_offer_for(viewer, payload.offer_id)
    session = None
    if payload.session_id is not None:
        session = get_session_for(viewer, offer, payload.session_id)
        if session is None:
            raise HttpError(422, f"Session {payload.session_id} is not a session of this offer.")
    enrolment = _errors(
        lambda: services.request_offer(
            actor=viewer,
            employee=employee,
            offer=offer,
            session=session,
            reason=payload.reason,
            funding=payload.funding,
        )
    )
    return Status(201, _enrolment_out(enrolment))


@router.post(
    "/requests/{enrolment_id}/approve", response=EnrolmentOut, url_name="learning_request_approve"
)
def request_approve(request, enrolment_id: Id, payload: DecisionIn):
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    return _enrolment_out(
        _errors(
            lambda: services.approve(
                actor=viewer,
                enrolment=enrolment,
                reason=payload.reason,
                override_budget=payload.override_budget,
                funding=payload.funding,
            )
        )
    )


@router.post(
    "/requests/{enrolment_id}/decline", response=EnrolmentOut, url_name="learning_request_decline"
)
def request_decline(request, enrolment_id: Id, payload: DecisionIn):
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    return _enrolment_out(
        _errors(lambda: services.decline(actor=viewer, enrolment=enrolment, reason=payload.reason))
    )


@router.post(
    "/requests/{enrolment_id}/complete", response=EnrolmentOut, url_name="learning_request_complete"
)
def request_complete(request, enrolment_id: Id, payload: CompleteIn):
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    _errors(
        lambda: services.complete(
            actor=viewer, enrolment=enrolment, completed_on=payload.completed_on
        )
    )
    return _enrolment_out(get_enrolment_for(viewer, enrolment_id))


@router.post(
    "/requests/{enrolment_id}/evaluations",
    response={201: dict},
    url_name="learning_evaluation_create",
)
def evaluation_create(request, enrolment_id: Id, payload: EvaluationIn):
    viewer = viewer_for(request.user)
    enrolment = get_enrolment_for(viewer, enrolment_id)
    evaluation = _errors(
        lambda: services.evaluate(actor=viewer, enrolment=enrolment, **payload.dict())
    )
    if not isinstance(evaluation, Evaluation):
        # An anonymous answer: stored linked to nobody, so it is not handed back, not
        # even its id; the request is marked answered.
        return Status(201, {"level": payload.level, "answered": True})
    return Status(
        201,
        {
            "id": evaluation.pk,
            "level": evaluation.level,
            "rating": evaluation.rating,
            "before": evaluation.before,
            "answered": True,
        },
    )
