"""Staff review verification requests, edit the skills taxonomy and follow organisations in the Wagtail admin."""

import html
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from marketplace.models import AuditEntry, Notification, Skill, SkillDomain, VerificationRequest
from marketplace.models.organisations import VerificationStatus
from marketplace.models.verification import DocumentKind, RequestState, private_storage
from marketplace.services.verification import verification_decide, verification_submit
from tests.second_factor import verified_login

from ..factories import MembershipFactory, UserFactory
from .test_verification_service import (
    PDF_BYTES,
    age,
    make_association,
    make_provider,
    pdf_upload,
    submit,
    use_temporary_private_storage,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/verifications/"
RESULTS = "/admin/verifications/results/"


def review_url(verification) -> str:
    return f"/admin/verifications/{verification.pk}/"


def document_url(document) -> str:
    return f"/admin/verifications/documents/{document.pk}/"


def with_admin_access(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    use_temporary_private_storage(monkeypatch, tmp_path)


@pytest.fixture
def staff():
    """Platform staff: Wagtail admin access and `is_staff`, no superuser powers."""
    return with_admin_access(UserFactory(is_staff=True, first_name="Inès", last_name="Vérif"))


@pytest.fixture
def staff_client(client, staff):
    verified_login(client, staff)
    return client


@pytest.fixture
def editor():
    """An editor of the resource centre: in the admin, but not staff."""
    return with_admin_access(UserFactory(is_staff=False, email="redaction@passerelle.test"))


@pytest.fixture
def association_request():
    return age(submit(make_association(name="Les Amis du Quartier")), days=3)


@pytest.fixture
def provider_request():
    return age(submit(make_provider(name="Pixel Solidaire")), days=1)


@pytest.fixture
def decided_request(staff):
    verification = age(submit(make_association(name="Chorale Déjà Vérifiée")), days=10)
    verification_decide(reviewer=staff, request_id=verification.pk, decision=RequestState.VERIFIED)
    return verification


def content(response) -> str:
    """The page as a reader sees its text (entities decoded)."""
    return html.unescape(response.content.decode())


def flash_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- access ----------------------------------------------------------------------------------------


def pages(verification):
    return [QUEUE, RESULTS, review_url(verification), document_url(verification.documents.first())]


def test_staff_reach_every_page(staff_client, association_request):
    for url in pages(association_request):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            # Reading the stream to the end closes the file (response.close() would also close the test's
            # database connection, as it ends the request).
            b"".join(response.streaming_content)


def test_admin_users_who_are_not_staff_get_wagtails_refusal(client, editor, association_request):
    verified_login(client, editor)

    for url in pages(association_request):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home")
    assert flash_messages(response)  # Wagtail's "you do not have permission" notice


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "organisation-owner"])
def test_people_outside_the_admin_are_sent_to_its_login(client, association_request, logged_in):
    if logged_in:
        client.force_login(association_request.submitted_by)

    for url in pages(association_request):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_a_non_staff_admin_user_cannot_decide(client, editor, association_request):
    verified_login(client, editor)

    response = client.post(review_url(association_request), {"decision": RequestState.VERIFIED})

    assert response.status_code == 302
    association_request.refresh_from_db()
    assert association_request.state == RequestState.PENDING


# --- menu ------------------------------------------------------------------------------------------


def menu_labels(rf, user) -> list[str]:
    request = rf.get("/admin/")
    request.user = user
    return [str(item.render_component(request).label) for item in admin_menu.menu_items_for_request(request)]


def test_the_menu_counts_pending_requests_for_staff(rf, staff, association_request, provider_request, decided_request):
    assert "Vérifications (2)" in menu_labels(rf, staff)


def test_the_menu_item_is_for_staff_only(rf, editor, association_request):
    assert not [label for label in menu_labels(rf, editor) if label.startswith("Vérifications")]


# --- queue -----------------------------------------------------------------------------------------


