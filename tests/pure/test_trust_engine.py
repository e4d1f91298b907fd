"""The engine refuses requests nested past its limit, for that call only, before parsing.

In Pyodide, `json.loads` of 3,000 nested brackets ran WebAssembly out of stack: a fatal
error, not a RecursionError, and the worker was gone (checked in the browser by
tests/browser/test_trust_deep.py). Here: the measure is right, and `handle` answers.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rekindle.engine import handle, nesting

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=30,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    return 0


@given(JSON_VALUES)
def test_text_depth_is_the_nesting_of_the_value(value: Any) -> None:
    assert nesting.text_depth(json.dumps(value)) == depth(value)


def request(args: dict[str, Any]) -> str:
    return json.dumps({"widget": "barrier-assessment", "op": "restore", "args": args})


def test_deep_saved_data_is_refused_as_text_or_as_objects() -> None:
    for levels in (3_000, 10_000):
        text = "[" * levels + "]" * levels
        for args in ({"saved": text}, {"saved": json.loads("[" * 900 + "]" * 900)}):
            answer = json.loads(handle(request(args)))
            assert answer["ok"] is False
            assert answer["error"]["kind"] == "invalid"
            assert answer["error"]["reason"] == "corrupt"
            assert answer["error"]["message"] == nesting.MESSAGE


def test_ordinary_requests_pass_and_brackets_in_typed_text_do_not_count() -> None:
    typed = "[" * 100 + " a note"  # what a reader wrote, not data
    assert not nesting.too_deep(request({"saved": {"names": typed}}))
    assert not nesting.too_deep(request({"entry": "[[[" + "]" * 200}))
    assert nesting.held_json_depth(typed) == 0
    assert nesting.held_json_depth(' {"a": [1]} ') == 2
    shallow = json.dumps({"format": 1, "answers": {}})
    answer = json.loads(handle(request({"saved": shallow})))
    assert answer["ok"] or answer["error"]["message"] != nesting.MESSAGE


def test_the_limit_is_exact() -> None:
    inside = nesting.MAX_DEPTH - 2  # the request and its args are two levels already
    assert not nesting.too_deep(request({"x": json.loads("[" * inside + "]" * inside)}))
    over = inside + 1
    assert nesting.too_deep(request({"x": json.loads("[" * over + "]" * over)}))
