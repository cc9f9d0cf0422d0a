"""The 70-20-10 mix of a plan, checked against a hand computation."""

from decimal import Decimal
from types import SimpleNamespace

from groeipad.plans.models import CATEGORY_OF_INSTRUMENT, Instrument
from groeipad.plans.selectors import mix_of


def action(instrument, hours=0, status="planned"):
    return SimpleNamespace(
        category=CATEGORY_OF_INSTRUMENT[Instrument(instrument)],
        hours=Decimal(hours),
        status=status,
    )


def parts(mix):
    return {p.category: (p.amount, p.percent, p.guideline) for p in mix.parts}


def test_mix_by_hours():
    # By hand: on the job 24 + 16 = 40, through others 6, formal 14 (cancelled 100 left
    # out): total 60 -> 66.67% / 10% / 23.33% -> 67 / 10 / 23 (largest remainder).
    mix = mix_of(
        [
            action("on_the_job", 24),
            action("job_rotation", 16),
            action("coaching", 6),
            action("external_training", 14),
            action("internal_training", 100, status="cancelled"),
        ]
    )
    assert mix.basis == "hours" and mix.total == 60
    assert parts(mix) == {
        "experience": (40, 67, 70),
        "social": (6, 10, 20),
        "formal": (14, 23, 10),
    }


def test_mix_by_count_when_no_hours_are_given():
    # By hand: 1 of 3 in each category -> 33.3% each; the remainder goes to one -> 34/33/33.
    mix = mix_of([action("on_the_job"), action("feedback"), action("self_study")])
    assert mix.basis == "count" and mix.total == 3
    assert sorted(p.percent for p in mix.parts) == [33, 33, 34]
    assert sum(p.percent for p in mix.parts) == 100


def test_no_actions_no_mix():
    mix = mix_of([])
    assert mix.total == 0 and all(p.percent == 0 for p in mix.parts)
