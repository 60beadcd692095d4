"""Organisations through the pages people use: creation, roles, invitations, switching, timeline."""

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.errors import OrganisationError
from marketplace.middleware import ACTIVE_ORGANISATION_SESSION_KEY
from marketplace.models import AuditEntry, Membership, Organisation, OrganisationInvitation
from marketplace.models.organisations import InvitationState, Role
from marketplace.services.organisations import invitation_create, organisation_create

from ..factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

OWNER_NEEDED = "Une organisation garde au moins un propriétaire : nommez-en un autre d'abord."
MANAGERS_ONLY = "Seuls les propriétaires et administrateurs peuvent faire cela."


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _membership(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def _login(client, user):
    client.force_login(user)
    return client


def _invite(capture, *, by, organisation, email, role=Role.MEMBER):
    """Invite through the service and return the invitation with the link path from the email sent."""
    with capture(execute=True):
        invitation = invitation_create(membership=_membership(by, organisation), email=email, role=role)
    return invitation, _link_path(mail.outbox[-1].body)


def _link_path(body: str) -> str:
    url = re.search(r"https?://\S+/organisations/invitation/\S+/", body).group(0)
    return urlsplit(url).path


# Creation


def test_new_user_creates_an_organisation_and_becomes_its_active_owner(client):
    user = UserFactory()
    _login(client, user)
    assert "Pour commencer, dites-nous pour qui vous agissez." in _text(client.get("/tableau-de-bord/"))

    response = client.post(
        "/organisations/nouvelle/",
        {"kind": "association", "name": "  Les   Jardins partagés ", "postcode": "75011", "city": "Paris"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/tableau-de-bord/"
    organisation = Organisation.objects.get(name="Les Jardins partagés")
    assert (organisation.postcode, organisation.city, organisation.slug) == ("75011", "Paris", "les-jardins-partages")
    assert _membership(user, organisation).role == Role.OWNER
    assert client.session[ACTIVE_ORGANISATION_SESSION_KEY] == organisation.pk
    page = _text(client.get("/tableau-de-bord/"))
    assert "« Les Jardins partagés » est créée." in page
    assert "<h1>Les Jardins partagés</h1>" in page
    assert "Vous êtes Propriétaire." in page
    assert f"{user} a créé l'organisation." in page


def test_a_second_organisation_becomes_the_active_one(owner_client, owner, association):
    owner_client.post("/organisations/nouvelle/", {"kind": "provider", "name": "Atelier Web Solidaire"})

    page = _text(owner_client.get("/tableau-de-bord/"))
    assert "<h1>Atelier Web Solidaire</h1>" in page
    assert "Prestataire numérique" in page
    assert owner.memberships.count() == 2
    assert _membership(owner, association).role == Role.OWNER


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "A", "Le nom doit compter au moins 2 caractères."),
        ("name", "   ", "Champ requis."),
        ("postcode", "7500", "Un code postal français compte 5 chiffres."),
        ("postcode", "ABCDE", "Un code postal français compte 5 chiffres."),
        ("kind", "club", "Sélectionnez un choix valide."),
    ],
)
def test_create_organisation_refuses_bad_input(client, field, value, message):
    _login(client, UserFactory())
    data = {"kind": "association", "name": "Les Amis", "postcode": "69001", "city": "Lyon", field: value}

    response = client.post("/organisations/nouvelle/", data)

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in _text(response)
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


@pytest.mark.parametrize("postcode", ["²²²²²", "１２３４５", "٧٥٠٠١"])
def test_create_organisation_refuses_non_ascii_digits_in_the_postcode(client, postcode):
    _login(client, UserFactory())

    response = client.post(
        "/organisations/nouvelle/", {"kind": "association", "name": "Les Amis", "postcode": postcode}
    )

    assert response.status_code == 400
    assert "Un code postal français compte 5 chiffres." in _text(response)
    assert not Organisation.objects.exists()


def test_service_refuses_an_unknown_kind():
    with pytest.raises(OrganisationError) as refused:
        organisation_create(created_by=UserFactory(), kind="club", name="Les Amis")
    assert refused.value.field == "kind"
    assert refused.value.message == "Choisissez association ou prestataire."
    assert not Organisation.objects.exists()


