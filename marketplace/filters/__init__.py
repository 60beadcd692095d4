"""Query-string parameters of the core's own lists (an association's projects)."""
