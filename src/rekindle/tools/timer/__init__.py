"""The timer tool: pure model, engine ops, Markdown fence (see rekindle.tools)."""
