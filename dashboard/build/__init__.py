"""Data building: the shipped tables and geometry from the raw sources (imports only dashboard.data and settings)."""
