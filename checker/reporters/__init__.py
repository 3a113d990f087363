"""Reporters only format: they never compute or judge."""