def test_member_cannot_change_the_organisation_details(client, member, association):
    _login(client, member)

    response = client.post(
        "/organisations/parametres/", {"name": "Nouveau nom", "postcode": "", "city": ""}, follow=True
    )

    # Members do not see the form, so the refusal is shown as a message on the page.
    assert MANAGERS_ONLY in [str(message) for message in response.context["messages"]]
    association.refresh_from_db()
    assert association.name == "Les Amis du Quartier"


def test_admin_changes_the_organisation_details(client, admin, association):
    _login(client, admin)

    response = client.post(
        "/organisations/parametres/", {"name": "Les Amis du Vieux Quartier", "postcode": "69002", "city": "Lyon"}
    )

    assert response.status_code == 302
    association.refresh_from_db()
    assert (association.name, association.postcode) == ("Les Amis du Vieux Quartier", "69002")
    assert "Les informations de l'organisation sont enregistrées." in _text(client.get(response["Location"]))


# Roles


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/organisations/invitations/", {"email": "new@amis.test", "role": "member"}),
        ("/organisations/membres/{admin}/role/", {"role": "member"}),
        ("/organisations/membres/{admin}/retirer/", {}),
    ],
    ids=["invite", "change-role", "remove"],
)
def test_plain_member_cannot_manage_the_team(client, member, admin, association, url, data):
    _login(client, member)

    response = client.post(url.format(admin=_membership(admin, association).pk), data, follow=True)

    assert response.status_code == 200
    assert MANAGERS_ONLY in _text(response)
    assert _membership(admin, association).role == Role.ADMIN
    assert not OrganisationInvitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ADMIN])
def test_admin_invites_members_and_admins(client, admin, association, role, django_capture_on_commit_callbacks):
    _login(client, admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/organisations/invitations/", {"email": "New@Amis.test", "role": role}, follow=True)

    assert "Invitation envoyée à new@amis.test." in _text(response)
    invitation = OrganisationInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.state) == ("new@amis.test", role, InvitationState.PENDING)
    assert mail.outbox[0].to == ["new@amis.test"]


