"""Reads for the overview and the forms: frameworks, job profiles, choices, ESCO."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from groeipad.people.models import JobProfile
from groeipad.skills.models import (
    Competency,
    EscoSkill,
    Framework,
    JobProfileParent,
)

if TYPE_CHECKING:
    pass
from groeipad.skills.selectors.gaps import effective_requirements


def job_profile_choices() -> list[tuple[int, str]]:
    return list(JobProfile.objects.order_by("name").values_list("id", "name"))


def competency_choices() -> list[tuple[int, str]]:
    return sorted(
        ((c.pk, c.name) for c in Competency.objects.only("id", "name_nl", "name_en")),
        key=lambda item: item[1].casefold(),
    )


def competencies_all() -> QuerySet[Competency]:
    return Competency.objects.select_related("framework", "cluster", "scale", "esco_skill")


def esco_skill_by_uri(concept_uri: str) -> EscoSkill | None:
    return EscoSkill.objects.filter(concept_uri=concept_uri).first()


@dataclass
class CompetencyCard:
    """A competency on the overview, with its level texts: (level, label, indicator)."""

    competency: Competency
    level_texts: list[tuple[int, str, str]]


def frameworks_overview() -> list[dict]:
    """Each framework with its clusters, each cluster with its competencies (4 queries)."""
    competencies = Competency.objects.select_related("scale").prefetch_related(
        "indicators", "scale__levels"
    )
    frameworks = Framework.objects.prefetch_related(
        "clusters", Prefetch("competencies", queryset=competencies)
    )
    result = []
    for framework in frameworks:
        by_cluster: dict[int | None, list[CompetencyCard]] = {}
        for competency in sorted(framework.competencies.all(), key=lambda c: c.name.casefold()):
            labels = {lvl.level: lvl.label for lvl in competency.scale.levels.all()}
            card = CompetencyCard(
                competency,
                [(i.level, labels.get(i.level, ""), i.text) for i in competency.indicators.all()],
            )
            by_cluster.setdefault(competency.cluster_id, []).append(card)
        clusters: list[tuple[str, list[CompetencyCard]]] = [
            (c.name, by_cluster.get(c.pk, [])) for c in framework.clusters.all()
        ]
        if by_cluster.get(None):
            clusters.append((_("Other competencies"), by_cluster[None]))
        result.append({"framework": framework, "clusters": clusters})
    return result


def job_profiles_overview(names: dict[int, str]) -> list[dict]:
    """Every job profile with what it builds on and its requirements (inheritance applied)."""
    requirements = effective_requirements()
    parents: dict[int, int] = dict(
        JobProfileParent.objects.values_list("job_profile_id", "parent_id")
    )
    profiles = list(JobProfile.objects.order_by("name"))
    profile_names = {p.pk: p.name for p in profiles}
    rows = []
    for profile in profiles:
        own = sorted(
            requirements.get(profile.pk, {}).values(),
            key=lambda r: names.get(r.competency_id, "").casefold(),
        )
        parent_id = parents.get(profile.pk)
        rows.append(
            {
                "profile": profile,
                "parent": profile_names.get(parent_id) if parent_id else None,
                "parent_id": parent_id,
                "requirements": [
                    {
                        "competency_id": r.competency_id,
                        "name": names.get(r.competency_id, ""),
                        "level": r.level,
                        "weight": r.weight,
                        "inherited_from": profile_names.get(r.inherited_from)
                        if r.inherited_from
                        else None,
                    }
                    for r in own
                ],
            }
        )
    return rows


def competencies_with_levels(ids: Iterable[int]) -> list[Competency]:
    """Competencies with their scale's levels and their indicators, in three queries."""
    return sorted(
        Competency.objects.filter(pk__in=list(ids))
        .select_related("scale", "cluster")
        .prefetch_related("scale__levels", "indicators"),
        key=lambda competency: competency.name.casefold(),
    )


def esco_search(text: str, *, limit: int = 20) -> list[EscoSkill]:
    """ESCO skills whose English or Dutch name or other names contain ``text``.

    Every word must match; skills whose name holds the whole text come first. ESCO is
    public reference data, not personal data: the same for every viewer.
    """
    text = text.strip()
    named = Q(name_en__icontains=text) | Q(name_nl__icontains=text)
    skills = EscoSkill.objects.annotate(
        rank=Case(When(named, then=Value(0)), default=Value(1))
    ).order_by("rank", "name_en", "id")
    for word in text.split():
        skills = skills.filter(
            Q(name_en__icontains=word)
            | Q(name_nl__icontains=word)
            | Q(alt_labels_en__icontains=word)
            | Q(alt_labels_nl__icontains=word)
        )
    return list(skills[:limit])
