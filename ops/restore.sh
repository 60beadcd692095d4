#!/usr/bin/env bash
# Restores an archive written by ops/backup.sh into the database DATABASE_URL points at (created empty
# beforehand: `createdb` for PostgreSQL, nothing for SQLite) and into MEDIA_ROOT and PRIVATE_MEDIA_ROOT.
#   ops/restore.sh FILE.tar.gz          refuses a database or directory that already holds data (exit code 3)
#   ops/restore.sh FILE.tar.gz --force  replaces what they hold
# Every checksum is checked before anything is written; a damaged archive exits with 4.
# PostgreSQL needs pg_restore on the PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
exec "$PY" "$ROOT/manage.py" restore "$@"