def test_admin_cannot_invite_an_owner(client, admin, django_capture_on_commit_callbacks):
    _login(client, admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/organisations/invitations/", {"email": "new@amis.test", "role": "owner"}, follow=True)

    assert "Seul un propriétaire peut nommer un autre propriétaire." in _text(response)
    assert not OrganisationInvitation.objects.exists()
    assert mail.outbox == []


def test_admin_promotes_a_member_to_admin(client, admin, member, association):
    _login(client, admin)

    response = client.post(f"/organisations/membres/{_membership(member, association).pk}/role/", {"role": "admin"})

    assert response.status_code == 302
    assert "Le rôle est modifié." in _text(client.get(response["Location"]))
    assert _membership(member, association).role == Role.ADMIN


@pytest.mark.parametrize(
    ("target", "url", "data", "message"),
    [
        ("member", "role", {"role": "owner"}, "Seul un propriétaire peut nommer un autre propriétaire."),
        ("owner", "role", {"role": "member"}, "Seul un propriétaire peut changer le rôle d'un propriétaire."),
        ("owner", "retirer", {}, "Seul un propriétaire peut retirer un propriétaire."),
    ],
    ids=["promote-to-owner", "demote-owner", "remove-owner"],
)
def test_admin_cannot_touch_ownership(client, request, admin, owner, member, association, target, url, data, message):
    target_user = request.getfixturevalue(target)
    before = _membership(target_user, association).role
    _login(client, admin)

    response = client.post(
        f"/organisations/membres/{_membership(target_user, association).pk}/{url}/", data, follow=True
    )

    assert message in _text(response)
    assert _membership(target_user, association).role == before


def test_owner_promotes_another_owner_who_can_then_demote_the_first(client, owner, member, association):
    _login(client, owner)
    client.post(f"/organisations/membres/{_membership(member, association).pk}/role/", {"role": "owner"})
    assert _membership(member, association).role == Role.OWNER

    _login(client, member)
    client.post(f"/organisations/membres/{_membership(owner, association).pk}/role/", {"role": "admin"})

    assert _membership(owner, association).role == Role.ADMIN


@pytest.mark.parametrize(
    ("url", "data"),
    [("role", {"role": "admin"}), ("retirer", {})],
    ids=["demote-self", "leave"],
)
def test_last_owner_cannot_demote_themself_or_leave(owner_client, owner, admin, association, url, data):
    response = owner_client.post(
        f"/organisations/membres/{_membership(owner, association).pk}/{url}/", data, follow=True
    )

    assert OWNER_NEEDED in _text(response)
    assert _membership(owner, association).role == Role.OWNER


def test_owner_removes_a_member(owner_client, member, association):
    response = owner_client.post(f"/organisations/membres/{_membership(member, association).pk}/retirer/", follow=True)

    assert "Le membre est retiré de l'organisation." in _text(response)
    assert not Membership.objects.filter(user=member).exists()


def test_member_leaves_the_organisation(client, member, association):
    _login(client, member)

    response = client.post(f"/organisations/membres/{_membership(member, association).pk}/retirer/", follow=True)

    page = _text(response)
    assert "Vous avez quitté l'organisation." in page
    assert "Pour commencer, dites-nous pour qui vous agissez." in page
    assert not Membership.objects.filter(user=member).exists()
    assert ACTIVE_ORGANISATION_SESSION_KEY not in client.session


def test_removed_member_loses_access_at_once(client, owner, member, association):
    _login(client, member)
    assert "<h1>Les Amis du Quartier</h1>" in _text(client.get("/tableau-de-bord/"))

    _membership(member, association).delete()

    page = _text(client.get("/tableau-de-bord/"))
    assert "Les Amis du Quartier" not in page
    assert client.get("/organisations/parametres/").status_code == 302


# Invitations


def test_invited_person_joins_with_the_invited_role(client, owner, association, django_capture_on_commit_callbacks):
    invited = UserFactory(email="nouvelle@amis.test")
    _login(client, owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisations/invitations/", {"email": "nouvelle@amis.test", "role": "admin"})

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["nouvelle@amis.test"]
    assert email.subject == "Invitation à rejoindre « Les Amis du Quartier » sur Passerelle"
    assert "comme Administrateur" in email.body
    link = _link_path(email.body)

    _login(client, invited)
    page = _text(client.get(link))
    assert "Rejoindre « Les Amis du Quartier »" in page
    assert "Cette invitation a été envoyée à nouvelle@amis.test." in page

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == "/tableau-de-bord/"
    assert _membership(invited, association).role == Role.ADMIN
    invitation = OrganisationInvitation.objects.get()
    assert (invitation.state, invitation.accepted_by) == (InvitationState.ACCEPTED, invited)
    assert client.session[ACTIVE_ORGANISATION_SESSION_KEY] == association.pk
    assert "Bienvenue dans « Les Amis du Quartier » !" in _text(client.get("/tableau-de-bord/"))

    for again in (client.post(link), client.get(link)):
        assert again.status_code == 410
        assert "Cette invitation a déjà été acceptée." in _text(again)
    assert Membership.objects.filter(user=invited).count() == 1


def test_an_unconfirmed_invitee_confirms_the_address_before_joining(
    client, owner, association, django_capture_on_commit_callbacks
):
    """An account whose address is not confirmed has no session (marketplace.auth_backends): it logs in first."""
    _, link = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )
    _login(client, UserFactory(email="nouvelle@amis.test", email_confirmed_at=None))

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert OrganisationInvitation.objects.get().state == InvitationState.PENDING


def test_another_logged_in_user_cannot_accept(client, owner, association, django_capture_on_commit_callbacks):
    _, link = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )
    intruder = UserFactory(email="intrus@ailleurs.test")
    _login(client, intruder)

    response = client.post(link)

    assert response.status_code == 403
    assert "Cette invitation a été envoyée à nouvelle@amis.test : connectez-vous avec cette adresse." in _text(response)
    assert not Membership.objects.filter(user=intruder).exists()
    assert OrganisationInvitation.objects.get().state == InvitationState.PENDING


