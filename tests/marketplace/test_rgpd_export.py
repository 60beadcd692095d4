"""A person downloads everything the platform holds about them, as one ZIP, and nobody else's data."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from marketplace.models import PersonalDataExport
from marketplace.models.organisations import Role
from marketplace.models.personal_data import ExportState
from marketplace.models.verification import private_storage
from marketplace.personal_data import contributors
from messaging.services import conversation_open, message_post

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


@pytest.fixture
def world(db):
    """Alice (a member of an association) talks with a provider, which also talks with another association."""
    association = VerifiedAssociationFactory(name="Les Amis du Quartier")
    alice = member_of(association, Role.MEMBER, user__email="alice@amis.test").user
    colleague = member_of(association, Role.OWNER, user__email="chef@amis.test").user
    provider = quoting_provider(name="Atelier Numérique", email="paul@atelier.test")
    project = ProjectFactory(organisation=association, published=True, created_by=alice, title="Site des Amis")
    conversation = conversation_open(association=association, provider=provider.organisation, project=project)
    message_post(
        user=alice,
        conversation_id=conversation.pk,
        body="Bonjour, voici notre cahier des charges.",
        attachments=[SimpleUploadedFile("cahier des charges.pdf", PDF)],
    )
    message_post(user=provider.user, conversation_id=conversation.pk, body="Réponse privée du prestataire")
    message_post(user=colleague, conversation_id=conversation.pk, body="Message de la collègue")

    other = VerifiedAssociationFactory(name="Club Sportif Voisin")
    member_of(other, Role.OWNER, user__email="boss@voisin.test")
    other_project = ProjectFactory(organisation=other, published=True, title="Projet confidentiel du club")
    other_conversation = conversation_open(association=other, provider=provider.organisation, project=other_project)
    message_post(user=provider.user, conversation_id=other_conversation.pk, body="Devis pour le club voisin")
    return {"alice": alice, "colleague": colleague, "provider": provider.user}


def _build(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/donnees/archive/")
    assert response.status_code == 302
    return PersonalDataExport.objects.get()


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_every_package_contributes_a_part():
    assert [part.name for part in contributors()][:1] == ["compte"]
    assert {"compte", "messagerie", "achats", "diagnostic", "contenus"} <= {part.name for part in contributors()}


def test_the_archive_holds_the_person_data_and_files_and_nothing_of_others(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["alice"])
    export = _build(client, django_capture_on_commit_callbacks)
    assert export.state == ExportState.READY and export.progress == 100
    assert export.expires_at > timezone.now() + timedelta(hours=47)

    page = client.get("/compte/donnees/")
    download_url = f"/compte/donnees/archive/{export.pk}/telecharger/"
    assert download_url in page.content.decode()

    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = _archive(response)
    names = set(archive.namelist())
    assert {"LISEZMOI.txt", "compte/donnees.json", "messagerie/donnees.json", "achats/donnees.json"} <= names
    account = json.loads(archive.read("compte/donnees.json"))
    assert account["account"]["email"] == "alice@amis.test"
    assert account["memberships"][0]["organisation"] == "Les Amis du Quartier"
    assert account["projects_created"][0]["title"] == "Site des Amis"
    messaging = json.loads(archive.read("messagerie/donnees.json"))
    assert [m["body"] for m in messaging["messages_written"]] == ["Bonjour, voici notre cahier des charges."]
    attachment_path = messaging["files_sent"][0]["path"]
    assert archive.read(attachment_path) == PDF

    everything = " ".join(archive.read(name).decode("utf-8", "replace") for name in names)
    for foreign in (
        "Réponse privée du prestataire",
        "Message de la collègue",
        "Devis pour le club voisin",
        "Projet confidentiel du club",
        "Club Sportif Voisin",
        "boss@voisin.test",
        "paul@atelier.test",
        "chef@amis.test",
    ):
        assert foreign not in everything


def test_only_the_owner_downloads_and_only_before_it_expires(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["alice"])
    export = _build(client, django_capture_on_commit_callbacks)
    url = f"/compte/donnees/archive/{export.pk}/telecharger/"
    status_url = f"/compte/donnees/archive/{export.pk}/etat/"

    client.force_login(world["colleague"])
    assert client.get(url).status_code == 404
    assert client.get(status_url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404

    client.force_login(world["alice"])
    PersonalDataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(url).status_code == 404
    assert client.get(status_url).json()["download_url"] is None


def test_the_page_shows_progress_while_the_archive_is_prepared(client, world):
    client.force_login(world["alice"])
    export = PersonalDataExport.objects.create(user=world["alice"], state=ExportState.RUNNING, progress=40)
    page = client.get("/compte/donnees/").content.decode()
    assert f'data-status-url="/compte/donnees/archive/{export.pk}/etat/"' in page
    assert '<progress id="export-progress" max="100" value="40">' in page
    assert 'http-equiv="refresh"' in page  # without JavaScript, the page reloads itself
    assert "js/data_export.js" in page
    status = client.get(f"/compte/donnees/archive/{export.pk}/etat/").json()
    assert status == {"state": "running", "progress": 40, "in_progress": True, "download_url": None}


def test_asking_twice_while_preparing_starts_one_archive(client, world):
    client.force_login(world["alice"])
    client.post("/compte/donnees/archive/")
    client.post("/compte/donnees/archive/")
    assert PersonalDataExport.objects.filter(user=world["alice"]).count() == 1


def test_a_new_archive_replaces_the_previous_one_and_its_file(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["alice"])
    first = _build(client, django_capture_on_commit_callbacks)
    name = first.file.name
    assert private_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/donnees/archive/")
    assert PersonalDataExport.objects.filter(user=world["alice"]).count() == 1
    assert not private_storage.exists(name)


def test_the_status_and_download_need_a_signed_in_owner(client, world):
    export = PersonalDataExport.objects.create(user=world["alice"])
    response = client.get(f"/compte/donnees/archive/{export.pk}/etat/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert client.post("/compte/donnees/archive/").status_code == 302
    assert PersonalDataExport.objects.count() == 1


def test_a_failed_build_is_said_on_the_page_and_can_be_asked_again(client, world, monkeypatch):
    from marketplace import personal_data
    from marketplace.services.personal_data import personal_data_export_build

    def broken(user):
        raise RuntimeError("disk full")

    monkeypatch.setitem(personal_data._contributors, "broken", personal_data.Contributor("broken", broken))
    export = PersonalDataExport.objects.create(user=world["alice"])
    with pytest.raises(RuntimeError):
        personal_data_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.state == ExportState.FAILED and not export.file

    client.force_login(world["alice"])
    page = client.get("/compte/donnees/").content.decode()
    assert 'role="alert" data-export-failed>' in page  # shown, not hidden
    assert "Préparer une nouvelle archive" in page
