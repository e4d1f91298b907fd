"""The no-contact pause and private journal: pure model, engine ops (see rekindle.tools)."""
