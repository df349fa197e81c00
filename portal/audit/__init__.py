"""The audit log: ``record`` writes entries, ``browse`` reads them for the admins' page."""
