"""The Qt-free core: domain vocabulary, clinic calendars and the series engine."""
