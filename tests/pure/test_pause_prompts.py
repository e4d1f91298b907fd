"""The day's prompt: chosen by the date, the same on every reload, another on demand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rekindle.tools.pause.model.prompts import BY_ID, MIX, PROMPTS, TRACKS, pool, prompt_for
from tests.pure.pause_support import call, planned

DAY = date(2026, 3, 12)


def today_prompt(day: date = DAY, **options: object) -> str:
    settings: dict[str, object] = {"track": MIX, "skip": 0, "situation": None, "safety": False}
    settings.update(options)
    return prompt_for(day, **settings).prompt.id  # type: ignore[arg-type]


def test_every_track_has_prompts_with_unique_stable_ids() -> None:
    assert len({p.id for p in PROMPTS}) == len(PROMPTS)
    for track in TRACKS:
        assert len(pool(track, situation=None, safety=False)) >= 6
        assert len(pool(track, situation=None, safety=True)) >= 5
    assert all(p.id.startswith(p.track + "-") for p in PROMPTS)


def test_the_same_date_gives_the_same_prompt_on_every_reload() -> None:
    for track in (MIX, *TRACKS):
        first = today_prompt(track=track)
        assert all(today_prompt(track=track) == first for _ in range(5))


def test_consecutive_days_walk_through_the_whole_track_before_repeating() -> None:
    for track in TRACKS:
        size = len(pool(track, situation=None, safety=False))
        ids = [today_prompt(DAY + timedelta(days=n), track=track) for n in range(size)]
        assert len(set(ids)) == size
        assert today_prompt(DAY + timedelta(days=size), track=track) == ids[0]


def test_another_prompt_moves_on_and_wraps_around() -> None:
    size = len(pool("left", situation=None, safety=False))
    seen = [today_prompt(track="left", skip=skip) for skip in range(size)]
    assert len(set(seen)) == size
    assert today_prompt(track="left", skip=size) == seen[0]
    # another prompt today is tomorrow's prompt: the list is one ring walked by date and skip
    assert today_prompt(track="left", skip=1) == today_prompt(DAY + timedelta(days=1), track="left")


def test_each_track_offers_only_its_own_prompts() -> None:
    for track in TRACKS:
        ids = {today_prompt(DAY + timedelta(days=n), track=track) for n in range(40)}
        assert {BY_ID[i].track for i in ids} == {track}


def test_the_mix_follows_how_it_ended_and_always_steps_back_and_looks_ahead() -> None:
    left = pool(MIX, situation="left", safety=False)
    assert [p.track for p in left[:6]] == ["left", "distance", "ahead"] * 2
    assert "ended" not in {p.track for p in left}
    ended = pool(MIX, situation="ended", safety=False)
    assert "left" not in {p.track for p in ended}
    unsaid = pool(MIX, situation=None, safety=False)
    assert {p.track for p in unsaid} == {"distance", "ahead"}


def test_a_pause_about_safety_never_offers_a_prompt_about_going_back() -> None:
    for track in (MIX, *TRACKS):
        for situation in (None, "ended", "left"):
            offered = pool(track, situation=situation, safety=True)
            assert offered
            assert not any(p.reunion for p in offered)
    assert any(p.reunion for p in pool(MIX, situation="ended", safety=False))


def test_the_prompt_op_says_what_another_prompt_will_send() -> None:
    state = planned(situation="ended")
    first = call("prompt_for", state=state, today="2026-03-12")
    assert first["track"] == "mix"
    assert first["track_label"] == "A mix for where I am"
    assert first["skip"] == 0
    assert first["next_skip"] == 1
    second = call("prompt_for", state=state, today="2026-03-12", skip=first["next_skip"])
    assert second["id"] != first["id"]
    last = call("prompt_for", state=state, today="2026-03-12", skip=first["pool_size"] - 1)
    assert last["next_skip"] == 0


def test_the_view_carries_todays_prompt() -> None:
    view = call("view", state=planned(), today="2026-03-12", track="ahead")["view"]
    assert view["prompt"]["track"] == "ahead"
    assert (
        view["prompt"]["id"]
        == call("prompt_for", state=planned(), today="2026-03-12", track="ahead")["id"]
    )


@pytest.mark.parametrize("skip", [-1, True, "1", 1.5])
def test_a_bad_skip_or_track_is_a_page_bug(skip: object) -> None:
    with pytest.raises(ValueError):
        call("prompt_for", today="2026-03-12", skip=skip)
    with pytest.raises(ValueError):
        call("prompt_for", today="2026-03-12", track="sad")
