"""planner: treatment-plan scheduling for physiotherapy, acupuncture and dry-needling clinics.

The packages ``planner.core`` (domain, series engine, clinic calendars), ``planner.db``
(storage and migrations) and ``planner.services`` (booking operations) never import Qt.
"""

__version__ = "0.1.0"
