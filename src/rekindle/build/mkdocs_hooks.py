"""MkDocs hooks (stub)."""
