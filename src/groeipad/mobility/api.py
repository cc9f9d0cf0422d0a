"""Rotations and internships in the API: offers, applying, consent and the host's choice.

The same services as the pages: a refusal is 403 or 422 with its reason, an application
or offer the caller may not see is 404.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call
from groeipad.lib.api_types import Id, SmallInt
from groeipad.mobility import access, selectors, services
from groeipad.mobility.models import Application, OfferStatus, RotationOffer

router = Router(tags=["rotations"])


class CompetencyIn(Schema):
    competency_id: Id
    target_level: SmallInt | None = None


class OfferIn(Schema):
    host_department_id: Id
    kind: str
    title: str
    description: str = ""
    duration_weeks: SmallInt
    start_date: date
    places: SmallInt = 1
    is_transfer: bool = False
    competencies: list[CompetencyIn] = []


class CompetencyOut(Schema):
    competency_id: int
    name: str
    target_level: int | None


class OfferOut(Schema):
    id: int
    host_department_id: int
    host_department: str
    kind: str
    title: str
    description: str
    duration_weeks: int
    start_date: date
    end_date: date
    places: int
    places_left: int
    is_transfer: bool
    status: str
    competencies: list[CompetencyOut]


class ApplyIn(Schema):
    motivation: str = ""


class DecisionIn(Schema):
    reason: str = ""


class ChooseIn(Schema):
    reason: str = ""
    # Transfers only: the employee number of the new manager in the host department
    # (default: the deciding user when they work there). Ignored for other offers.
    new_manager: str | None = None


class ApplicationOut(Schema):
    id: int
    offer_id: int
    offer: str
    employee_number: str
    employee: str
    motivation: str
    state: str
    consent: str
    consent_reason: str
    decision: str
    decision_reason: str
    withdrawn: bool
    plan_action_id: int | None
    movement_id: int | None
    transfer_status: str  # "" (no transfer), pending, applied or skipped
    transfer_date: date | None  # the offer's start date: the day the employee moves
    transfer_settled_at: datetime | None
    transfer_note: str
    transfer: str  # in words: "overplaatsing per 1 maart 2027 (gepland)"
    new_manager: str | None  # employee number of the manager after the transfer


def _offer_out(offer: RotationOffer) -> OfferOut:
    return OfferOut(
        id=offer.pk,
        host_department_id=offer.host_department_id,
        host_department=offer.host_department.name,
        kind=offer.kind,
        title=offer.title,
        description=offer.description,
        duration_weeks=offer.duration_weeks,
        start_date=offer.start_date,
        end_date=offer.end_date,
        places=offer.places,
        places_left=selectors.places_left(offer),
        is_transfer=offer.is_transfer,
        status=offer.status,
        competencies=[
            CompetencyOut(
                competency_id=link.competency_id,
                name=link.competency.name,
                target_level=link.target_level,
            )
            for link in offer.offer_competencies.all()
        ],
    )


def _application_out(a: Application) -> ApplicationOut:
    return ApplicationOut(
        id=a.pk,
        offer_id=a.offer_id,
        offer=a.offer.title,
        employee_number=a.employee.employee_number,
        employee=a.employee.full_name,
        motivation=a.motivation,
        state=a.state,
        consent=a.consent,
        consent_reason=a.consent_reason,
        decision=a.decision,
        decision_reason=a.decision_reason,
        withdrawn=a.withdrawn_at is not None,
        plan_action_id=a.plan_action_id,
        movement_id=a.movement_id,
        transfer_status=a.transfer_status,
        transfer_date=a.transfer_date,
        transfer_settled_at=a.transfer_applied_at,
        transfer_note=a.transfer_note,
        transfer=a.get_transfer_display(),
        new_manager=a.new_manager.employee_number if a.new_manager else None,
    )


@router.get("/offers", response=list[OfferOut], url_name="mobility_offer_list")
def offer_list(request, status: str | None = None):
    if status and status not in OfferStatus.values:
        raise HttpError(422, _("status: open or closed"))
    return [_offer_out(o) for o in selectors.offers_for_viewer(request.viewer, status=status)]


@router.post("/offers", response={201: OfferOut}, url_name="mobility_offer_create")
def offer_create(request, payload: OfferIn):
    department = selectors.department_by_id(payload.host_department_id)
    if department is None:
        raise Http404
    competencies = selectors.competencies_by_id([i.competency_id for i in payload.competencies])
    missing = [i.competency_id for i in payload.competencies if i.competency_id not in competencies]
    if missing:
        raise HttpError(422, f"Unknown competency id(s): {', '.join(map(str, missing))}")
    offer = service_call(
        lambda: services.offer_create(
            actor=request.viewer,
            host_department=department,
            kind=payload.kind,
            title=payload.title,
            description=payload.description,
            duration_weeks=payload.duration_weeks,
            start_date=payload.start_date,
            places=payload.places,
            is_transfer=payload.is_transfer,
            competencies=[
                (competencies[i.competency_id], i.target_level) for i in payload.competencies
            ],
        )
    )
    return Status(201, _offer_out(access.get_offer_for(request.viewer, offer.pk)))


@router.get("/offers/{rotation_id}", response=OfferOut, url_name="mobility_offer_detail")
def offer_detail(request, rotation_id: Id):
    return _offer_out(access.get_offer_for(request.viewer, rotation_id))


@router.post("/offers/{rotation_id}/close", response=OfferOut, url_name="mobility_offer_close")
def offer_close(request, rotation_id: Id):
    offer = access.get_offer_for(request.viewer, rotation_id)
    service_call(lambda: services.offer_close(actor=request.viewer, offer=offer))
    return _offer_out(access.get_offer_for(request.viewer, rotation_id))


@router.post(
    "/offers/{rotation_id}/applications",
    response={201: ApplicationOut},
    url_name="mobility_application_create",
)
def application_create(request, rotation_id: Id, payload: ApplyIn):
    offer = access.get_offer_for(request.viewer, rotation_id)
    application = service_call(
        lambda: services.application_create(
            actor=request.viewer, offer=offer, motivation=payload.motivation
        )
    )
    return Status(201, _application_out(application))


SCOPES = ("all", "mine", "consent", "host")


@router.get("/applications", response=list[ApplicationOut], url_name="mobility_application_list")
def application_list(request, scope: str = "all"):
    """``all`` (whatever you may see), ``mine``, ``consent`` (waiting for you), ``host``."""
    if scope not in SCOPES:
        raise HttpError(422, "scope: " + ", ".join(SCOPES))
    viewer = request.viewer
    queryset = {
        "all": selectors.applications_for_viewer,
        "mine": selectors.my_applications,
        "consent": selectors.consent_queue,
        "host": selectors.host_queue,
    }[scope](viewer)
    return [_application_out(a) for a in queryset]


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    url_name="mobility_application_detail",
)
def application_detail(request, application_id: Id):
    return _application_out(access.get_application_for(request.viewer, application_id))


def _decide(request, application_id: int, call):
    application = access.get_application_for(request.viewer, application_id)
    service_call(lambda: call(application))
    return _application_out(access.get_application_for(request.viewer, application_id))


@router.post(
    "/applications/{application_id}/consent",
    response=ApplicationOut,
    url_name="mobility_application_consent",
)
def application_consent(request, application_id: Id, payload: DecisionIn):
    return _decide(
        request,
        application_id,
        lambda a: services.application_consent(
            actor=request.viewer, application=a, give=True, reason=payload.reason
        ),
    )


@router.post(
    "/applications/{application_id}/refuse",
    response=ApplicationOut,
    url_name="mobility_application_refuse",
)
def application_refuse(request, application_id: Id, payload: DecisionIn):
    return _decide(
        request,
        application_id,
        lambda a: services.application_consent(
            actor=request.viewer, application=a, give=False, reason=payload.reason
        ),
    )


@router.post(
    "/applications/{application_id}/choose",
    response=ApplicationOut,
    url_name="mobility_application_choose",
)
def application_choose(request, application_id: Id, payload: ChooseIn):
    return _decide(
        request,
        application_id,
        lambda a: services.application_decide(
            actor=request.viewer,
            application=a,
            choose=True,
            reason=payload.reason,
            new_manager=services.new_manager_find(
                actor=request.viewer, offer=a.offer, employee_number=payload.new_manager
            ),
        ),
    )


@router.post(
    "/applications/{application_id}/reject",
    response=ApplicationOut,
    url_name="mobility_application_reject",
)
def application_reject(request, application_id: Id, payload: DecisionIn):
    return _decide(
        request,
        application_id,
        lambda a: services.application_decide(
            actor=request.viewer, application=a, choose=False, reason=payload.reason
        ),
    )


@router.post(
    "/applications/{application_id}/withdraw",
    response=ApplicationOut,
    url_name="mobility_application_withdraw",
)
def application_withdraw(request, application_id: Id):
    return _decide(
        request,
        application_id,
        lambda a: services.application_withdraw(actor=request.viewer, application=a),
    )


@router.post(
    "/applications/{application_id}/cancel-transfer",
    response=ApplicationOut,
    url_name="mobility_application_transfer_cancel",
)
def application_transfer_cancel(request, application_id: Id, payload: DecisionIn):
    """HR or the host department calls off a planned transfer (a reason is required)."""
    return _decide(
        request,
        application_id,
        lambda a: services.transfer_cancel(
            actor=request.viewer, application=a, reason=payload.reason
        ),
    )
