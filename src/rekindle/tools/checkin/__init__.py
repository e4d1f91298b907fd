"""The check-in planner: pure model, engine ops, Markdown fence (see rekindle.tools)."""