def test_anonymous_visitor_is_sent_to_log_in_first(client, owner, association, django_capture_on_commit_callbacks):
    _, link = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )

    assert "Se connecter" in _text(client.get(link))
    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == f"/compte/connexion/?next={link}"
    assert OrganisationInvitation.objects.get().state == InvitationState.PENDING


def test_expired_invitation_is_gone(client, owner, association, django_capture_on_commit_callbacks):
    invitation, link = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )
    OrganisationInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    _login(client, UserFactory(email="nouvelle@amis.test"))

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "Cette invitation a expiré : demandez-en une nouvelle." in _text(response)
    assert not Membership.objects.filter(user__email="nouvelle@amis.test").exists()


def test_revoked_invitation_is_gone(client, owner, association, django_capture_on_commit_callbacks):
    invitation, link = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )
    _login(client, owner)
    response = client.post(f"/organisations/invitations/{invitation.pk}/annuler/", follow=True)
    assert "L'invitation est annulée." in _text(response)

    _login(client, UserFactory(email="nouvelle@amis.test"))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "Cette invitation a été annulée." in _text(response)
    assert not Membership.objects.filter(user__email="nouvelle@amis.test").exists()


def test_unknown_invitation_token(client):
    response = client.get("/organisations/invitation/pas-un-vrai-jeton/")

    assert response.status_code == 404
    assert "Cette invitation n'existe pas." in _text(response)


def test_inviting_again_replaces_the_pending_invitation(client, owner, association, django_capture_on_commit_callbacks):
    first, first_link = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )
    second, second_link = _invite(
        django_capture_on_commit_callbacks,
        by=owner,
        organisation=association,
        email="Nouvelle@Amis.test",
        role=Role.ADMIN,
    )

    assert len(mail.outbox) == 2
    first.refresh_from_db()
    assert first.state == InvitationState.REVOKED
    assert list(OrganisationInvitation.objects.filter(state=InvitationState.PENDING)) == [second]
    invited = UserFactory(email="nouvelle@amis.test")
    _login(client, invited)
    assert client.get(first_link).status_code == 410
    client.post(second_link)
    assert _membership(invited, association).role == Role.ADMIN


@pytest.mark.parametrize("email", ["member@amis.test", "MEMBER@amis.test"])
def test_inviting_an_existing_member_is_refused(owner_client, member, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/organisations/invitations/", {"email": email, "role": "member"}, follow=True)

    assert "Cette personne est déjà membre de l'organisation." in _text(response)
    assert not OrganisationInvitation.objects.exists()
    assert mail.outbox == []


def test_settings_page_lists_pending_invitations_for_managers_only(
    client, owner, member, association, django_capture_on_commit_callbacks
):
    _invite(django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test")

    assert "nouvelle@amis.test" in _text(_login(client, owner).get("/organisations/parametres/"))
    assert "nouvelle@amis.test" not in _text(_login(client, member).get("/organisations/parametres/"))


# Switching the active organisation


def test_user_with_two_memberships_switches_organisation(owner_client, owner, association, other_association):
    MembershipFactory(user=owner, organisation=other_association, role=Role.MEMBER)

    response = owner_client.post(f"/organisations/{association.pk}/activer/", follow=True)
    page = _text(response)
    assert "Vous travaillez maintenant pour « Les Amis du Quartier »." in page
    assert "<h1>Les Amis du Quartier</h1>" in page
    assert "Vous êtes Propriétaire." in page
    assert owner_client.session[ACTIVE_ORGANISATION_SESSION_KEY] == association.pk

    page = _text(owner_client.post(f"/organisations/{other_association.pk}/activer/", follow=True))
    assert "<h1>Club Sportif Voisin</h1>" in page
    assert "Vous êtes Membre." in page
    assert owner_client.session[ACTIVE_ORGANISATION_SESSION_KEY] == other_association.pk


def test_cannot_switch_to_an_organisation_one_is_not_in(owner_client, association, other_association):
    owner_client.post(f"/organisations/{association.pk}/activer/")

    for organisation_id in (other_association.pk, other_association.pk + 1000):
        assert owner_client.post(f"/organisations/{organisation_id}/activer/").status_code == 404

    assert owner_client.session[ACTIVE_ORGANISATION_SESSION_KEY] == association.pk
    assert "<h1>Les Amis du Quartier</h1>" in _text(owner_client.get("/tableau-de-bord/"))


def test_switching_needs_a_post(owner_client, association):
    assert owner_client.get(f"/organisations/{association.pk}/activer/").status_code == 405


def test_switching_to_a_huge_id_is_a_404(owner_client):
    owner_client.raise_request_exception = False
    assert owner_client.post("/organisations/99999999999999999999999/activer/").status_code == 404


# Another organisation's ids


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/organisations/membres/{membership}/role/", {"role": "member"}),
        ("/organisations/membres/{membership}/retirer/", {}),
        ("/organisations/invitations/{invitation}/annuler/", {}),
    ],
    ids=["change-role", "remove", "revoke-invitation"],
)
def test_outsider_cannot_act_on_another_organisation(
    client, outsider, owner, admin, association, url, data, django_capture_on_commit_callbacks
):
    invitation, _ = _invite(
        django_capture_on_commit_callbacks, by=owner, organisation=association, email="nouvelle@amis.test"
    )
    entries_before = AuditEntry.objects.filter(organisation=association).count()
    _login(client, outsider)

    response = client.post(url.format(membership=_membership(admin, association).pk, invitation=invitation.pk), data)

    assert response.status_code == 404
    assert _membership(admin, association).role == Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    assert AuditEntry.objects.filter(organisation=association).count() == entries_before


