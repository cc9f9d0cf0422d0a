"""Transparency and the audit log in the API: what the privacy page shows, as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from groeipad.lib.api_types import MAX_INT
from groeipad.people.scope import viewer_for
from groeipad.people.transparency import AUDIENCES, category_rows, may_see_transparency
from groeipad.privacy import selectors
from groeipad.privacy.forms import AuditFilterForm

router = Router(tags=["privacy"])


class AudienceOut(Schema):
    name: str
    label: str
    scope: str
    definition: str


class CategoryOut(Schema):
    key: str
    app: str
    label: str
    purpose: str
    legal_basis: str
    retention: str
    retention_days: int
    seen_by: list[str]
    unknown_audiences: list[str]


class ThresholdOut(Schema):
    instrument: str
    label: str
    k: int


class RetentionOut(Schema):
    key: str
    label: str
    days: int


class TransparencyOut(Schema):
    categories: list[CategoryOut]
    audiences: list[AudienceOut]
    thresholds: list[ThresholdOut]
    retention: list[RetentionOut]


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    summary: str
    changes: dict[str, Any]


class AuditPageOut(Schema):
    page: int
    per_page: int
    has_next: bool
    entries: list[AuditEntryOut]


def _require(request) -> None:
    if not may_see_transparency(viewer_for(request.auth)):
        raise PermissionDenied


def _audience(a) -> AudienceOut:
    return AudienceOut(name=a.name, label=str(a.label), scope=a.scope_name, definition=a.definition)


@router.get(
    "/transparency",
    response=TransparencyOut,
    url_name="privacy_transparency",
    summary="What is processed, why, who sees it, the thresholds and retention periods",
)
def privacy_transparency(request):
    _require(request)
    return TransparencyOut(
        categories=[
            CategoryOut(
                key=c.key,
                app=c.app,
                label=c.label,
                purpose=c.purpose,
                legal_basis=c.legal_basis,
                retention=c.retention,
                retention_days=c.retention_days,
                seen_by=[a.name for a in c.audiences],
                unknown_audiences=c.unknown_audiences,
            )
            for c in category_rows()
        ],
        audiences=[_audience(a) for a in AUDIENCES.values()],
        thresholds=[ThresholdOut(**t.__dict__) for t in selectors.anonymity_thresholds()],
        retention=[RetentionOut(**r.__dict__) for r in selectors.retention_periods()],
    )


@router.get(
    "/audit",
    response=AuditPageOut,
    url_name="privacy_audit",
    summary="One page of the audit log, newest first (filters: since, until, action, "
    "object_type, actor, employee)",
)
def privacy_audit(
    request,
    since: str = "",
    until: str = "",
    action: str = "",
    object_type: str = "",
    actor: str = "",
    employee: str = "",
    page: int = Query(1, ge=1, le=MAX_INT),
):
    _require(request)
    form = AuditFilterForm(
        {
            "since": since,
            "until": until,
            "action": action,
            "object_type": object_type,
            "actor": actor,
            "employee": employee,
            "page": page,
        }
    )
    if not form.is_valid():
        raise HttpError(422, form.errors_text())
    data = form.cleaned_data
    result = selectors.audit_page(
        page=data["page"] or 1, **{k: v for k, v in data.items() if k != "page" and v}
    )
    return AuditPageOut(
        page=result.page,
        per_page=result.per_page,
        has_next=result.has_next,
        entries=[
            AuditEntryOut(
                id=e.pk,
                at=e.at,
                actor=e.actor_label,
                action=e.action,
                object_type=e.object_type,
                object_id=e.object_id,
                summary=e.summary,
                changes=e.changes,
            )
            for e in result.entries
        ],
    )
