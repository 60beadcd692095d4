"""Association and provider profiles, and the portfolio, through the pages people use."""

import html
import io
import re

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import strip_tags
from PIL import Image

from marketplace.models import AssociationProfile, Membership, PortfolioItem, ProviderProfile
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.verification import private_storage

from ..factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PROFILE = "/mon-organisation/profil/"
PORTFOLIO_NEW = "/mon-organisation/realisations/nouvelle/"
MANAGERS_ONLY = "Seuls les propriétaires et administrateurs peuvent faire cela."
READ_ONLY = "Vous consultez ce profil en lecture seule"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
SIREN = "732829320"
SIRET = "73282932000074"

ASSOCIATION_DATA = {
    "legal_name": "Les Amis du Quartier",
    "legal_form": "loi_1901",
    "rna_number": "W691234567",
    "tribunal_registration": "",
    "siren": SIREN,
    "siret": SIRET,
    "address": "12 rue Burdeau",
    "postcode": "69001",
    "commune": "Lyon",
    "field_of_action": "culture",
    "budget_bracket": "lt10k",
    "employees": "2",
    "volunteers": "25",
    "website": "https://amis-du-quartier.example.org",
    "description": "Fêtes de quartier et jardin partagé.",
    "is_public": "on",
    "public_fields": ["description", "place"],
}

PROVIDER_DATA = {
    "legal_name": "Pixel Solidaire SAS",
    "siret": SIRET,
    "presentation": "Sites web accessibles pour les associations.",
    "services": "Sites, formations, accompagnement RGPD.",
    "skills": ["wordpress", "rgpd-conformite"],
    "tools": "WordPress\n  Nextcloud  \n\nWordPress",
    "postcode": "44000",
    "commune": "Nantes",
    "regions": ["pays-de-la-loire", "bretagne"],
    "remote_ok": "on",
    "day_rate_min": "350",
    "day_rate_max": "600",
    "min_project": "1500",
    "solidarity_discount_percent": "20",
    "pro_bono": "on",
    "pro_bono_details": "Deux jours par trimestre.",
    "certifications": ["qualiopi"],
    "languages": ["fr", "en"],
    "team_size": "4",
    "response_time_hours": "24",
    "website": "https://pixel-solidaire.example.org",
}


# --- helpers shared with the other profile and verification tests --------------------------------


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def plain_text(response) -> str:
    """What a reader sees: no tags, white space collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def field_errors(response, field: str) -> list[str]:
    """The errors shown next to one input (`<p class="field__error" id="id_<field>_error">`)."""
    return re.findall(rf'id="id_{field}_error">([^<]*)<', page_text(response))


def png_bytes(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 80, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name: str = "statuts.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_organisation(kind=OrganisationKind.ASSOCIATION, role=Role.OWNER, **kwargs):
    """An organisation and a user with that role in it; returns the membership."""
    organisation = OrganisationFactory(kind=kind, **kwargs)
    return MembershipFactory(organisation=organisation, role=role)


def association_profile(organisation, **overrides) -> AssociationProfile:
    values = {
        "legal_name": "Les Amis du Quartier",
        "legal_form": "loi_1901",
        "rna_number": "W691234567",
        "siren": SIREN,
        "siret": SIRET,
        "address": "12 rue Burdeau",
        "postcode": "69001",
        "commune": "Lyon",
        "region": "auvergne-rhone-alpes",
        "field_of_action": "culture",
        "budget_bracket": "lt10k",
        **overrides,
    }
    return AssociationProfile.objects.create(organisation=organisation, **values)


def provider_profile(organisation, **overrides) -> ProviderProfile:
    values = {
        "legal_name": "Pixel Solidaire SAS",
        "siret": SIRET,
        "presentation": "Sites web accessibles.",
        "postcode": "44000",
        "commune": "Nantes",
        "region": "pays-de-la-loire",
        **overrides,
    }
    return ProviderProfile.objects.create(organisation=organisation, **values)


@pytest.fixture(autouse=True)
def temporary_storage(settings, tmp_path, monkeypatch):
    """Logos, images and supporting documents of a test land in its own folders, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


@pytest.fixture
def provider_owner(client):
    membership = make_organisation(OrganisationKind.PROVIDER, name="Pixel Solidaire")
    client.force_login(membership.user)
    return membership


# --- association profile -----------------------------------------------------------------------


