"""Database: SQLite in WAL mode by default, PostgreSQL when DATABASE_URL says so."""

from pathlib import Path

from .env import env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")

_default = parse_database_url(DATABASE_URL)
if _default["ENGINE"].endswith("sqlite3"):
    # WAL lets readers go on while one writer writes; IMMEDIATE transactions
    # take the write lock up front instead of failing with "database is locked"
    # half-way through, and busy_timeout waits for it.
    _default["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DATABASES = {"default": _default}
