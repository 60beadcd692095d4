"""Backups: one archive holding a consistent copy of the database and of the media files, and its restore.

The archive (`.tar.gz`) holds `database.sqlite3` (SQLite's online backup API) or `database.pgdump`
(pg_dump's custom format), the public media under `media/`, the private files (supporting documents,
attachments of projects, quotes and messages) under `private/`, and `manifest.json`, which gives the
SHA-256 of every one of them. The database is copied first, in one snapshot, then the files: a row in the
snapshot was committed after its file was written, so every file the copy refers to is in the archive.

A restore checks every checksum before it writes anything, and only writes into an empty database and empty
media directories unless told to replace them (`force`).
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, called with argument lists
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connections
from django.utils.translation import gettext as _

from . import conf

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
CHUNK = 1024 * 1024

# Exit codes of the commands, documented in the README.
EXIT_ERROR = 1
EXIT_NOT_EMPTY = 3
EXIT_DAMAGED = 4


class BackupError(Exception):
    """A backup or restore that cannot go on; `message` is the sentence shown, `exit_code` the command's status."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass(frozen=True)
class Place:
    """Where the data lives: the database (a Django connection) and the media directories, by archive folder."""

    alias: str
    media: dict[str, Path]

    @property
    def connection(self):
        return connections[self.alias]

    @property
    def engine(self) -> str:
        return self.connection.vendor  # "sqlite" or "postgresql"


def configured_place() -> Place:
    """The database and media directories the settings point at (DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT)."""
    return Place(
        alias="default",
        media={"media": Path(conf.media_root()), "private": Path(conf.private_media_root())},
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


# The database, engine by engine


def _postgres_environment(connection) -> dict[str, str]:
    """libpq's variables for pg_dump and pg_restore: the password never appears on a command line."""
    params = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": params["NAME"], "PGUSER": params["USER"] or ""}
    if params["HOST"]:
        environment["PGHOST"] = params["HOST"]
    if params["PORT"]:
        environment["PGPORT"] = str(params["PORT"])
    if params["PASSWORD"]:
        environment["PGPASSWORD"] = params["PASSWORD"]
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = sslmode
    return environment


def _run(command: list[str], connection) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(_("%(tool)s est introuvable : installez les outils clients de PostgreSQL.") % {"tool": tool})
    result = subprocess.run(command, env=_postgres_environment(connection), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s a échoué : %(error)s") % {"tool": tool, "error": result.stderr.strip() or result.returncode}
        )


def _dump_database(place: Place, folder: Path) -> Path:
    """One consistent snapshot of the whole database, taken while the site keeps running."""
    connection = place.connection
    if place.engine == "sqlite":
        target = folder / SQLITE_FILE
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            # The copy is one self-contained file, whatever journal the live database uses.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
            source.close()
        return target
    if place.engine == "postgresql":
        target = folder / POSTGRES_FILE
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], connection)
        return target
    raise BackupError(
        _("Ce moteur de base de données n'est pas pris en charge : %(engine)s.") % {"engine": place.engine}
    )


def _database_is_empty(place: Place) -> bool:
    connection = place.connection
    if place.engine == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return True
    try:
        with connection.cursor() as cursor:
            return not connection.introspection.table_names(cursor)
    except DatabaseError as error:
        raise BackupError(
            _("La base de données cible est injoignable (%(error)s). Créez-la vide, puis relancez la restauration.")
            % {"error": str(error).strip()}
        ) from error
    finally:
        connection.close()


def _empty_postgres_database(place: Place) -> None:
    with place.connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    place.connection.close()


def _load_database(place: Place, dump: Path) -> None:
    connection = place.connection
    connection.close()
    if place.engine == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        name.parent.mkdir(parents=True, exist_ok=True)
        staging = name.with_name(f".{name.name}.restoring")
        staging.unlink(missing_ok=True)
        source, copy = sqlite3.connect(dump), sqlite3.connect(staging)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        # The journal files of the replaced database belong to it: left behind, SQLite would replay them.
        for suffix in ("-wal", "-shm"):
            name.with_name(name.name + suffix).unlink(missing_ok=True)
        os.replace(staging, name)
        return
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",  # without it, pg_restore only prints the SQL
            str(dump),
        ],
        connection,
    )


# Archives


