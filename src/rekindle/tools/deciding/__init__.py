"""The deciding-together worksheet: pure model, engine ops (fence to come); see rekindle.tools."""
