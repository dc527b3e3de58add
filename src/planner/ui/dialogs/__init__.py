"""Dialogs of the front-desk window."""
