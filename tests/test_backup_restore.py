"""A backup restored into a new database and new directories gives back every invoice, message and file.

`ops/backup.sh` and `ops/restore.sh` run as an operator runs them, in their own process, pointed at the
database and directories by DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT. The test runs on the configured
engine: SQLite by default, PostgreSQL when DATABASE_URL points at it (pg_dump and pg_restore).
"""

import hashlib
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.utils import ConnectionHandler

from billing.services.orders import order_create, order_mark_paid
from marketplace.models.organisations import Role
from messaging.models import MessageAttachment
from messaging.services import conversation_open, message_post

from .billing.factories import ProductFactory
from .profile_factories import AssociationProfileFactory
from .project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# What must come back identical: the invoices and their lines, the orders, the messages and their files.
TABLES = ["billing_invoice", "billing_invoiceline", "billing_order", "messaging_message", "messaging_messageattachment"]


def _url(settings_dict: dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    return (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@{settings_dict['HOST'] or '127.0.0.1'}"
        f":{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )


def _run(script: str, *args: str, database_url: str, media: Path, private: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media), PRIVATE_MEDIA_ROOT=str(private), DEBUG="0")
    return subprocess.run(  # noqa: S603
        [str(ROOT / "ops" / script), *args], env=environment, capture_output=True, text=True, timeout=600
    )


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _tables(db_connection) -> dict[str, str]:
    """The SHA-256 of every row of each table, in primary-key order."""
    digests = {}
    with db_connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608 - names from the list above
            digests[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


@pytest.fixture
def business():
    """Paid orders with their invoices, and a conversation with messages and attached files."""
    association = VerifiedAssociationFactory(name="Les Amis du Quartier")
    AssociationProfileFactory(organisation=association, siret="12345678900011")
    member = member_of(association, Role.OWNER)
    provider = quoting_provider()
    product = ProductFactory(code="m365", name="Microsoft 365 Business Premium")
    for reference in ("VIR-1", "VIR-2", "VIR-3"):
        order = order_create(
            user=member.user, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
        )
        order_mark_paid(order_id=order.pk, source="transfer", reference=reference)
    conversation = conversation_open(
        association=association, provider=provider.organisation, project=ProjectFactory(organisation=association)
    )
    for n in range(3):
        upload = SimpleUploadedFile(f"devis-{n}.pdf", PDF + f"% {n}\n".encode())
        message_post(user=provider.user, conversation_id=conversation.pk, body=f"Devis {n}", attachments=[upload])
        message_post(user=member.user, conversation_id=conversation.pk, body=f"Merci {n}")
    return association


@pytest.fixture
def new_database(tmp_path):
    """An empty database of the configured engine, dropped afterwards: its settings dict."""
    restored = {**connection.settings_dict, "TEST": {}}
    if connection.vendor == "sqlite":
        restored["NAME"] = str(tmp_path / "restored.sqlite3")
        yield restored
        return
    restored["NAME"] = f"passerelle_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored["NAME"]}"')
    yield restored
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{restored["NAME"]}" WITH (FORCE)')


def test_a_backup_restored_into_a_new_database_gives_back_every_invoice_message_and_file(
    business, new_database, tmp_path
):
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    assert MessageAttachment.objects.count() == 3
    archive = tmp_path / "passerelle.tar.gz"

    backup = _run(
        "backup.sh", "--output", str(archive), database_url=_url(connection.settings_dict), media=media, private=private
    )
    assert backup.returncode == 0, backup.stderr

    new_media, new_private = tmp_path / "new-media", tmp_path / "new-private"
    restore = _run("restore.sh", str(archive), database_url=_url(new_database), media=new_media, private=new_private)
    assert restore.returncode == 0, restore.stderr

    restored = ConnectionHandler({"default": new_database})["default"]
    try:
        assert _tables(restored) == _tables(connection)
        with restored.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM billing_invoice")
            assert cursor.fetchone()[0] == 3
    finally:
        restored.close()
    assert _tree(new_private) == _tree(private)
    assert _tree(new_media) == _tree(media)
    for attachment in MessageAttachment.objects.all():
        with attachment.file.open("rb") as original:
            assert (new_private / attachment.file.name).read_bytes() == original.read()


def test_restoring_over_data_is_refused_without_force(business, tmp_path):
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    archive = tmp_path / "passerelle.tar.gz"
    url = _url(connection.settings_dict)
    assert _run("backup.sh", "--output", str(archive), database_url=url, media=media, private=private).returncode == 0

    refused = _run("restore.sh", str(archive), database_url=url, media=tmp_path / "m", private=tmp_path / "p")

    assert refused.returncode == 3
    assert "La base de données cible contient déjà des données" in refused.stderr
    assert "--force" in refused.stderr
    assert not (tmp_path / "p").exists()  # nothing written


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path):
    import tarfile

    (tmp_path / "database.sqlite3").write_bytes(b"not what the manifest says")
    (tmp_path / "manifest.json").write_text(
        '{"format": 1, "engine": "sqlite", "database": "database.sqlite3",'
        ' "files": {"database.sqlite3": "' + "0" * 64 + '"}}'
    )
    archive = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / "database.sqlite3", arcname="database.sqlite3")
        tar.add(tmp_path / "manifest.json", arcname="manifest.json")

    target = tmp_path / "target.sqlite3"
    refused = _run(
        "restore.sh", str(archive), database_url=f"sqlite:///{target}", media=tmp_path / "m", private=tmp_path / "p"
    )

    assert refused.returncode == 4
    assert "L'archive est abîmée" in refused.stderr and "database.sqlite3" in refused.stderr
    assert not target.exists()
