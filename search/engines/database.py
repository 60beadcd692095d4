"""The embedded engine: SQL on the project's own database, no separate server."""

from django.db import connection

from .base import SearchEngine


class DatabaseEngine(SearchEngine):
    name = "database"

    def health(self) -> dict:
        # It lives in the main database: healthy exactly when that one is.
        connection.ensure_connection()
        return {"engine": self.name}