def test_an_owner_fills_in_the_association_profile_and_the_region_follows_the_postcode(owner_client, association):
    page = owner_client.get(PROFILE)
    assert page.status_code == 200
    assert "Profil de l'association" in page_text(page)

    response = owner_client.post(PROFILE, {**ASSOCIATION_DATA, "logo": png_upload()})

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    profile = AssociationProfile.objects.get(organisation=association)
    assert (profile.legal_name, profile.rna_number, profile.siret) == ("Les Amis du Quartier", "W691234567", SIRET)
    assert profile.region == "auvergne-rhone-alpes"
    assert (profile.employees, profile.volunteers) == (2, 25)
    assert profile.is_public
    assert profile.public_fields == ["description", "place"]
    assert profile.logo.name.startswith("logos/associations/")
    text = page_text(owner_client.get(PROFILE))
    assert "Le profil est enregistré." in text
    assert "Région : Auvergne-Rhône-Alpes (d'après le code postal)." in text


def test_alsace_moselle_associations_give_their_tribunal_registration_instead_of_an_rna(owner_client, association):
    data = {**ASSOCIATION_DATA, "legal_form": "alsace_moselle", "rna_number": "", "postcode": "67000"}
    data["tribunal_registration"] = "TJ Strasbourg, vol. 12, folio 34"

    assert owner_client.post(PROFILE, data).status_code == 302

    profile = AssociationProfile.objects.get(organisation=association)
    assert (profile.region, profile.rna_number) == ("grand-est", "")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"rna_number": "W12"},
            "rna_number",
            "Un numéro RNA commence par W suivi de 9 chiffres (par exemple W751234567).",
        ),
        ({"siret": "73282932000075"}, "siret", "Ce numéro SIRET n'est pas valide : vérifiez les chiffres."),
        (
            {"legal_form": "alsace_moselle", "rna_number": "", "tribunal_registration": ""},
            "tribunal_registration",
            "Les associations d'Alsace-Moselle indiquent leur inscription au registre du tribunal.",
        ),
        ({"postcode": "00100"}, "postcode", "Saisissez un code postal français valide (5 chiffres)."),
        ({"website": "amis.example.org"}, "website", "Saisissez une adresse web complète (https://…)."),
        ({"public_fields": ["budget", "secret"]}, "public_fields", "Valeur inconnue : secret."),
        ({"legal_name": ""}, "legal_name", "Champ requis."),
    ],
)
def test_a_bad_association_value_is_shown_next_to_its_field(owner_client, association, changes, field, message):
    response = owner_client.post(PROFILE, {**ASSOCIATION_DATA, **changes})

    assert response.status_code == 400
    assert field_errors(response, field) == [message]
    assert not AssociationProfile.objects.exists()


def test_a_logo_must_really_be_an_image(owner_client, association):
    fake = SimpleUploadedFile("logo.png", PDF_BYTES, content_type="image/png")

    response = owner_client.post(PROFILE, {**ASSOCIATION_DATA, "logo": fake})

    assert response.status_code == 400
    assert field_errors(response, "logo") == ["Le contenu de « logo.png » ne correspond pas à un fichier PNG."]
    assert not AssociationProfile.objects.exists()


def test_identity_fields_are_locked_once_the_organisation_is_under_review(owner_client, association):
    association_profile(association)
    association.verification_status = VerificationStatus.PENDING
    association.save()

    page = owner_client.get(PROFILE)
    text = page_text(page)
    assert "Votre identité légale a été transmise pour vérification" in text
    assert re.search(r'<input type="text" name="legal_name"[^>]*disabled', text)
    assert re.search(r'<input type="text" name="commune"[^>]*>', text)
    assert not re.search(r'<input type="text" name="commune"[^>]*disabled', text)

    # A tampered form cannot change them: the saved values are kept, the rest is saved.
    response = owner_client.post(PROFILE, {**ASSOCIATION_DATA, "legal_name": "Autre nom", "commune": "Lyon 1er"})

    assert response.status_code == 302
    profile = AssociationProfile.objects.get(organisation=association)
    assert (profile.legal_name, profile.commune) == ("Les Amis du Quartier", "Lyon 1er")


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OWNER])
def test_owners_and_admins_edit(client, association, role):
    membership = MembershipFactory(organisation=association, role=role)
    client.force_login(membership.user)

    assert client.post(PROFILE, ASSOCIATION_DATA).status_code == 302
    assert AssociationProfile.objects.filter(organisation=association).exists()


def test_a_member_reads_the_profile_but_cannot_edit_it(client, member, association):
    association_profile(association, description="Notre jardin partagé.")
    client.force_login(member)

    page = client.get(PROFILE)
    assert page.status_code == 200
    text = page_text(page)
    assert READ_ONLY in text
    assert "Notre jardin partagé." in text
    assert 'name="legal_name"' not in text

    response = client.post(PROFILE, {**ASSOCIATION_DATA, "legal_name": "Pris en main"})

    assert response.status_code == 403
    assert MANAGERS_ONLY in page_text(response)
    assert AssociationProfile.objects.get(organisation=association).legal_name == "Les Amis du Quartier"


