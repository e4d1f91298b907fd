"""Rekindle: a private self-help guide whose small tools run in the reader's browser."""

__version__ = "0.1.0"
