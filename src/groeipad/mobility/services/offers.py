"""Publishing and closing rotation and internship offers."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.mobility import rules
from groeipad.mobility.models import OfferCompetency, OfferKind, OfferStatus, RotationOffer
from groeipad.people.models import Department
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.skills.models import Competency

MAX_WEEKS = 104
MAX_PLACES = 100


def _validate(
    *,
    kind: str,
    title: str,
    duration_weeks: int | None,
    start_date: date | None,
    places: int | None,
    pairs: list[tuple[Competency, int | None]],
) -> None:
    if not title:
        raise ValidationError(_("Say what the rotation or internship is (the title is empty)."))
    if len(title) > 200:
        raise ValidationError(_("Keep the title under 200 characters."))
    if kind not in OfferKind.values:
        raise ValidationError(_("Choose whether it is a job rotation or an internship."))
    if duration_weeks is None or not 1 <= int(duration_weeks) <= MAX_WEEKS:
        raise ValidationError(
            _("The duration must be between 1 and %(max)d weeks.") % {"max": MAX_WEEKS}
        )
    if start_date is None:
        raise ValidationError(_("Give the start date."))
    if places is None or not 1 <= int(places) <= MAX_PLACES:
        raise ValidationError(
            _("The number of places must be between 1 and %(max)d.") % {"max": MAX_PLACES}
        )
    seen: set[int] = set()
    for competency, level in pairs:
        if competency.pk in seen:
            raise ValidationError(
                _("%(competency)s is listed twice.") % {"competency": competency.name}
            )
        seen.add(competency.pk)
        scale = competency.scale
        if level is not None and not scale.min_level <= level <= scale.max_level:
            raise ValidationError(
                _("Target level for %(competency)s: choose %(min)d to %(max)d.")
                % {"competency": competency.name, "min": scale.min_level, "max": scale.max_level}
            )


@action
def offer_create(
    *,
    actor: Actor,
    host_department: Department | None,
    kind: str,
    title: str,
    duration_weeks: int | None,
    start_date: date | None,
    places: int | None = 1,
    description: str = "",
    is_transfer: bool = False,
    competencies: list[tuple[Competency, int | None]] | None = None,
) -> RotationOffer:
    """A rotation or internship offered by ``host_department``: HR, or a manager there."""
    if host_department is None:
        raise ValidationError(_("Choose the department that offers the place."))
    ensure(
        rules.may_create_offer(actor, host_department),
        _("Only HR and the managers of %(department)s offer places there.")
        % {"department": host_department.name},
    )
    title = (title or "").strip()
    pairs = list(competencies or [])
    _validate(
        kind=kind,
        title=title,
        duration_weeks=duration_weeks,
        start_date=start_date,
        places=places,
        pairs=pairs,
    )
    assert duration_weeks is not None and start_date is not None and places is not None
    offer = RotationOffer.objects.create(
        host_department=host_department,
        kind=kind,
        title=title,
        description=(description or "").strip(),
        duration_weeks=int(duration_weeks),
        start_date=start_date,
        places=int(places),
        is_transfer=bool(is_transfer),
        created_by=actor_user(actor),
    )
    OfferCompetency.objects.bulk_create(
        OfferCompetency(offer=offer, competency=c, target_level=level) for c, level in pairs
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.ROTATION_OFFER,
        object_id=offer.pk,
        summary=f"{kind} '{title}' in {host_department.name}, {offer.duration_weeks} weeks from "
        f"{start_date.isoformat()}, {offer.places} place(s)"
        + (", transfer" if offer.is_transfer else ""),
    )
    return offer


@action
def offer_close(*, actor: Actor, offer: RotationOffer) -> RotationOffer:
    """No more applications; the host can still choose among those who applied."""
    ensure(rules.may_decide(actor, offer), _("Only HR and the host department close this offer."))
    if offer.status == OfferStatus.CLOSED:
        raise ValidationError(_("This offer is already closed."))
    RotationOffer.objects.filter(pk=offer.pk).update(status=OfferStatus.CLOSED)
    offer.status = OfferStatus.CLOSED
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.ROTATION_OFFER,
        object_id=offer.pk,
        summary=f"closed '{offer.title}'"[:500],
    )
    return offer