def test_the_profile_page_needs_an_organisation(client):
    from ..factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(PROFILE)["Location"] == "/tableau-de-bord/"
    client.logout()
    assert client.get(PROFILE)["Location"].startswith("/compte/connexion/")


def test_an_outsider_only_ever_sees_their_own_organisation(client, owner, association, outsider, other_association):
    association_profile(association, description="Secret du quartier.")
    client.force_login(outsider)

    text = page_text(client.get(PROFILE))

    assert "Secret du quartier." not in text
    assert "Les Amis du Quartier" not in text


# --- provider profile --------------------------------------------------------------------------


def test_provider_skills_are_checkbox_groups_by_domain_that_work_without_javascript(client, provider_owner):
    text = page_text(client.get(PROFILE))

    assert "Profil du prestataire" in text
    assert "<summary>Site internet et CMS" in text
    assert "<summary>Cybersécurité et RGPD" in text
    assert '<input type="checkbox" name="skills" value="wordpress" id="id_skills_wordpress">' in text
    assert "<script" not in text.split("<main", 1)[1]


def test_a_provider_saves_its_profile(client, provider_owner):
    response = client.post(PROFILE, {**PROVIDER_DATA, "logo": png_upload()})

    assert response.status_code == 302, field_errors(response, "__all__")
    profile = ProviderProfile.objects.get(organisation=provider_owner.organisation)
    assert sorted(skill.slug for skill in profile.skills.all()) == ["rgpd-conformite", "wordpress"]
    assert profile.tools == ["WordPress", "Nextcloud"]
    assert profile.region == "pays-de-la-loire"
    assert sorted(row.region for row in profile.served_regions.all()) == ["bretagne", "pays-de-la-loire"]
    assert (profile.day_rate_min_cents, profile.day_rate_max_cents, profile.min_project_cents) == (35000, 60000, 150000)
    assert (profile.solidarity_discount_percent, profile.pro_bono, profile.team_size) == (20, True, 4)
    assert [row.certification for row in profile.certifications.all()] == ["qualiopi"]
    assert profile.languages == ["fr", "en"]
    assert profile.logo.name.startswith("logos/providers/")

    text = page_text(client.get(PROFILE))
    assert '<input type="checkbox" name="skills" value="wordpress" id="id_skills_wordpress" checked>' in text
    assert "WordPress\nNextcloud</textarea>" in text
    assert 'name="day_rate_min" value="350"' in text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"day_rate_min": "700", "day_rate_max": "600"},
            "day_rate_max",
            "Le tarif maximum doit être supérieur au tarif minimum.",
        ),
        (
            {"solidarity_discount_percent": "120"},
            "solidarity_discount_percent",
            "La valeur doit être comprise entre 0 et 100.",
        ),
        ({"skills": ["wordpress", "telepathie"]}, "skills", "Compétence inconnue : telepathie."),
        ({"siret": "73282932000075"}, "siret", "Ce numéro SIRET n'est pas valide : vérifiez les chiffres."),
        ({"postcode": "99999"}, "postcode", "Saisissez un code postal français valide (5 chiffres)."),
        ({"regions": ["atlantide"]}, "regions", "Valeur inconnue : atlantide."),
        ({"day_rate_min": "beaucoup"}, "day_rate_min", "Saisissez un nombre entier."),
    ],
)
def test_a_bad_provider_value_is_shown_next_to_its_field(client, provider_owner, changes, field, message):
    response = client.post(PROFILE, {**PROVIDER_DATA, **changes})

    assert response.status_code == 400
    assert field_errors(response, field) == [message]
    assert not ProviderProfile.objects.exists()


def test_a_provider_siret_is_locked_once_verified(client, provider_owner):
    organisation = provider_owner.organisation
    provider_profile(organisation)
    organisation.verification_status = VerificationStatus.VERIFIED
    organisation.save()

    response = client.post(PROFILE, {**PROVIDER_DATA, "siret": "35600000000048", "presentation": "Nouveau texte."})

    assert response.status_code == 302
    profile = ProviderProfile.objects.get(organisation=organisation)
    assert (profile.siret, profile.presentation) == (SIRET, "Nouveau texte.")


# --- portfolio ---------------------------------------------------------------------------------


