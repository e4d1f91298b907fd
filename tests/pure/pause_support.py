"""Helpers for the pause tests: call ops the way the worker does, and build journals."""

from __future__ import annotations

import json
from typing import Any

from rekindle.tools.pause.ops import OPS

START_MS = 1_772_400_000_000  # 2026-03-01 in ms; only the order of timestamps matters here


def call(op: str, **args: Any) -> dict[str, Any]:
    """Run an op through JSON both ways, as the worker does, and check the answer is JSON."""
    answer: dict[str, Any] = OPS[op](json.loads(json.dumps(args)))
    assert json.loads(json.dumps(answer)) == answer
    return answer


def planned(today: str = "2026-03-12", **plan: Any) -> dict[str, Any]:
    """A state with a plan (30 days from 1 March 2026 unless told otherwise)."""
    fields = {"start": "2026-03-01", "length": 30, **plan}
    state: dict[str, Any] = call("set_plan", state=None, today=today, **fields)["state"]
    return state


def with_entries(
    state: dict[str, Any], *days_and_texts: tuple[str, str], **extra: Any
) -> dict[str, Any]:
    """The state with one entry per (date, text), ids e1, e2, ... after those already there."""
    for day, text in days_and_texts:
        number = len(state["entries"]) + 1
        state = call(
            "add_entry",
            state=state,
            today=day,
            id=f"e{number}",
            prompt=extra.get("prompt"),
            text=text,
            tags=extra.get("tags", []),
            at=START_MS + number * 60_000,
        )["state"]
    return state


def strings_in(value: object) -> list[str]:
    """Every string inside a JSON-ready value, keys left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []
