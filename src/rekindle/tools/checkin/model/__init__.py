"""The check-in planner's pure model: stdlib only, no clock, no I/O, no time-zone database.

- `fields`: one page field at a time, with plain messages.
- `plan`: the `Plan` value, `parse_plan` (every field problem at once) and its dates.
- `zone`: the reader's time zone as the page describes it (name, offsets, transitions).
- `ics`: the RFC 5545 calendar file.
- `words`: dates, the plan's summary and notes in words; the dates as copyable text.
"""
