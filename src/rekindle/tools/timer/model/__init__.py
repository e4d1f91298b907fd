"""The turn-taking timer's pure model: stdlib only, no clock, no I/O; time is an argument."""