# Audit trail and timeline


def test_each_change_is_audited_and_shown_on_the_dashboard(
    client, owner, admin, member, association, django_capture_on_commit_callbacks
):
    _login(client, owner)
    client.post("/organisations/parametres/", {"name": "Les Amis du Quartier", "postcode": "69003", "city": "Lyon"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisations/invitations/", {"email": "annulee@amis.test", "role": "member"})
        client.post("/organisations/invitations/", {"email": "nouvelle@amis.test", "role": "member"})
    cancelled = OrganisationInvitation.objects.get(email="annulee@amis.test")
    client.post(f"/organisations/invitations/{cancelled.pk}/annuler/")
    client.post(f"/organisations/membres/{_membership(member, association).pk}/role/", {"role": "admin"})
    client.post(f"/organisations/membres/{_membership(admin, association).pk}/retirer/")
    invited = UserFactory(email="nouvelle@amis.test")
    _login(client, invited).post(_link_path(mail.outbox[-1].body))
    client.post(f"/organisations/membres/{_membership(invited, association).pk}/retirer/")

    entries = list(AuditEntry.objects.filter(organisation=association).order_by("id"))
    assert [(entry.action, entry.actor) for entry in entries] == [
        ("organisation.updated", owner),
        ("invitation.created", owner),
        ("invitation.created", owner),
        ("invitation.revoked", owner),
        ("membership.role_changed", owner),
        ("membership.removed", owner),
        ("membership.created", invited),
        ("membership.left", invited),
    ]
    assert entries[0].data == {"fields": ["postcode"]}
    assert entries[4].data == {"from": "member", "to": "admin", "user": "member@amis.test"}

    page = _text(_login(client, owner).get("/tableau-de-bord/"))
    for sentence in [
        f"{owner} a modifié les informations de l'organisation.",
        f"{owner} a invité annulee@amis.test.",
        f"{owner} a invité nouvelle@amis.test.",
        f"{owner} a annulé une invitation.",
        f"{owner} a changé le rôle de member@amis.test.",
        f"{owner} a retiré admin@amis.test.",
        f"{invited} a rejoint l'organisation.",
        f"{invited} a quitté l'organisation.",
    ]:
        assert sentence in page


def test_refused_changes_write_no_audit_entry(client, member, admin, association):
    _login(client, member)
    client.post(f"/organisations/membres/{_membership(admin, association).pk}/role/", {"role": "member"})
    client.post(f"/organisations/membres/{_membership(admin, association).pk}/retirer/")

    assert not AuditEntry.objects.filter(organisation=association).exists()
    assert "Aucune activité pour l'instant." in _text(client.get("/tableau-de-bord/"))
