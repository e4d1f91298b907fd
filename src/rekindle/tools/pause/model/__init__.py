"""The pause and journal's pure model: stdlib and rekindle.shared only, no clock, no I/O.

Every date here is the reader's local calendar date, given by the page as "YYYY-MM-DD".
Days are counted between dates, never from timestamps, so a change of time zone or of
daylight saving time cannot move the count; a clock set back shows a pause that "begins in
N days", never a negative day.
"""
