"""A person deletes their account: personal data goes at once, what the law keeps stays, owners hand over first."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.utils import timezone

from billing.models import Invoice, Order
from marketplace.models import (
    AuditEntry,
    Membership,
    Notification,
    OrganisationInvitation,
    User,
    VerificationDocument,
    VerificationRequest,
)
from marketplace.models.organisations import Role
from marketplace.models.verification import DocumentKind, RequestState, private_storage
from marketplace.services.tokens import api_token_create
from messaging.models import Message
from messaging.services import conversation_open, message_payload, message_post

from ..factories import PASSWORD
from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider
from ..second_factor import give_authenticator, verified_login

DELETE_URL = "/compte/supprimer/"


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


@pytest.fixture
def association(db):
    return VerifiedAssociationFactory(name="Les Amis du Quartier")


@pytest.fixture
def alice(association):
    """A plain member, who may leave at any time."""
    return member_of(association, Role.MEMBER, user__email="alice@amis.test").user


@pytest.fixture
def boss(association):
    return member_of(association, Role.OWNER, user__email="chef@amis.test").user


def _document(request, kind, name):
    return VerificationDocument.objects.create(
        request=request,
        kind=kind,
        file=ContentFile(b"%PDF-1.4 test", name=name),
        original_name=name,
        content_type="application/pdf",
        size=13,
    )


def _invoice(order):
    return Invoice.objects.create(
        order=order,
        number="F-2026-000001",
        year=2026,
        sequence=1,
        issued_at=timezone.now(),
        sale_date=date(2026, 3, 1),
        seller={"name": "Passerelle"},
        buyer={"name": order.organisation.name, "address": "1 rue de la Paix, 69001 Lyon"},
        total_ht_cents=1000,
        total_vat_cents=200,
        total_ttc_cents=1200,
        vat_breakdown=[],
        payment_method="card",
        payment_terms="Payée par carte",
        operation_category="Prestation de services",
    )


def test_a_wrong_password_deletes_nothing(client, alice):
    client.force_login(alice)
    response = client.post(DELETE_URL, {"password": "pas le bon"})
    assert response.status_code == 400
    assert "Ce mot de passe ne correspond pas." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_last_owner_must_hand_over_first(client, association, boss):
    client.force_login(boss)
    page = client.get(DELETE_URL).content.decode()
    assert "Les Amis du Quartier" in page  # warned before typing anything
    response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 400
    assert "Vous êtes le seul propriétaire de « Les Amis du Quartier »" in response.content.decode()
    assert User.objects.filter(pk=boss.pk).exists()

    member_of(association, Role.OWNER, user__email="relais@amis.test")
    response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=boss.pk).exists()


def test_deleting_erases_the_person_and_keeps_what_the_organisation_and_the_law_need(
    client, association, alice, boss, django_capture_on_commit_callbacks
):
    provider = quoting_provider(name="Atelier Numérique")
    project = ProjectFactory(organisation=association, published=True, created_by=alice)
    conversation = conversation_open(association=association, provider=provider.organisation, project=project)
    message, _created = message_post(user=alice, conversation_id=conversation.pk, body="Voici nos besoins.")
    Notification.objects.create(user=alice, kind="test", title="Bonjour")
    give_authenticator(alice)
    _token, raw = api_token_create(user=alice, name="Tableur")
    request = VerificationRequest.objects.create(
        organisation=association, submitted_by=alice, state=RequestState.VERIFIED, reviewed_at=timezone.now()
    )
    identity = _document(request, DocumentKind.OWNER_IDENTITY, "carte-identite.pdf")
    statutes = _document(request, DocumentKind.STATUTES, "statuts.pdf")
    order = Order.objects.create(organisation=association, payment_method="card", created_by=alice, state="paid")
    invoice = _invoice(order)
    AuditEntry.objects.create(
        actor=boss, organisation=association, action="membership.role_changed", data={"user": "alice@amis.test"}
    )
    OrganisationInvitation.objects.create(
        organisation=association, email="alice@amis.test", token_hash="x" * 64, expires_at=timezone.now()
    )

    other_device = Client()
    verified_login(other_device, alice)
    assert other_device.get("/compte/profil/").status_code == 200

    verified_login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"

    # The person is gone, with their sessions, tokens, second factor, memberships and notifications.
    assert not User.objects.filter(email="alice@amis.test").exists()
    assert not Membership.objects.filter(user_id=alice.pk).exists()
    assert not Notification.objects.filter(user_id=alice.pk).exists()
    assert client.get("/compte/profil/").status_code == 302
    assert other_device.get("/compte/profil/").status_code == 302
    api = Client().get("/api/v1/me", headers={"authorization": f"Bearer {raw}"})
    assert api.status_code == 401
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not TOTPDevice.objects.filter(user_id=alice.pk).exists()

    # Their identity document is deleted; the organisation's own documents stay.
    assert not VerificationDocument.objects.filter(pk=identity.pk).exists()
    assert not private_storage.exists(identity.file.name)
    assert VerificationDocument.objects.filter(pk=statutes.pk).exists()

    # Messages stay in the conversation, signed « Compte supprimé »; the project stays the association's.
    message.refresh_from_db()
    assert message.body == "Voici nos besoins." and message.sender_user_id is None
    assert message_payload(Message.objects.select_related("sender_org").get(pk=message.pk))["sender_name"] == (
        "Compte supprimé (Les Amis du Quartier)"
    )
    project.refresh_from_db()
    assert project.created_by_id is None

    # The order and its invoice are kept (ten years), naming the organisation and no longer the person.
    order.refresh_from_db()
    assert order.created_by_id is None
    assert Invoice.objects.get(pk=invoice.pk).buyer["name"] == "Les Amis du Quartier"

    # Nothing else keeps the address.
    assert not AuditEntry.objects.filter(data__user="alice@amis.test").exists()
    assert not OrganisationInvitation.objects.filter(email="alice@amis.test").exists()


def test_the_account_pages_offer_the_export_and_the_deletion(client, alice):
    client.force_login(alice)
    assert "/compte/donnees/" in client.get("/compte/profil/").content.decode()
    page = client.get("/compte/donnees/").content.decode()
    assert "/compte/supprimer/" in page and "Préparer mon archive" in page