def test_a_provider_adds_edits_and_deletes_portfolio_items(client, provider_owner):
    provider_profile(provider_owner.organisation)
    item_data = {"title": "Site des Restos du Quartier", "association_served": "Les Restos", "link": "https://x.org"}

    response = client.post(PORTFOLIO_NEW, {**item_data, "image": png_upload("capture.png")})

    assert response.status_code == 302
    item = PortfolioItem.objects.get()
    assert item.image.name.startswith("portfolio/")
    assert "Site des Restos du Quartier" in page_text(client.get(PROFILE))

    edit_url = f"/mon-organisation/realisations/{item.pk}/"
    assert "Site des Restos du Quartier" in page_text(client.get(edit_url))
    response = client.post(edit_url, {**item_data, "title": "Nouveau site des Restos"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Nouveau site des Restos"
    assert item.image.name.startswith("portfolio/")

    response = client.post(f"{edit_url}supprimer/")
    assert response.status_code == 302
    assert not PortfolioItem.objects.exists()
    assert "« Nouveau site des Restos » est supprimée." in page_text(client.get(PROFILE))


def test_portfolio_errors_are_shown_next_to_the_field(client, provider_owner):
    provider_profile(provider_owner.organisation)

    response = client.post(PORTFOLIO_NEW, {"title": "", "link": "pas-une-adresse"})
    assert response.status_code == 400
    assert field_errors(response, "title") == ["Champ requis."]

    response = client.post(PORTFOLIO_NEW, {"title": "Site", "link": "pas-une-adresse"})
    assert response.status_code == 400
    assert field_errors(response, "link") == ["Saisissez une adresse web complète (https://…)."]

    fake = SimpleUploadedFile("capture.jpg", b"MZ\x90\x00" + b"\x00" * 64, content_type="image/jpeg")
    response = client.post(PORTFOLIO_NEW, {"title": "Site", "image": fake})
    assert response.status_code == 400
    assert field_errors(response, "image") == ["Le contenu de « capture.jpg » ne correspond pas à un fichier JPG."]
    assert not PortfolioItem.objects.exists()


def test_a_portfolio_needs_a_saved_profile_first(client, provider_owner):
    response = client.post(PORTFOLIO_NEW, {"title": "Site"})

    assert response.status_code == 400
    assert "Complétez d'abord le profil de votre structure." in page_text(response)


def test_portfolio_pages_are_for_provider_managers_only(client, provider_owner, association, owner):
    item = PortfolioItem.objects.create(profile=provider_profile(provider_owner.organisation), title="Site")
    member = MembershipFactory(organisation=provider_owner.organisation, role=Role.MEMBER).user
    edit_url = f"/mon-organisation/realisations/{item.pk}/"

    client.force_login(member)
    assert client.get(PORTFOLIO_NEW).status_code == 403
    response = client.post(f"{edit_url}supprimer/")
    assert response.status_code == 403
    assert MANAGERS_ONLY in page_text(response)
    assert "Site" in page_text(client.get(PROFILE))

    # An association has no portfolio; another organisation's item does not exist for anyone else.
    client.force_login(owner)
    for url in (PORTFOLIO_NEW, edit_url):
        assert client.get(url).status_code == 404
    assert client.post(f"{edit_url}supprimer/").status_code == 404

    other = make_organisation(OrganisationKind.PROVIDER)
    provider_profile(other.organisation)
    client.force_login(other.user)
    assert client.get(edit_url).status_code == 404
    assert client.post(edit_url, {"title": "Volé"}).status_code == 404
    assert client.post(f"{edit_url}supprimer/").status_code == 404
    assert PortfolioItem.objects.get().title == "Site"


# --- dashboard and navigation -------------------------------------------------------------------


def test_an_unverified_association_sees_what_it_can_do_now_and_what_needs_verification(owner_client, association):
    text = plain_text(owner_client.get("/tableau-de-bord/"))

    assert "Non vérifiée" in text
    assert "Prochaine étape : complétez le profil de votre organisation" in text
    assert "préparer vos projets en brouillon" in text
    assert "parcourir l'annuaire des prestataires" in text
    assert "publier vos projets et recevoir des devis" in text
    assert "profiter des prix solidaires" in text
    assert "0 %" in text

    association_profile(association, description="Jardin.", website="https://x.org")
    text = plain_text(owner_client.get("/tableau-de-bord/"))
    assert "Prochaine étape : envoyez vos justificatifs" in text
    assert "50 %" in text
    assert "Logo" in text


def test_a_verified_association_is_told_what_it_can_do(owner_client, association):
    association_profile(association)
    association.verification_status = VerificationStatus.VERIFIED
    association.save()

    text = page_text(owner_client.get("/tableau-de-bord/"))

    assert "Vous pouvez publier vos projets et profiter des prix solidaires." in text
    assert "En attendant la vérification" not in text


def test_the_navigation_links_to_the_profile_when_working_for_an_organisation(client, owner):
    client.force_login(owner)
    text = page_text(client.get("/tableau-de-bord/"))
    assert f'<a href="{PROFILE}" >Profil</a>' in text

    lonely = Membership.objects.get(user=owner)
    lonely.delete()
    text = page_text(client.get("/compte/profil/"))
    assert f'href="{PROFILE}"' not in text
    assert 'href="/mon-organisation/notifications/"' in text
