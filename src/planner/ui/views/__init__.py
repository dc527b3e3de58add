"""Custom-painted views."""
