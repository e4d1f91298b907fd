"""The timer's settings: presets, the build-time fence, the page's form, and the dict form."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.timer.model.fields import name_problem
from rekindle.tools.timer.model.settings import (
    PRESETS,
    SettingsError,
    TimerSettings,
    parse_fence_options,
    settings_from_dict,
    settings_from_form,
    settings_to_dict,
    settings_to_form,
)

# --- strategies shared with test_timer.py ------------------------------------------------

names = st.text(min_size=1, max_size=40).map(str.strip).filter(lambda n: name_problem(n) is None)
prompts = st.lists(
    st.text(min_size=1, max_size=200).map(str.strip).filter(lambda p: name_problem(p, 200) is None),
    max_size=6,
).map(tuple)


@st.composite
def timer_settings(draw: st.DrawFn, rounds: st.SearchStrategy | None = None) -> TimerSettings:
    """Any valid settings (optionally with rounds drawn from `rounds`)."""
    minutes = draw(st.integers(1, 60))
    return TimerSettings(
        preset=draw(st.sampled_from(list(PRESETS))),
        minutes=minutes,
        rounds=draw(rounds if rounds is not None else st.none() | st.integers(1, 20)),
        names=(draw(names), draw(names)),
        starts=draw(st.integers(0, 1)),
        warning_seconds=draw(st.integers(0, minutes * 60 - 1)),
        handover=draw(st.booleans()),
        prompts=draw(prompts),
    )


SAM_ALEX = TimerSettings(names=("Sam", "Alex"))


def check_in(**changes: object) -> TimerSettings:
    """The check-in preset as a fence gives it: its timing and its prompts."""
    return TimerSettings.from_preset("check-in", **changes)


# --- presets and the settings value ------------------------------------------------------


def test_presets_describe_the_three_recipes() -> None:
    assert list(PRESETS) == ["check-in", "sensate-focus", "custom"]
    check_in, sensate = PRESETS["check-in"], PRESETS["sensate-focus"]
    assert (check_in.minutes, check_in.rounds, check_in.roles) == (3, None, ("Speaker", "Listener"))
    assert (sensate.minutes, sensate.rounds, sensate.roles) == (15, 1, ("Giver", "Receiver"))
    for preset in PRESETS.values():
        assert len(preset.reminders) == 2
        assert all(r.endswith(".") and len(r) < 90 for r in preset.reminders)
        assert preset.warning_seconds < preset.minutes * 60


def test_default_settings_are_a_check_in_for_partner_a_and_b() -> None:
    settings = TimerSettings()
    assert settings == TimerSettings("check-in", 3, None, ("Partner A", "Partner B"), 0, 30)
    assert (settings.turn_ms, settings.total_turns, settings.roles) == (
        180_000,
        None,
        ("Speaker", "Listener"),
    )


def test_sensate_focus_is_two_turns_of_fifteen_minutes_with_a_minute_of_warning() -> None:
    settings = TimerSettings.from_preset("sensate-focus")
    assert (settings.turn_ms, settings.total_turns, settings.warning_seconds) == (900_000, 2, 60)
    assert settings.roles == ("Giver", "Receiver")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"preset": "chat"}, "preset"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 61}, "minutes"),
        ({"minutes": "3"}, "minutes"),
        ({"minutes": True}, "minutes"),
        ({"minutes": 3.0}, "minutes"),
        ({"rounds": 0}, "rounds"),
        ({"rounds": 21}, "rounds"),
        ({"names": ["Sam", "Alex"]}, "names"),
        ({"names": ("Sam",)}, "names"),
        ({"names": ("Sam", "")}, "names"),
        ({"names": (" Sam", "Alex")}, "names"),
        ({"names": ("Sam", 7)}, "names"),
        ({"starts": 2}, "starts"),
        ({"warning_seconds": -1}, "warning"),
        ({"warning_seconds": 180}, "warning"),
    ],
)
def test_invalid_settings_cannot_be_built(changes: dict, field: str) -> None:
    with pytest.raises(SettingsError) as caught:
        dataclasses.replace(TimerSettings(), **changes)
    assert caught.value.field == field
    assert caught.value.message in str(caught.value)


# --- the build-time fence ----------------------------------------------------------------


def test_an_empty_fence_gives_the_default_check_in() -> None:
    assert parse_fence_options("") == check_in()
    assert parse_fence_options("\n  \n# just a comment\n") == check_in()
    assert len(check_in().prompts) == 4 and check_in().handover is True


def test_a_full_fence_sets_every_option() -> None:
    text = """
    # the exercise from chapter 3
    preset: custom
    minutes: 20
    rounds: 4
    names: Sam, Alex
    starts: second
    warning: 45
    """
    assert parse_fence_options(text) == TimerSettings("custom", 20, 4, ("Sam", "Alex"), 1, 45)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("preset: sensate-focus", TimerSettings.from_preset("sensate-focus")),
        ("preset: custom", TimerSettings.from_preset("custom")),
        ("preset: Check-In ", check_in()),
        ("minutes: 1", check_in(minutes=1)),
        ("minutes: 60", check_in(minutes=60)),
        ("rounds: open", check_in(rounds=None)),
        ("rounds: OPEN", check_in(rounds=None)),
        ("rounds: 20", check_in(rounds=20)),
        ("names:  Sam ,Alex ", check_in(names=("Sam", "Alex"))),
        ("names: Sam, Sam", check_in(names=("Sam", "Sam"))),
        ("names: سارا, דנה", check_in(names=("سارا", "דנה"))),
        ("starts: first", check_in(starts=0)),
        ("starts: second", check_in(starts=1)),
        ("warning: off", check_in(warning_seconds=0)),
        ("warning: 0", check_in(warning_seconds=0)),
        ("warning: 179", check_in(warning_seconds=179)),
        ("Minutes : 4", check_in(minutes=4)),
        ("handover: auto", check_in(handover=False)),
        ("handover: TAP", check_in()),
        ("prompts: off", check_in(prompts=())),
        ("prompts:\n  - One?\n  -  Two <b>? ", check_in(prompts=("One?", "Two <b>?"))),
        ("prompts:\n- Only\n# a comment\nminutes: 5", check_in(prompts=("Only",), minutes=5)),
    ],
)
def test_each_valid_fence_option(text: str, expected: TimerSettings) -> None:
    assert parse_fence_options(text) == expected


def test_overriding_a_named_preset_customises_its_timing_and_keeps_its_roles() -> None:
    settings = parse_fence_options("preset: sensate-focus\nminutes: 20\nrounds: 2")
    assert settings == TimerSettings("sensate-focus", 20, 2, warning_seconds=60)
    assert settings.roles == ("Giver", "Receiver")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("colour: blue", "colour"),
        ("minutes: 3\nminutes: 4", "minutes"),
        ("minutes: 3\nMINUTES: 4", "minutes"),
        ("just words", "line 1"),
        ("minutes: 3\n: 4", "line 2"),
        ("preset: chat", "preset"),
        ("preset:", "preset"),
        ("minutes: 0", "minutes"),
        ("minutes: -1", "minutes"),
        ("minutes: 61", "minutes"),
        ("minutes: abc", "minutes"),
        ("minutes: 3.5", "minutes"),
        ("minutes:", "minutes"),
        ("minutes: 1e1", "minutes"),
        ("minutes: NaN", "minutes"),
        ("minutes: Infinity", "minutes"),
        ("rounds: 0", "rounds"),
        ("rounds: 21", "rounds"),
        ("rounds: forever", "rounds"),
        ("rounds: 2.5", "rounds"),
        ("names: Sam", "names"),
        ("names: Sam, Alex, Kim", "names"),
        ("names: Sam, ", "names"),
        ("names: , Alex", "names"),
        ("names: " + "x" * 41 + ", Alex", "names"),
        ("names: Sam\u202e, Alex", "names"),
        ("starts: 1", "starts"),
        ("starts: third", "starts"),
        ("warning: -5", "warning"),
        ("warning: soon", "warning"),
        ("warning: 180", "warning"),
        ("minutes: 1\nwarning: 60", "warning"),
        ("preset: sensate-focus\nminutes: 1", "warning"),
        ("handover: sometimes", "handover"),
        ("prompts: Why?", "prompts"),
        ("- Why?", "line 1"),
        ("minutes: 3\n- Why?", "line 2"),
        ("prompts: off\n- Why?", "line 2"),
        ("prompts:\n- ", "prompts"),
        ("prompts:\n- " + "x" * 201, "prompts"),
        ("prompts:\n" + "- Why?\n" * 21, "prompts"),
        ("prompts:\n- a\nprompts:\n- b", "prompts"),
    ],
)
def test_each_bad_fence_option_names_the_option(text: str, field: str) -> None:
    with pytest.raises(SettingsError) as caught:
        parse_fence_options(text)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert caught.value.message


def test_fence_messages_never_echo_a_huge_value() -> None:
    with pytest.raises(SettingsError) as caught:
        parse_fence_options("names: " + "<script>" * 2000 + ", Alex")
    assert len(str(caught.value)) < 200


# --- the page's form ---------------------------------------------------------------------

BAD_MINUTES = ["0", "-1", "61", "abc", "", "   ", "NaN", "Infinity", "-Infinity", "3.5", "1e1"]
BAD_MINUTES += ["1_0", "+3", "9" * 5000, None, 3.5, float("nan"), True, [3]]


@pytest.mark.parametrize("raw", BAD_MINUTES)
def test_bad_minutes_keep_the_previous_minutes_and_name_the_field(raw: object) -> None:
    settings, errors = settings_from_form({"minutes": raw, "name_a": "Kim"}, SAM_ALEX)
    assert settings == dataclasses.replace(SAM_ALEX, names=("Kim", "Alex"))
    assert list(errors) == ["minutes"]
    assert errors["minutes"].startswith("Minutes per turn")


@pytest.mark.parametrize("raw", ["0", "21", "-1", "abc", "", "NaN", "2.5", "Infinity", None])
def test_bad_rounds_keep_the_previous_rounds(raw: object) -> None:
    previous = dataclasses.replace(SAM_ALEX, rounds=4)
    settings, errors = settings_from_form({"rounds": raw}, previous)
    assert settings == previous
    assert list(errors) == ["rounds"]
    assert errors["rounds"].startswith("Rounds")


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "x" * 41, "x" * 10_000, "Sam\nAlex", "Sam\tA", "A\x00B", "\u202eSam", 42, None],
)
@pytest.mark.parametrize(("field", "position"), [("name_a", 0), ("name_b", 1)])
def test_bad_names_keep_the_previous_name(raw: object, field: str, position: int) -> None:
    settings, errors = settings_from_form({field: raw, "minutes": "7"}, SAM_ALEX)
    assert settings.names == SAM_ALEX.names
    assert settings.minutes == 7
    assert list(errors) == [field]
    assert errors[field].startswith(("First person's name", "Second person's name"))
    assert len(errors[field]) < 100


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("  Sam  ", "Sam"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ('<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'),
        ("سارا", "سارا"),
        ("דנה כהן", "דנה כהן"),
        ("José-María", "José-María"),
        ("金子 みすゞ", "金子 みすゞ"),
        ("👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"),
        ("Ali\u200cReza", "Ali\u200cReza"),
        ("{speaker}", "{speaker}"),
        ("x" * 40, "x" * 40),
        ("Alex", "Alex"),
    ],
)
def test_names_are_trimmed_and_any_text_is_just_text(raw: str, kept: str) -> None:
    settings, errors = settings_from_form({"name_a": raw}, SAM_ALEX)
    assert errors == {}
    assert settings.names == (kept, "Alex")


@pytest.mark.parametrize("raw", ["2", "first", "", "abc", "-1", "0.5", None])
def test_bad_starts_keeps_who_starts(raw: object) -> None:
    settings, errors = settings_from_form({"starts": raw}, SAM_ALEX)
    assert settings == SAM_ALEX
    assert list(errors) == ["starts"]


@pytest.mark.parametrize("raw", ["-5", "abc", "", "NaN", "Infinity", "2.5", "180", "181", None])
def test_bad_warning_keeps_the_previous_warning(raw: object) -> None:
    settings, errors = settings_from_form({"warning": raw}, SAM_ALEX)
    assert settings == SAM_ALEX
    assert list(errors) == ["warning"]
    assert errors["warning"].startswith("Warning")


@pytest.mark.parametrize("raw", ["chat", "", None, "CUSTOM!"])
def test_bad_preset_keeps_the_preset_and_still_applies_the_rest(raw: object) -> None:
    fields = {"preset": raw, "minutes": "5", "rounds": "3", "starts": "1", "warning": "0"}
    settings, errors = settings_from_form(fields, SAM_ALEX)
    assert settings == TimerSettings("check-in", 5, 3, ("Sam", "Alex"), 1, 0)
    assert list(errors) == ["preset"]


def test_every_valid_field_applies_at_once() -> None:
    fields = {
        "preset": "custom",
        "minutes": " 12 ",
        "rounds": "open",
        "name_a": "Noor",
        "name_b": "Jo",
        "starts": "1",
        "warning": "off",
        "unrelated": "ignored",
    }
    settings, errors = settings_from_form(fields, SAM_ALEX)
    assert errors == {}
    assert settings == TimerSettings("custom", 12, None, ("Noor", "Jo"), 1, 0)


def test_an_empty_form_changes_nothing() -> None:
    assert settings_from_form({}, SAM_ALEX) == (SAM_ALEX, {})


def test_choosing_sensate_focus_gives_fifteen_minutes_and_two_turns() -> None:
    # The form still shows the check-in's numbers when the select changes.
    fields = {"preset": "sensate-focus", "minutes": "3", "rounds": "open", "warning": "30"}
    settings, errors = settings_from_form({**fields, "name_a": "Sam"}, SAM_ALEX)
    assert errors == {}
    assert settings == TimerSettings("sensate-focus", 15, 1, ("Sam", "Alex"), 0, 60)


def test_choosing_a_named_preset_ignores_stale_or_broken_numbers() -> None:
    previous = TimerSettings.from_preset("sensate-focus", names=("Sam", "Alex"))
    fields = {"preset": "check-in", "minutes": "abc", "rounds": "99", "warning": "nope"}
    assert settings_from_form(fields, previous) == (SAM_ALEX, {})


def test_choosing_custom_keeps_the_numbers_in_the_form() -> None:
    fields = {"preset": "custom", "minutes": "3", "rounds": "open", "warning": "30"}
    settings, errors = settings_from_form(fields, SAM_ALEX)
    assert errors == {}
    assert settings == dataclasses.replace(SAM_ALEX, preset="custom")


def test_editing_minutes_on_a_named_preset_customises_it() -> None:
    previous = TimerSettings.from_preset("sensate-focus")
    settings, errors = settings_from_form({"preset": "sensate-focus", "minutes": "20"}, previous)
    assert errors == {}
    assert (settings.preset, settings.minutes, settings.roles[0]) == ("sensate-focus", 20, "Giver")


def test_a_new_warning_too_long_for_the_turn_is_blamed_on_the_warning() -> None:
    fields = {"minutes": "1", "warning": "90"}
    settings, errors = settings_from_form(fields, SAM_ALEX)
    assert (settings.minutes, settings.warning_seconds) == (1, 30)
    assert list(errors) == ["warning"]


def test_a_turn_shorter_than_the_kept_warning_is_blamed_on_the_minutes() -> None:
    previous = TimerSettings.from_preset("sensate-focus")  # 60 s warning
    settings, errors = settings_from_form({"minutes": "1", "warning": "60"}, previous)
    assert (settings.minutes, settings.warning_seconds) == (15, 60)
    assert list(errors) == ["minutes"]
    assert "warning" in errors["minutes"]


def test_shortening_the_turn_and_the_warning_together_works() -> None:
    previous = TimerSettings.from_preset("sensate-focus")
    settings, errors = settings_from_form({"minutes": "1", "warning": "20"}, previous)
    assert errors == {}
    assert (settings.minutes, settings.warning_seconds) == (1, 20)


def test_numbers_may_come_as_ints_or_in_any_script() -> None:
    settings, errors = settings_from_form({"minutes": 7, "rounds": "٣", "starts": 1}, SAM_ALEX)
    assert errors == {}
    assert (settings.minutes, settings.rounds, settings.starts) == (7, 3, 1)


@given(
    st.dictionaries(
        st.sampled_from(["preset", "minutes", "rounds", "name_a", "name_b", "starts", "warning"]),
        st.text(max_size=50),
    )
)
def test_any_form_input_gives_valid_settings_and_messages_only_for_sent_fields(
    fields: dict[str, str],
) -> None:
    settings, errors = settings_from_form(fields, SAM_ALEX)
    assert isinstance(settings, TimerSettings)
    assert set(errors) <= set(fields)
    assert all(isinstance(message, str) and message for message in errors.values())


def test_the_form_is_refilled_with_plain_text() -> None:
    assert settings_to_form(TimerSettings.from_preset("sensate-focus", starts=1)) == {
        "preset": "sensate-focus",
        "minutes": "15",
        "rounds": "1",
        "name_a": "Partner A",
        "name_b": "Partner B",
        "starts": "1",
        "warning": "60",
        "handover": "tap",
    }
    assert settings_to_form(SAM_ALEX)["rounds"] == "open"
    assert settings_to_form(TimerSettings(handover=False))["handover"] == "auto"


@given(timer_settings(), timer_settings())
def test_sending_the_refilled_form_back_changes_nothing(
    settings: TimerSettings, other: TimerSettings
) -> None:
    assert settings_from_form(settings_to_form(settings), settings) == (settings, {})
    # Whatever came before, the refilled form of a custom setting reproduces it.
    # (Prompts are the page's, not the form's: they stay whatever they were.)
    custom = dataclasses.replace(settings, preset="custom", prompts=other.prompts)
    assert settings_from_form(settings_to_form(custom), other) == (custom, {})


# --- the dict form -----------------------------------------------------------------------


@given(timer_settings())
def test_settings_survive_a_trip_through_a_dict(settings: TimerSettings) -> None:
    data = settings_to_dict(settings)
    assert isinstance(data["names"], list)
    assert settings_from_dict(data) == settings


def test_settings_dict_is_plain_and_extra_keys_are_ignored() -> None:
    data = settings_to_dict(SAM_ALEX)
    assert data == {
        "preset": "check-in",
        "minutes": 3,
        "rounds": None,
        "names": ["Sam", "Alex"],
        "starts": 0,
        "warning_seconds": 30,
        "handover": True,
        "prompts": [],
    }
    assert settings_from_dict({**data, "theme": "dark"}) == SAM_ALEX


def test_a_settings_dict_from_before_hand_overs_and_prompts_still_reads() -> None:
    old = {"preset": "check-in", "minutes": 4, "rounds": None, "names": ["Sam", "Alex"]}
    old |= {"starts": 1, "warning_seconds": 30}
    assert settings_from_dict(old) == check_in(minutes=4, names=("Sam", "Alex"), starts=1)


@pytest.mark.parametrize(
    ("data", "field"),
    [(None, "settings"), ([], "settings"), ("check-in", "settings"), ({}, "preset")],
)
def test_a_settings_dict_that_is_not_one_raises(data: object, field: str) -> None:
    with pytest.raises(SettingsError) as caught:
        settings_from_dict(data)
    assert caught.value.field == field


@pytest.mark.parametrize("missing", list(settings_to_dict(SAM_ALEX))[:6])
def test_a_settings_dict_missing_a_key_raises_naming_it(missing: str) -> None:
    data = settings_to_dict(SAM_ALEX)
    del data[missing]
    with pytest.raises(SettingsError) as caught:
        settings_from_dict(data)
    assert caught.value.field == missing


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"preset": "nope"}, "preset"),
        ({"preset": None}, "preset"),
        ({"minutes": "3"}, "minutes"),
        ({"minutes": 3.0}, "minutes"),
        ({"minutes": 99}, "minutes"),
        ({"rounds": "open"}, "rounds"),
        ({"rounds": 0}, "rounds"),
        ({"names": "Sam, Alex"}, "names"),
        ({"names": ["Sam"]}, "names"),
        ({"names": ["Sam", None]}, "names"),
        ({"names": ["Sam", "x" * 41]}, "names"),
        ({"names": {"a": "Sam", "b": "Alex"}}, "names"),
        ({"starts": "1"}, "starts"),
        ({"starts": False}, "starts"),
        ({"warning_seconds": 3600}, "warning"),
        ({"warning_seconds": None}, "warning"),
        ({"handover": "tap"}, "handover"),
        ({"handover": 1}, "handover"),
        ({"prompts": "Why?"}, "prompts"),
        ({"prompts": ["ok", ""]}, "prompts"),
        ({"prompts": ["line\nbreak"]}, "prompts"),
        ({"prompts": ["x" * 201]}, "prompts"),
        ({"prompts": ["Why?"] * 21}, "prompts"),
    ],
)
def test_a_settings_dict_with_a_bad_value_raises_naming_the_field(change: dict, field: str) -> None:
    with pytest.raises(SettingsError) as caught:
        settings_from_dict({**settings_to_dict(SAM_ALEX), **change})
    assert caught.value.field == field


def test_prompts_from_the_page_replace_the_presets_and_bad_ones_keep_the_old() -> None:
    topics = ["What would living together look like for each of us?", "How do we handle money?"]
    settings, errors = settings_from_form({"prompts": topics}, SAM_ALEX)
    assert errors == {} and settings.prompts == tuple(topics)
    for bad in ("not a list", ["x"] * 21, [" padded "], ["<b>fine as text</b>", 7]):
        kept, errors = settings_from_form({"prompts": bad, "name_a": "Kim"}, settings)
        assert set(errors) == {"prompts"} and kept.prompts == tuple(topics)
        assert kept.names[0] == "Kim"  # the other fields still apply
