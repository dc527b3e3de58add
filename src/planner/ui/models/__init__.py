"""Item models, one per view, with their custom roles as named constants."""