def backup_create(*, output: Path, place: Place | None = None) -> dict:
    """Write one archive of the database and the media files; return its manifest.

    The archive is written next to `output` under a temporary name and renamed when complete, so a backup
    cut half-way never looks like a good one.
    """
    place = place or configured_place()
    output = Path(output)
    if output.exists():
        raise BackupError(_("%(path)s existe déjà : choisissez un autre nom de fichier.") % {"path": output})
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        dump = _dump_database(place, Path(work))
        manifest = {
            "format": ARCHIVE_FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": place.engine,
            "database": dump.name,
            "files": {dump.name: _sha256(dump)},
        }
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            for folder, root in place.media.items():
                for path in _files_under(root):
                    name = f"{folder}/{path.relative_to(root).as_posix()}"
                    manifest["files"][name] = _sha256(path)
                    archive.add(path, arcname=name)
            manifest_file = Path(work) / MANIFEST
            manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
            archive.add(manifest_file, arcname=MANIFEST)
        os.replace(partial, output)
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        if not member.isfile() or member.name.startswith("/") or ".." in Path(member.name).parts:
            raise BackupError(
                _("L'archive contient une entrée inattendue (%(name)s) : elle n'est pas une sauvegarde de Passerelle.")
                % {"name": member.name},
                EXIT_DAMAGED,
            )
    return members


def _unpack_and_check(archive_path: Path, folder: Path) -> dict:
    """Extract the archive into `folder` and check every file against the manifest, before anything is written."""
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            _safe_members(archive)
            archive.extractall(folder, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(
            _("Impossible de lire l'archive %(path)s : %(error)s") % {"path": archive_path, "error": error},
            EXIT_DAMAGED,
        ) from error
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(
            _("L'archive n'a pas de manifeste lisible : ce n'est pas une sauvegarde."), EXIT_DAMAGED
        ) from error
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(
            _("Format de sauvegarde inconnu : %(format)s.") % {"format": manifest.get("format")}, EXIT_DAMAGED
        )
    expected = manifest["files"]
    found = {path.relative_to(folder).as_posix() for path in _files_under(folder)} - {MANIFEST}
    missing, extra = set(expected) - found, found - set(expected)
    damaged = sorted(name for name in set(expected) & found if _sha256(folder / name) != expected[name])
    if missing or extra or damaged:
        names = ", ".join(sorted(missing | extra) + damaged)
        raise BackupError(
            _("L'archive est abîmée : ces fichiers manquent ou ne correspondent pas au manifeste : %(names)s.")
            % {"names": names},
            EXIT_DAMAGED,
        )
    return manifest


def backup_restore(*, archive: Path, place: Place | None = None, force: bool = False) -> dict:
    """Restore an archive into the configured database and media directories; return its manifest.

    Refuses, without writing anything, a damaged archive, one from another engine, and a database or media
    directory that already holds data, unless `force` says to replace it.
    """
    place = place or configured_place()
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("Archive introuvable : %(path)s.") % {"path": archive})
    staging_parent = next(iter(place.media.values())).parent
    staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".restore-") as work:
        unpacked = Path(work)
        manifest = _unpack_and_check(archive, unpacked)
        if manifest["engine"] != place.engine:
            raise BackupError(
                _("Cette sauvegarde vient d'une base %(archive)s ; la base cible est %(target)s.")
                % {"archive": manifest["engine"], "target": place.engine}
            )
        _refuse_to_overwrite(place, force)

        if place.engine == "postgresql" and not _database_is_empty(place):
            _empty_postgres_database(place)
        _load_database(place, unpacked / manifest["database"])
        for folder, root in place.media.items():
            if root.exists():
                shutil.rmtree(root)
            restored = unpacked / folder
            if restored.is_dir():
                shutil.move(restored, root)
            else:
                root.mkdir(parents=True)
    return manifest


def _refuse_to_overwrite(place: Place, force: bool) -> None:
    if force:
        return
    if not _database_is_empty(place):
        raise BackupError(
            _(
                "La base de données cible contient déjà des données : restaurez dans une base vide, "
                "ou ajoutez --force pour la remplacer."
            ),
            EXIT_NOT_EMPTY,
        )
    for root in place.media.values():
        if any(_files_under(root)):
            raise BackupError(
                _(
                    "Le dossier %(path)s contient déjà des fichiers : restaurez dans un dossier vide, "
                    "ou ajoutez --force pour le remplacer."
                )
                % {"path": root},
                EXIT_NOT_EMPTY,
            )
