"""What the mentoring app holds about a person: participation, their pair, meetings, feedback.

Erasure keeps the rows that programme figures count (participants, pairs) under the
pseudonymised employee record, and removes what is personal: languages, what one offers
and wants, the linked goal and shares, and the meeting notes. End feedback is stored
unlinked from its author (``PairFeedback`` keeps only programme, role, rating and text):
it belongs to nobody, so it is neither exported nor erased per person; the pair keeps
only whether each side answered.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.mentoring.models import Match, Meeting, Participant
from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register


def _export(employee: Employee) -> list[dict]:
    participations = list(
        Participant.objects.filter(employee=employee)
        .select_related("programme")
        .prefetch_related("offers", "wants")
        .order_by("programme__name")
    )
    ids = [p.pk for p in participations]
    # A mentor has several mentees: gather every match per participation.
    all_matches: dict[int, list[Match]] = {}
    for m in Match.objects.filter(Q(mentee_id__in=ids) | Q(mentor_id__in=ids)).select_related(
        "mentor__employee", "mentee__employee", "goal"
    ):
        own = m.mentee_id if m.mentee_id in ids else m.mentor_id
        all_matches.setdefault(own, []).append(m)
    match_ids = [m.pk for found in all_matches.values() for m in found]
    meetings: dict[int, list[dict]] = {}
    for meeting in Meeting.objects.filter(match_id__in=match_ids).order_by("date", "pk"):
        meetings.setdefault(meeting.match_id, []).append(
            {"date": meeting.date, "notes": meeting.notes}
        )
    rows = []
    for p in participations:
        pairs = []
        for m in all_matches.get(p.pk, []):
            as_mentee = m.mentee_id == p.pk
            other = m.mentor if as_mentee else m.mentee
            pairs.append(
                {
                    # The two of a pair see each other's name on the pair's page.
                    "mentor" if as_mentee else "mentee": other.employee.full_name,
                    "status": m.get_status_display(),
                    "goal": m.goal.title if as_mentee and m.goal else None,
                    "goal_shared": m.share_goal,
                    "plan_shared": m.share_plan,
                    "meetings": meetings.get(m.pk, []),
                    # Anonymous: only that one answered, never what (not linked to anyone).
                    "end_feedback_given": m.mentee_answered if as_mentee else m.mentor_answered,
                }
            )
        rows.append(
            {
                "programme": p.programme.name,
                "role": p.get_role_display(),
                "capacity": p.capacity,
                "languages": p.languages,
                "meeting_form": p.get_meeting_form_display(),
                "offers": [c.name for c in p.offers.all()],
                "wants_to_develop": [c.name for c in p.wants.all()],
                "pairs": pairs,
            }
        )
    return rows


def _erase(employee: Employee, dry_run: bool) -> int:
    participants = Participant.objects.filter(employee=employee)
    ids = list(participants.values_list("pk", flat=True))
    personal = participants.filter(
        ~Q(languages="")
        | ~Q(unmatched_reason="")
        | Q(offers__isnull=False)
        | Q(wants__isnull=False)
    ).distinct()
    as_mentee = Match.objects.filter(mentee_id__in=ids).filter(
        Q(goal__isnull=False) | Q(share_goal=True) | Q(share_plan=True)
    )
    their_matches = Match.objects.filter(Q(mentee_id__in=ids) | Q(mentor_id__in=ids))
    notes = Meeting.objects.filter(match__in=their_matches).exclude(notes="")
    count = personal.count() + as_mentee.count() + notes.count()
    if dry_run or not count:
        return count
    for participant in Participant.objects.filter(pk__in=ids):
        participant.offers.clear()
        participant.wants.clear()
    Participant.objects.filter(pk__in=ids).update(languages="", unmatched_reason="")
    Match.objects.filter(mentee_id__in=ids).update(
        goal=None, share_goal=False, share_plan=False, reasons={}
    )
    notes.update(notes="")
    return count


register(
    DataCategory(
        key="mentoring",
        app="mentoring",
        label=_("mentoring: your participation, your pair, meetings and end feedback"),
        purpose=_("to match you with a mentor or mentee and support the pair"),
        legal_basis=_("legitimate interest: your development (article 6(1)(f) GDPR)"),
        retention="development",
        seen_by=("own", "hr"),
        export=_export,
        erase=_erase,
        notes=(
            _(
                "Your mentor or mentee sees the pair: each other's name, the meetings and "
                "what you share. End feedback is anonymous: it is stored without a link to "
                "whoever gave it, so your export says only whether you gave it; HR sees "
                "only programme figures, from enough answers."
            ),
        ),
    )
)
