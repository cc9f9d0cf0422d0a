"""The anonymity rule at its edges, and the report's numbers against a hand computation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.feedback.anonymity import BLIND_SPOT, HIDDEN_STRENGTH, OTHERS, report_for
from groeipad.feedback.models import RaterGroup

PEER, MANAGER, REPORT, OTHER, SELF = (
    RaterGroup.PEER,
    RaterGroup.MANAGER,
    RaterGroup.DIRECT_REPORT,
    RaterGroup.OTHER,
    RaterGroup.SELF,
)


def _cell(report, competency, bucket):
    row = next(r for r in report.rows if r.competency_id == competency.pk)
    return next((c for c in row.cells if c.bucket == bucket), None)


def _row(report, competency):
    return next(r for r in report.rows if r.competency_id == competency.pk)


@pytest.mark.parametrize(("peers", "shown"), [(2, False), (3, True), (4, True)])
def test_peer_group_is_shown_from_exactly_n_raters(world, start_round, add_rater, peers, shown):
    feedback_round = start_round(n=3)
    for i in range(peers):
        add_rater(feedback_round, PEER, {world.listen: 2 + i % 2}, {"keep": f"peer text {i}"})
    report = report_for(feedback_round)
    assert (PEER in report.shown) is shown
    if shown:
        values = [2 + i % 2 for i in range(peers)]
        expected = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"))
        assert _cell(report, world.listen, PEER).average == expected
        keep = next(b for b in report.open_answers if b.kind == "keep")
        assert sorted(keep.answers) == sorted(f"peer text {i}" for i in range(peers))
    else:
        # N-1 raters: withheld, ratings and open answers together; nothing to merge with.
        assert report.withheld == [PEER]
        assert _row(report, world.listen).cells == []
        assert _row(report, world.listen).others_average is None
        assert all(block.answers == [] for block in report.open_answers)


def test_small_groups_merge_into_others_when_together_they_reach_n(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, PEER, {world.listen: 4})
    add_rater(feedback_round, PEER, {world.listen: 2})
    add_rater(feedback_round, REPORT, {world.listen: 3}, {"stop": "from a report"})
    report = report_for(feedback_round)
    assert report.shown == [OTHERS]
    assert sorted(report.merged) == [REPORT, PEER] or set(report.merged) == {PEER, REPORT}
    assert report.withheld == []
    assert _cell(report, world.listen, OTHERS).average == Decimal("3.00")  # (4+2+3)/3
    stop = next(b for b in report.open_answers if b.kind == "stop")
    assert stop.answers == ["from a report"]


def test_a_group_of_one_is_withheld_when_the_merged_group_stays_under_n(
    world, start_round, add_rater
):
    feedback_round = start_round(n=3)
    for rating in (5, 4, 4):
        add_rater(feedback_round, PEER, {world.listen: rating})
    add_rater(feedback_round, REPORT, {world.listen: 1}, {"start": "the lone report"})
    report = report_for(feedback_round)
    assert report.shown == [PEER]
    assert report.withheld == [REPORT]
    row = _row(report, world.listen)
    # Complementary suppression: the all-others average leaves the withheld rating out,
    # so (total - peers) recovers nothing, and it says so.
    assert row.others_average == Decimal("4.33")  # (5+4+4)/3
    assert report.others_scope == "shown_groups_only"
    assert all("the lone report" not in b.answers for b in report.open_answers)


def test_withheld_answers_change_nothing_in_the_report(world, start_round, add_rater):
    def report_with(lone_rating, lone_text):
        feedback_round = start_round(n=3)
        for rating in (5, 4, 4):
            add_rater(feedback_round, PEER, {world.listen: rating})
        add_rater(feedback_round, REPORT, {world.listen: lone_rating}, {"keep": lone_text})
        return report_for(feedback_round)

    assert report_with(1, "one") == report_with(5, "two")


def test_the_manager_is_shown_named_and_never_counted_with_the_anonymous(
    world, start_round, add_rater
):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, MANAGER, {world.listen: 1}, {"keep": "from bob"})
    for rating in (3, 3, 4):
        add_rater(feedback_round, PEER, {world.listen: rating}, {"keep": f"peer {rating}"})
    report = report_for(feedback_round)
    assert report.manager_name == "Bob de Vries"
    assert report.shown == [PEER]
    assert report.withheld == [] and report.merged == []
    row = _row(report, world.listen)
    assert row.manager_score == 1
    # All others: the peers alone (10/3), the manager's 1 is not in it.
    assert row.others_average == Decimal("3.33")
    keep = next(b for b in report.open_answers if b.kind == "keep")
    assert keep.manager_answer == "from bob"
    assert "from bob" not in keep.answers


def test_a_lone_manager_without_anonymous_groups_is_still_named(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, MANAGER, {world.listen: 4})
    report = report_for(feedback_round)
    assert report.manager_name == "Bob de Vries"
    assert _row(report, world.listen).manager_score == 4
    assert report.shown == []
    assert _row(report, world.listen).others_average is None


def test_a_competency_with_fewer_than_n_ratings_in_a_shown_group_is_withheld(
    world, start_round, add_rater
):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, PEER, {world.listen: 3, world.plan: 5})
    add_rater(feedback_round, PEER, {world.listen: 3})  # cannot judge planning
    add_rater(feedback_round, PEER, {world.listen: 3})
    with translation.override("en"):
        report = report_for(feedback_round)
    plan = _cell(report, world.plan, PEER)
    assert plan.average is None and plan.ratings is None
    assert plan.hidden_reason == "fewer than 3 answers"
    assert _row(report, world.plan).others_average is None
    assert _row(report, world.plan).others_reason
    assert report.others_scope == "shown_groups_only"


def test_report_numbers_match_a_hand_computation(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, SELF, {world.listen: 5, world.plan: 2})
    peers = [(3, 4), (4, 3), (3, 4)]
    for listen, plan in peers:
        add_rater(feedback_round, PEER, {world.listen: listen, world.plan: plan})
    reports = [(4, 5), (3, 4), (2, 3), (3, 4)]
    for listen, plan in reports:
        add_rater(feedback_round, REPORT, {world.listen: listen, world.plan: plan})
    report = report_for(feedback_round)
    # By hand: peers listening 10/3 = 3.33, planning 11/3 = 3.67;
    # reports listening 12/4 = 3.00, planning 16/4 = 4.00;
    # all others listening 22/7 = 3.14, planning 27/7 = 3.86.
    assert _cell(report, world.listen, PEER).average == Decimal("3.33")
    assert _cell(report, world.plan, PEER).average == Decimal("3.67")
    assert _cell(report, world.listen, REPORT).average == Decimal("3.00")
    assert _cell(report, world.plan, REPORT).average == Decimal("4.00")
    listen, plan = _row(report, world.listen), _row(report, world.plan)
    assert listen.others_average == Decimal("3.14")
    assert plan.others_average == Decimal("3.86")
    assert report.others_scope == "all"
    # Self 5 vs 3.14: others see 1.86 lower -> blind spot. Self 2 vs 3.86 -> hidden strength.
    assert (listen.self_score, listen.signal) == (5, BLIND_SPOT)
    assert (plan.self_score, plan.signal) == (2, HIDDEN_STRENGTH)


def test_signal_threshold_is_one_whole_level(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, SELF, {world.listen: 4, world.plan: 4})
    for listen, plan in [(3, 4), (3, 3), (3, 3)]:  # listening 3.00, planning 3.33
        add_rater(feedback_round, PEER, {world.listen: listen, world.plan: plan})
    report = report_for(feedback_round)
    assert _row(report, world.listen).signal == BLIND_SPOT  # exactly 1.00 lower
    assert _row(report, world.plan).signal is None  # 0.67 lower


def test_open_answers_order_does_not_follow_submission_order(world, start_round, add_rater):
    texts = [f"answer {letter}" for letter in "abcdefgh"]

    def order(sequence):
        feedback_round = start_round(n=3)
        for text in sequence:
            add_rater(feedback_round, PEER, None, {"keep": text})
        return next(b for b in report_for(feedback_round).open_answers if b.kind == "keep").answers

    forward = order(texts)
    assert sorted(forward) == texts
    assert forward != texts  # not submission order (fixed key: checked once, stays so)
    assert order(list(reversed(texts))) != list(reversed(texts))


def test_drafts_that_were_not_submitted_count_for_nothing(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    for _ in range(2):
        add_rater(feedback_round, PEER, {world.listen: 4})
    add_rater(feedback_round, PEER, {world.listen: 1}, submit=False)
    assert report_for(feedback_round).withheld == [PEER]
