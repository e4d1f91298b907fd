"""Pure code every tool may use: standard library only, no clock, no I/O, nothing of the web."""
