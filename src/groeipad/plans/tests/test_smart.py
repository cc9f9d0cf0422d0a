"""The SMART check names what a goal misses; a complete goal gets no hints."""

from datetime import date

from groeipad.plans.smart import MAX_OPEN_GOALS, is_measurable, is_specific, smart_check

START, END, TODAY = date(2025, 1, 1), date(2025, 12, 31), date(2025, 3, 1)


def letters(**overrides):
    fields = {
        "title": "Zelfstandig de weekplanning voor het magazijn maken",
        "success_criterion": "Vanaf week 20 maak ik de planning zonder hulp.",
        "owner_id": 1,
        "deadline": date(2025, 6, 30),
        "period_start": START,
        "period_end": END,
        "today": TODAY,
    }
    fields.update(overrides)
    return [m.letter for m in smart_check(**fields)]


def test_complete_goal_has_nothing_missing():
    assert letters() == []


def test_vague_or_short_title_is_not_specific():
    assert letters(title="Beter worden") == ["S"]
    assert letters(title="meer werken aan mijn vaardigheden") == ["S"]
    assert is_specific("Een verbeterproject in mijn team trekken")


def test_success_criterion_needs_something_observable():
    assert letters(success_criterion="") == ["M"]
    assert letters(success_criterion="Ik voel me er prettiger bij") == ["M"]
    assert is_measurable("Ik geef twee presentaties")  # a number
    assert is_measurable("Als een klant belt, dan los ik het zelf op")  # when ... then
    assert is_measurable("Mijn leidinggevende bevestigt het in de check-in")  # observable
    assert is_measurable("She presents the results to the board")


def test_owner_and_deadline_are_required():
    assert letters(owner_id=None) == ["A"]
    assert letters(deadline=None) == ["T"]


def test_deadline_in_the_past_or_outside_the_period_is_not_realistic():
    assert letters(deadline=date(2025, 2, 1)) == ["R"]
    assert letters(deadline=date(2026, 2, 1)) == ["R"]


def test_too_many_open_goals_is_not_realistic():
    assert letters(other_open_goals=MAX_OPEN_GOALS - 1) == []
    assert letters(other_open_goals=MAX_OPEN_GOALS) == ["R"]
