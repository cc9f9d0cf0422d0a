"""eNPS figures of surveys, under the one anonymity rule (specs/anonymity.md).

Every eNPS figure Groeipad shows (the KPI of a period, the per-survey chart and its
table, the API, the exports, the command) is one **cell** of one survey: the answers of
the organisation, or of one department with its sub-departments. A manager's line has
no cell of its own: its eNPS is the cell of the manager's department (answers carry only
a department). So the set of cells any viewer can obtain for one survey, by changing the
department (HR) or being another manager, is exactly: the organisation and every
department. ``survey_cells`` decides for that whole set at once, with
``privacy.anonymity.suppress_tree``: a cell of 1 to k-1 answers is hidden, and so is
any cell whose shown total minus its nearest shown parts would leave 1 to k-1 answers
(a department minus its sub-departments; the organisation minus its top-level
departments, where answers without a department are the organisation's own part).
Because the decision covers the whole tree, it is the same whoever asks: HR and
managers see the same cells hidden.

Cost: two queries for any number of surveys (the answer counts grouped by survey and
department, and the department tree), however many answers and departments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from groeipad.people.models import Department
from groeipad.privacy.anonymity import (
    Cell,
    Instrument,
    reason,
    subtree_totals,
    suppress_tree,
    threshold,
)
from groeipad.surveys.models import SurveyAnswer

# The cell of the whole organisation in the tree (department ids are positive).
ORGANISATION = 0

# eNPS keeps four decimals, like every rate of the KPIs (specs/kpis.md).
_PLACES = Decimal("0.0001")


def enps_threshold() -> int:
    """k of eNPS and pulse surveys: ``privacy.anonymity.threshold(Instrument.SURVEY)``."""
    return threshold(Instrument.SURVEY)


def enps_score(promoters: int, detractors: int, responses: int) -> float | None:
    """100 * (promoters - detractors) / responses, to four decimals; None without answers."""
    if not responses:
        return None
    value = Decimal(100 * (promoters - detractors)) / Decimal(responses)
    return float(value.quantize(_PLACES, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SurveyCells:
    """One survey's cells: answer counts per subtree and the cells that must stay hidden.

    ``figure(department_id)`` gives the cell of a department with its sub-departments,
    or of the organisation (``None`` or ``ORGANISATION``): a ``privacy.anonymity.Cell``
    whose value is the eNPS and whose n is the number of answers. A hidden cell has
    neither (``n`` None) and says why; a cell without answers is not hidden (there is
    nothing to hide) but has no eNPS and n 0.
    """

    survey_id: int | None
    k: int
    name: str = ""
    closing_date: date | None = None
    responses: dict[int, int] = field(default_factory=dict)
    promoters: dict[int, int] = field(default_factory=dict)
    detractors: dict[int, int] = field(default_factory=dict)
    hidden: frozenset[int] = frozenset()

    def is_hidden(self, department_id: int | None) -> bool:
        return _key(department_id) in self.hidden

    def figure(self, department_id: int | None) -> Cell:
        key = _key(department_id)
        if key in self.hidden:
            return Cell(None, None, reason(self.k))
        n = self.responses.get(key, 0)
        if not n:
            return Cell(None, 0)
        return Cell(enps_score(self.promoters.get(key, 0), self.detractors.get(key, 0), n), n)


def _key(department_id: int | None) -> int:
    return ORGANISATION if department_id is None else department_id


def department_tree() -> dict[int, int]:
    """Every department's parent in the cell tree: a top-level one's is ORGANISATION."""
    return {
        pk: ORGANISATION if parent is None else parent
        for pk, parent in Department.objects.values_list("id", "parent_id")
    }


def survey_cells(
    survey_ids: Iterable[int] | QuerySet[Any, Any], *, k: int | None = None
) -> dict[int, SurveyCells]:
    """The cells of each survey in ``survey_ids`` (ids or a subquery of ids), by survey id.

    One grouped query for the answer counts, one for the department tree (skipped when
    there are no answers). A survey without answers is missing from the result; use
    ``cells_of`` to get an empty ``SurveyCells`` for it.
    """
    k = enps_threshold() if k is None else k
    rows = list(
        SurveyAnswer.objects.filter(survey_id__in=survey_ids)
        .order_by()
        .values("survey_id", "survey__name", "survey__closing_date", "department_id")
        .annotate(
            responses=Count("id"),
            promoters=Count("id", filter=Q(score__gte=9)),
            detractors=Count("id", filter=Q(score__lte=6)),
        )
    )
    if not rows:
        return {}
    parent = department_tree()
    direct: dict[int, dict[str, dict[int, int]]] = defaultdict(
        lambda: {"responses": {}, "promoters": {}, "detractors": {}}
    )
    surveys = {}
    for row in rows:
        surveys[row["survey_id"]] = (row["survey__name"], row["survey__closing_date"])
        counts = direct[row["survey_id"]]
        node = _key(row["department_id"])
        for name in ("responses", "promoters", "detractors"):
            counts[name][node] = counts[name].get(node, 0) + row[name]
    result = {}
    for survey_id, counts in direct.items():
        hidden = suppress_tree(counts["responses"], parent, k, root=ORGANISATION)
        result[survey_id] = SurveyCells(
            survey_id=survey_id,
            k=k,
            name=surveys[survey_id][0],
            closing_date=surveys[survey_id][1],
            responses=subtree_totals(counts["responses"], parent),
            promoters=subtree_totals(counts["promoters"], parent),
            detractors=subtree_totals(counts["detractors"], parent),
            hidden=frozenset(hidden),
        )
    return result


def cells_of(cells: dict[int, SurveyCells], survey_id: int | None, k: int) -> SurveyCells:
    """The cells of one survey from ``survey_cells``'s result; empty when it had no answers."""
    if survey_id is not None and survey_id in cells:
        return cells[survey_id]
    return SurveyCells(survey_id=survey_id, k=k)
