"""The access funnels: a programme, pair rule or pair id from a request, or a refusal.

Programmes are open to everyone signed in (to read and join); their HR side answers 403
to anyone but HR. A pair is for its mentor and mentee only: anyone else gets 404, HR and
managers included, never a hint that it exists.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.lib.actions import ensure
from groeipad.mentoring import rules
from groeipad.mentoring.models import Match, PairRule, Programme
from groeipad.mentoring.rules import MentoringActor


def get_programme_for(viewer: MentoringActor, programme_id: int) -> Programme:
    """A programme to read or join: everyone signed in."""
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        raise Http404(_("No such programme."))
    return programme


def get_programme_to_manage_for(viewer: MentoringActor, programme_id: int) -> Programme:
    """A programme whose rules, matching and end HR manages: 403 for anyone but HR."""
    ensure(rules.may_manage_programmes(viewer), _("Only HR manages mentoring programmes."))
    return get_programme_for(viewer, programme_id)


def get_rule_for(viewer: MentoringActor, programme: Programme, rule_id: int) -> PairRule:
    """A pair rule of a programme HR manages."""
    ensure(rules.may_manage_programmes(viewer), _("Only HR manages mentoring programmes."))
    rule = (
        PairRule.objects.select_related("mentor__employee", "mentee__employee")
        .filter(pk=rule_id, programme=programme)
        .first()
    )
    if rule is None:
        raise Http404(_("No such pair rule."))
    return rule


def get_pair_for(viewer: MentoringActor, match_id: int) -> Match:
    """The pair, when the viewer is its mentor or mentee. HR and managers get 404: what a
    pair logs and shares stays between the two of them."""
    match = (
        Match.objects.select_related(
            "programme", "mentor__employee", "mentee__employee", "goal__plan"
        )
        .prefetch_related("meetings")
        .filter(pk=match_id)
        .first()
    )
    if match is None or not rules.is_in_pair(viewer, match):
        raise Http404(_("No such pair."))
    return match
