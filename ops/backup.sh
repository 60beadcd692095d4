#!/usr/bin/env bash
# One archive of the database (a consistent snapshot: SQLite's online backup API, or pg_dump) and of the media
# files (MEDIA_ROOT and PRIVATE_MEDIA_ROOT), with a manifest of SHA-256 checksums. The site may keep running.
#   ops/backup.sh                       writes var/backups/passerelle-<date>.tar.gz
#   ops/backup.sh --output FILE.tar.gz  writes FILE.tar.gz (never overwrites one)
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT like the site. PostgreSQL needs pg_dump on the PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
exec "$PY" "$ROOT/manage.py" backup "$@"
