"""The sockpuppet attack (issue 14) and differencing, played at k-1, k and k+1.

Alice wants to know what her one real colleague, Carol, answered. She tries raters she
controls herself: her own address, aliases of it, duplicates of Carol, and external
addresses that nobody approved (or that her manager refused). In every case the report
is the same whether Carol rated 1 or 5: nothing in it depends on Carol's answer.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from groeipad.feedback import services
from groeipad.feedback.anonymity import OTHERS, TOTAL, group_counts, report_for
from groeipad.feedback.models import Approval, RaterGroup, Response
from groeipad.privacy.anonymity import threshold

K = 3  # the default k for 360 rater groups
SIZES = [K - 1, K, K + 1]


def _answers(feedback_round, ratings):
    out = {}
    for question in feedback_round.questions.select_related("competency"):
        if question.competency in ratings:
            out[question.pk] = {"rating": ratings[question.competency]}
        elif question.open_kind == "keep" and "text" in ratings:
            out[question.pk] = {"text": ratings["text"]}
    return out


def _carol(world, feedback_round, rating, group=RaterGroup.PEER):
    rater = services.rater_invite(
        actor=world.user("alice"), feedback_round=feedback_round, employee=world.carol, group=group
    )
    services.answer_submit(
        rater=rater,
        answers=_answers(
            feedback_round, {world.listen: rating, world.plan: rating, "text": f"carol {rating}"}
        ),
    )


def _report(world, feedback_round, client):
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    client.cookies["django_language"] = "en"
    api = client.get(f"/api/v1/feedback/rounds/{feedback_round.pk}/report").json()
    csv = client.get(f"/feedback/rondes/{feedback_round.pk}/rapport.csv").content.decode()
    return report_for(feedback_round), api, csv


def test_k_is_three_by_default():
    assert threshold("feedback") == K


@pytest.mark.parametrize("controlled", SIZES)
def test_aliases_of_herself_are_refused_so_carol_stays_alone(world, start_round, login, controlled):
    def attack(carol_rating):
        feedback_round = start_round(n=K)
        aliases = ["alice+{}@example.nl", "a.lice+{}@example.nl", "ALICE+{}@EXAMPLE.NL"]
        for i in range(controlled):
            with pytest.raises(ValidationError):
                services.rater_invite(
                    actor=world.user("alice"),
                    feedback_round=feedback_round,
                    email=aliases[i % 3].format(i),
                    group=RaterGroup.PEER,
                )
        _carol(world, feedback_round, carol_rating)
        return _report(world, feedback_round, login(world.user("alice")))

    low, high = attack(1), attack(5)
    assert low == high  # nothing depends on Carol's answer
    report = low[0]
    assert report.shown == [] and report.withheld == [RaterGroup.PEER]
    assert all(r.others_average is None for r in report.rows)


@pytest.mark.parametrize("controlled", SIZES)
@pytest.mark.parametrize("decision", ["none", "refused"])
def test_unapproved_or_refused_externals_never_count(
    world, start_round, login, controlled, decision, mailoutbox
):
    def attack(carol_rating):
        feedback_round = start_round(n=K)
        mailoutbox.clear()
        for i in range(controlled):
            sock = services.rater_invite(
                actor=world.user("alice"),
                feedback_round=feedback_round,
                email=f"sock{i}@elders.example",
                group=RaterGroup.PEER,
            )
            assert sock.is_external and sock.approval == Approval.PENDING
            if decision == "refused":
                services.external_decide(actor=world.user("bob"), rater=sock, approve=False)
            # No link was mailed; and the service refuses the rater's answers anyway.
            with pytest.raises(ValidationError):
                services.answer_submit(
                    rater=sock, answers=_answers(feedback_round, {world.listen: 5})
                )
        assert not any("sock" in m.to[0] for m in mailoutbox)
        _carol(world, feedback_round, carol_rating)
        counts = {c.group: c for c in group_counts(feedback_round)}
        # Only approved raters are invited raters: one peer, under k: no count.
        assert counts[RaterGroup.PEER].invited == 1
        assert counts[RaterGroup.PEER].submitted is None
        assert counts[TOTAL].submitted is None
        return _report(world, feedback_round, login(world.user("alice")))

    low, high = attack(1), attack(5)
    assert low == high
    assert low[0].withheld == [RaterGroup.PEER]
    assert Response.objects.filter(group=RaterGroup.PEER).count() == 2  # Carol, twice


@pytest.mark.parametrize("copies", SIZES)
def test_carol_cannot_be_counted_more_than_once(world, start_round, copies):
    feedback_round = start_round(n=K)
    _carol(world, feedback_round, 1)
    aliases = ["Carol@example.nl", "c.arol+{}@example.nl", "carol+{}@EXAMPLE.nl"]
    for i in range(copies):
        for group in (RaterGroup.PEER, RaterGroup.OTHER):
            with pytest.raises(ValidationError):
                services.rater_invite(
                    actor=world.user("alice"),
                    feedback_round=feedback_round,
                    email=aliases[i % 3].format(i),
                    group=group,
                )
        with pytest.raises(ValidationError):
            services.rater_invite(
                actor=world.user("alice"),
                feedback_round=feedback_round,
                employee=world.carol,
                group=RaterGroup.OTHER,
            )
    assert feedback_round.raters.filter(employee=world.carol).count() == 1
    assert report_for(feedback_round).withheld == [RaterGroup.PEER]


@pytest.mark.parametrize("peers", SIZES)
def test_all_others_minus_the_shown_group_never_gives_carols_answer(
    world, start_round, add_rater, login, peers
):
    """Peers (real, approved) and Carol alone as a direct report: the all-others average
    is built from the shown groups only, so subtracting recovers nothing."""
    ratings = [2, 3, 4, 4][:peers]

    def play(carol_rating):
        feedback_round = start_round(n=K)
        for rating in ratings:
            add_rater(feedback_round, RaterGroup.PEER, {world.listen: rating})
        _carol(world, feedback_round, carol_rating, group=RaterGroup.DIRECT_REPORT)
        return _report(world, feedback_round, login(world.user("alice")))

    low, high = play(1), play(5)
    report = low[0]
    row = next(r for r in report.rows if r.competency_id == world.listen.pk)
    if peers < K:
        # Under k the peers merge with Carol into one group of k: one combined figure,
        # no part shown beside it that could be subtracted.
        assert report.shown == [OTHERS]
        assert sorted(report.merged) == sorted([RaterGroup.PEER, RaterGroup.DIRECT_REPORT])
        assert [c.bucket for c in row.cells] == [OTHERS]
        assert row.others_average == row.cells[0].average
        assert low != high  # Carol's answer is in a group of k: that is what k allows
        expected = (Decimal(sum(ratings) + 1) / (peers + 1)).quantize(Decimal("0.01"))
        assert row.cells[0].average == expected
    else:
        assert low == high
        assert report.shown == [RaterGroup.PEER]
        assert report.withheld == [RaterGroup.DIRECT_REPORT]
        expected = (Decimal(sum(ratings)) / peers).quantize(Decimal("0.01"))
        assert row.others_average == row.cells[0].average == expected
        assert report.others_scope == "shown_groups_only"
        assert "carol" not in low[2] and "carol" not in str(low[1])


@pytest.mark.parametrize("peers", SIZES)
def test_response_counts_follow_k_with_complementary_suppression(
    world, start_round, add_rater, peers
):
    feedback_round = start_round(n=K)
    for _ in range(peers):
        add_rater(feedback_round, RaterGroup.PEER, {world.listen: 3})
    _carol(world, feedback_round, 1, group=RaterGroup.DIRECT_REPORT)
    add_rater(feedback_round, RaterGroup.MANAGER, {world.listen: 2})
    counts = {c.group: c for c in group_counts(feedback_round)}
    # Named groups: as they are.
    assert (counts["manager"].invited, counts["manager"].submitted) == (1, 1)
    # Carol's group of one: never a count. Peers: from k invited, but "all minus peers"
    # would be Carol, so the peers' count goes too; the total as well (4 - 3 = Carol).
    assert counts[RaterGroup.DIRECT_REPORT].submitted is None
    assert counts[RaterGroup.PEER].submitted is None
    if peers < K:
        # 2 peers + Carol = 3 invited in all: the total may show (nothing beside it).
        assert counts[TOTAL].submitted == peers + 1
    else:
        assert counts[TOTAL].submitted is None
    assert all(c.hidden_reason for c in counts.values() if c.submitted is None)