def test_the_queue_lists_pending_requests_oldest_first(
    staff_client, provider_request, association_request, decided_request
):
    response = staff_client.get(QUEUE)

    page = content(response)
    assert page.index("Les Amis du Quartier") < page.index("Pixel Solidaire")
    assert "Chorale Déjà Vérifiée" not in page
    assert "Association" in page
    assert "Prestataire numérique" in page
    assert "3\xa0jours" in page  # waiting time
    assert review_url(association_request) in page
    assert [row.pk for row in response.context["object_list"]] == [association_request.pk, provider_request.pk]


def test_the_queue_filters_on_state_and_kind(staff_client, provider_request, association_request, decided_request):
    def listed(**params):
        return [row.pk for row in staff_client.get(QUEUE, params).context["object_list"]]

    assert listed(state=RequestState.VERIFIED) == [decided_request.pk]
    assert listed(state="all") == [decided_request.pk, association_request.pk, provider_request.pk]
    assert listed(kind="provider") == [provider_request.pk]
    assert listed(state="all", kind="association") == [decided_request.pk, association_request.pk]
    assert listed(state=RequestState.REJECTED) == []


def test_decided_requests_show_who_decided(staff_client, decided_request):
    page = content(staff_client.get(QUEUE, {"state": RequestState.VERIFIED}))

    assert "Chorale Déjà Vérifiée" in page
    assert "Inès Vérif" in page


def test_the_results_fragment_follows_the_filters(staff_client, provider_request, association_request):
    response = staff_client.get(RESULTS, {"kind": "provider"})

    assert response.status_code == 200
    assert "Pixel Solidaire" in content(response)
    assert "Les Amis du Quartier" not in content(response)


# --- review page -----------------------------------------------------------------------------------


def test_the_review_page_shows_what_staff_must_check(staff_client, association_request):
    page = content(staff_client.get(review_url(association_request)))

    for expected in (
        "Les Amis du Quartier (association loi 1901)",  # legal name
        "Association loi 1901",  # legal form
        "W691234567",
        "732829320",
        "73282932000074",
        "12 rue Burdeau",
        "Lyon",
    ):
        assert expected in page, expected
    for document in association_request.documents.all():
        assert document_url(document) in page
        assert document.original_name in page
    assert "C'est la première demande" in page
    assert 'name="decision"' in page


def test_the_review_page_shows_a_providers_siret_and_presentation(staff_client, provider_request):
    page = content(staff_client.get(review_url(provider_request)))

    assert "Pixel Solidaire SAS" in page
    assert "73282932000074" in page
    assert "Sites web accessibles pour les associations." in page
    assert "Attestation d'assurance" in page


def test_the_review_page_shows_the_previous_decisions(staff_client, staff):
    membership = make_association(name="Atelier Vélo")
    first = submit(membership)
    verification_decide(
        reviewer=staff, request_id=first.pk, decision=RequestState.INFO_REQUESTED, message="Le récépissé est illisible."
    )
    second = verification_submit(
        membership=membership, documents=[(DocumentKind.DECLARATION_RECEIPT, pdf_upload("recepisse-net.pdf"))]
    )

    page = content(staff_client.get(review_url(second)))

    assert "Informations demandées" in page
    assert "Le récépissé est illisible." in page
    assert "Inès Vérif" in page
    assert review_url(first) in page
    assert "recepisse-net.pdf" in page


def test_a_decided_request_shows_its_decision_instead_of_the_form(staff_client, decided_request):
    page = content(staff_client.get(review_url(decided_request)))

    assert 'name="decision"' not in page
    assert "Inès Vérif" in page


def test_an_unknown_request_is_not_found(staff_client):
    assert staff_client.get("/admin/verifications/999999/").status_code == 404


# --- deciding --------------------------------------------------------------------------------------


def test_verifying_through_the_admin(staff_client, staff, association_request, django_capture_on_commit_callbacks):
    organisation = association_request.organisation

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(review_url(association_request), {"decision": RequestState.VERIFIED})

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    association_request.refresh_from_db()
    organisation.refresh_from_db()
    assert association_request.state == RequestState.VERIFIED
    assert association_request.reviewed_by == staff
    assert association_request.reviewed_at is not None
    assert organisation.verification_status == VerificationStatus.VERIFIED
    assert organisation.verified_at == association_request.reviewed_at
    assert AuditEntry.objects.filter(action="verification.verified", actor=staff, organisation=organisation).exists()
    owner = association_request.submitted_by
    assert Notification.objects.filter(user=owner, kind="verification.verified").exists()
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "Les Amis du Quartier" in " ".join(flash_messages(response))


