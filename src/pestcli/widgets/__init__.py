"""Reusable widgets used by several screens."""
