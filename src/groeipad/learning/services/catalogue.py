"""Writes to the catalogue (HR): offers, the competencies they develop, sessions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groeipad.learning import rules
from groeipad.learning.models import LearningOffer, OfferCompetency, Session
from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.privacy.models import AuditAction, ObjectType

OFFER_FIELDS = (
    "title",
    "kind",
    "provider",
    "format",
    "description",
    "duration_hours",
    "cost",
    "language",
    "mandatory",
    "active",
)


def _may_edit(actor: Actor) -> None:
    ensure(rules.may_manage_catalogue(actor), _("Only HR can edit the learning catalogue."))


@action
def offer_save(*, actor: Actor, offer: LearningOffer | None = None, **fields: Any) -> LearningOffer:
    _may_edit(actor)
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    title = (fields.get("title") if "title" in fields else offer and offer.title) or ""
    clash = LearningOffer.objects.filter(title__iexact=title.strip())
    if offer is not None:
        clash = clash.exclude(pk=offer.pk)
    if clash.exists():
        raise ValidationError(_("An offer called %(title)s already exists.") % {"title": title})
    creating = offer is None
    offer = offer or LearningOffer()
    for name, value in fields.items():
        setattr(offer, name, value.strip() if isinstance(value, str) else value)
    offer.full_clean()
    offer.save()
    audit(
        actor=actor,
        verb=AuditAction.CREATE if creating else AuditAction.UPDATE,
        object_type=ObjectType.LEARNING_OFFER,
        object_id=offer.pk,
        summary=f"{offer.title}: {offer.kind}, {offer.duration_hours} h, {offer.cost}",
    )
    return offer


@action
def offer_competency_set(
    *, actor: Actor, offer: LearningOffer, competency: Any, level: int
) -> OfferCompetency:
    _may_edit(actor)
    scale = competency.scale
    if not scale.min_level <= level <= scale.max_level:
        raise ValidationError(
            _("Level %(level)s is outside the scale %(low)s-%(high)s of %(name)s.")
            % {
                "level": level,
                "low": scale.min_level,
                "high": scale.max_level,
                "name": competency.name,
            }
        )
    link, _created = OfferCompetency.objects.update_or_create(
        offer=offer, competency=competency, defaults={"level": level}
    )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.LEARNING_OFFER,
        object_id=offer.pk,
        summary=f"{offer.title}: develops {competency.name_en} to {level}",
    )
    return link


@action
def session_add(
    *,
    actor: Actor,
    offer: LearningOffer,
    starts_on: date,
    ends_on: date,
    place: str,
    capacity: int,
) -> Session:
    _may_edit(actor)
    if ends_on < starts_on:
        raise ValidationError(_("A session cannot end before it starts."))
    if capacity < 1:
        raise ValidationError(_("A session needs at least one place."))
    session = Session.objects.create(
        offer=offer,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        capacity=capacity,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.LEARNING_SESSION,
        object_id=session.pk,
        summary=f"{offer.title} {starts_on} ({capacity} places)",
    )
    return session