@pytest.mark.parametrize("decision", [RequestState.INFO_REQUESTED, RequestState.REJECTED])
def test_asking_for_information_or_refusing_through_the_admin(
    staff_client, association_request, decision, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            review_url(association_request), {"decision": decision, "message": "Les statuts ne sont pas signés."}
        )

    assert response.status_code == 302
    association_request.refresh_from_db()
    assert association_request.state == decision
    assert association_request.decision_message == "Les statuts ne sont pas signés."
    assert association_request.organisation.verification_status == decision
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("decision", [RequestState.INFO_REQUESTED, RequestState.REJECTED])
def test_a_message_is_required_unless_verifying(staff_client, association_request, decision):
    response = staff_client.post(review_url(association_request), {"decision": decision, "message": "  "})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["message"]
    assert "Expliquez ce qui manque ou la raison du refus" in errors["message"][0]
    assert "Expliquez ce qui manque" in content(response)
    assert "La décision n'a pas été enregistrée." in content(response)
    association_request.refresh_from_db()
    assert association_request.state == RequestState.PENDING
    assert association_request.reviewed_by is None


@pytest.mark.parametrize("data", [{}, {"decision": "pending"}, {"decision": "approved"}])
def test_a_decision_must_be_chosen(staff_client, association_request, data):
    response = staff_client.post(review_url(association_request), data)

    assert response.status_code == 200
    assert "decision" in response.context["form"].errors
    association_request.refresh_from_db()
    assert association_request.state == RequestState.PENDING


