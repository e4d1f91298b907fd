"""The barrier self-assessment's pure model: stdlib only, no I/O."""
