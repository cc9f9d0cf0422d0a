"""A pair as the pages show it: the match, plus what it is to the viewer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from groeipad.mentoring import selectors
from groeipad.mentoring.models import Match, MatchStatus


@dataclass
class PairView:
    """The match (its fields read through, as templates do: ``m.programme``) with the
    viewer's side of it and the names of the competencies behind the proposal."""

    match: Match
    competency_names: list[str] = field(default_factory=list)
    i_am_mentor: bool = False
    i_confirmed: bool = False
    # The viewer gave their end feedback (anonymous: that they did, not what it said).
    feedback_given: bool = False
    feedback_asked: bool = False

    def __getattr__(self, name: str) -> Any:
        # Only called for what the dataclass does not have: the match's own fields.
        return getattr(self.match, name)


def _names(match: Match, names: dict[int, str]) -> list[str]:
    return [names.get(cid, "?") for cid in match.reasons.get("competencies", [])]


def pairs_for_hr(matches: list[Match]) -> list[PairView]:
    """A programme's proposals with the competency names of their reasons."""
    names = selectors.competency_names(matches)
    return [PairView(m, competency_names=_names(m, names)) for m in matches]


def pairs_for_member(matches: list[Match], employee_id: int | None) -> list[PairView]:
    """The viewer's own pairs: their side, their confirmation, their end feedback."""
    names = selectors.competency_names(matches)
    views = []
    mentors = selectors.answered_mentors(matches)
    for m in matches:
        is_mentor = m.mentor.employee_id == employee_id
        given = selectors.feedback_given(m, employee_id, mentors)
        views.append(
            PairView(
                m,
                competency_names=_names(m, names),
                i_am_mentor=is_mentor,
                i_confirmed=m.mentor_confirmed if is_mentor else m.mentee_confirmed,
                feedback_given=given,
                feedback_asked=m.status == MatchStatus.CONFIRMED
                and m.programme.has_ended()
                and not given,
            )
        )
    return views