def test_deciding_twice_is_refused_with_a_message(staff_client, staff, association_request):
    staff_client.post(review_url(association_request), {"decision": RequestState.VERIFIED})

    response = staff_client.post(
        review_url(association_request), {"decision": RequestState.REJECTED, "message": "Finalement, non."}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Cette demande a déjà été traitée."]
    assert "Cette demande a déjà été traitée." in content(response)
    association_request.refresh_from_db()
    assert association_request.state == RequestState.VERIFIED
    assert association_request.decision_message == ""
    assert AuditEntry.objects.filter(action__startswith="verification.rejected").count() == 0


# --- documents -------------------------------------------------------------------------------------


def test_staff_download_documents_as_attachments(staff_client, association_request):
    document = association_request.documents.get(kind=DocumentKind.STATUTES)

    response = staff_client.get(document_url(document))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.original_name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_document_whose_file_is_gone_is_not_found(staff_client, association_request):
    document = association_request.documents.first()
    private_storage.delete(document.file.name)

    assert staff_client.get(document_url(document)).status_code == 404


def test_an_unknown_document_is_not_found(staff_client):
    assert staff_client.get("/admin/verifications/documents/999999/").status_code == 404


def test_members_cannot_download_through_the_admin_even_their_own_documents(client, editor, association_request):
    document = association_request.documents.first()
    owner = association_request.submitted_by
    MembershipFactory(organisation=association_request.organisation, user=editor)

    for user in (owner, editor):
        client.force_login(user)
        response = client.get(document_url(document))
        assert response.status_code == 302
        assert not response.has_header("Content-Disposition")


# --- skills taxonomy -------------------------------------------------------------------------------


@pytest.fixture
def taxonomy_client(client):
    verified_login(client, UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def domain():
    return SkillDomain.objects.create(slug="test-domaine", label_fr="Domaine d'essai", label_en="Test domain")


@pytest.fixture
def skill(domain):
    return Skill.objects.create(
        slug="test-site-vitrine", label_fr="Site vitrine d'essai", label_en="Test showcase site", domain=domain
    )


def test_the_skills_menu_groups_skills_and_domains(rf):
    user = UserFactory(is_staff=True, is_superuser=True)
    assert "Compétences" in menu_labels(rf, user)


def test_staff_filter_skills_by_domain_and_search_them(taxonomy_client, domain, skill):
    Skill.objects.create(
        slug="test-autre", label_fr="Autre essai", label_en="Other", domain=domain, synonyms=["zorglub"]
    )

    by_domain = taxonomy_client.get("/admin/skills/", {"domain": domain.pk})
    assert by_domain.status_code == 200
    assert {row.slug for row in by_domain.context["object_list"]} == {"test-site-vitrine", "test-autre"}

    by_synonym = taxonomy_client.get("/admin/skills/", {"q": "zorglub"})
    assert [row.slug for row in by_synonym.context["object_list"]] == ["test-autre"]

    by_label = taxonomy_client.get("/admin/skills/", {"q": "vitrine d'essai"})
    assert [row.slug for row in by_label.context["object_list"]] == ["test-site-vitrine"]


def test_staff_edit_labels_synonyms_and_activity_but_never_the_slug(taxonomy_client, domain, skill):
    edit_url = f"/admin/skills/edit/{skill.pk}/"
    form = taxonomy_client.get(edit_url).context["form"]
    assert form.fields["slug"].disabled

    response = taxonomy_client.post(
        edit_url,
        {
            "label_fr": "Site vitrine",
            "label_en": "Showcase website",
            "slug": "un-autre-identifiant",
            "domain": domain.pk,
            "synonyms": "Site Web\nsite internet, site  web\n\n",
            # is_active left unticked: the skill is retired
        },
    )

    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.slug == "test-site-vitrine"
    assert (skill.label_fr, skill.label_en) == ("Site vitrine", "Showcase website")
    assert skill.synonyms == ["site web", "site internet"]
    assert skill.is_active is False


def test_staff_create_a_skill_with_its_slug(taxonomy_client, domain):
    response = taxonomy_client.post(
        "/admin/skills/new/",
        {
            "label_fr": "Accessibilité RGAA",
            "label_en": "RGAA accessibility",
            "slug": "test-rgaa",
            "domain": domain.pk,
            "synonyms": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    created = Skill.objects.get(slug="test-rgaa")
    assert created.synonyms == []
    assert created.domain == domain


def test_skills_are_retired_not_deleted(taxonomy_client, skill):
    response = taxonomy_client.get(f"/admin/skills/delete/{skill.pk}/")

    assert response.status_code == 302
    assert Skill.objects.filter(pk=skill.pk).exists()
    assert f"/admin/skills/delete/{skill.pk}/" not in content(taxonomy_client.get(f"/admin/skills/edit/{skill.pk}/"))


def test_a_domain_keeps_its_slug(taxonomy_client, domain):
    response = taxonomy_client.post(
        f"/admin/skill_domains/edit/{domain.pk}/",
        {"label_fr": "Domaine renommé", "label_en": "Renamed", "slug": "autre", "position": 3},
    )

    assert response.status_code == 302
    domain.refresh_from_db()
    assert (domain.slug, domain.label_fr, domain.position) == ("test-domaine", "Domaine renommé", 3)


def test_staff_without_taxonomy_permissions_do_not_edit_skills(staff_client, skill):
    assert staff_client.get(f"/admin/skills/edit/{skill.pk}/").status_code == 302


# --- organisations ---------------------------------------------------------------------------------


def test_the_organisation_list_shows_and_filters_the_verification_status(
    taxonomy_client, association_request, decided_request
):
    response = taxonomy_client.get(
        "/admin/platform_organisations/", {"verification_status": VerificationStatus.VERIFIED}
    )

    page = content(response)
    assert "Vérification" in page
    assert "Chorale Déjà Vérifiée" in page
    assert "Les Amis du Quartier" not in page
    assert "Vérifiée" in page

    everyone = content(taxonomy_client.get("/admin/platform_organisations/"))
    assert "En cours de vérification" in everyone


def test_waiting_time_counts_until_the_decision(staff_client, staff):
    verification = age(submit(make_association(name="Théâtre du Pont")), days=5)
    verification_decide(reviewer=staff, request_id=verification.pk, decision=RequestState.VERIFIED)
    VerificationRequest.objects.filter(pk=verification.pk).update(
        reviewed_at=verification.submitted_at + timedelta(days=2)
    )

    page = content(staff_client.get(QUEUE, {"state": "all"}))

    assert "2\xa0jours" in page
