import json
from decimal import Decimal

import pytest

from groeipad.lib.json_numbers import dumps


def test_decimals_are_numbers_that_keep_their_decimals():
    text = dumps({"payroll": Decimal("1234.50"), "rate": 12.5, "none": None, "n": 3})
    assert text == '{"payroll": 1234.50, "rate": 12.5, "none": null, "n": 3}'
    assert json.loads(text)["payroll"] == 1234.5


def test_nested_and_indented_output_is_valid_json_in_key_order():
    value = {"b": {"x": Decimal("0.00"), "y": [1, 'a"b']}, "a": []}
    for indent in (None, 2):
        assert json.loads(dumps(value, indent=indent)) == {"b": {"x": 0, "y": [1, 'a"b']}, "a": []}
    assert list(json.loads(dumps(value))) == ["b", "a"]


def test_not_a_number_is_refused():
    with pytest.raises(ValueError):
        dumps(Decimal("NaN"))
    with pytest.raises(ValueError):
        dumps(float("inf"))
