"""Panels and small widgets the main window composes."""
