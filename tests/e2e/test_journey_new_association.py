"""A new association joins, in a real browser: it signs up, confirms its e-mail address with the link it
received, creates its organisation, fills its profile and sends its supporting documents; a member of the
platform's staff verifies it in the Wagtail admin, and the association then sees that it is verified."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD
from tests.second_factor import authenticator_code

from .browsing import DEMO_MARKS, seed_demo

pytestmark = DEMO_MARKS

EMAIL = "claire.martin@amis-du-jardin.test"
PASSWORD = "Potager-partage-2026"
ORGANISATION = "Les Amis du Jardin Partagé"
# Enough of a PDF for the upload check, which reads the first bytes.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def demo():
    seed_demo()


def field(page, label: str):
    """The input labelled exactly `label`, whether or not the label carries the "required" star."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def confirmation_path(address: str) -> str:
    """The path of the link in the confirmation e-mail (its host is SITE_URL, not the live server)."""
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no e-mail was sent to {address}"
    link = re.search(r"https?://[^/\s]+(/\S+)", sent[-1].body)
    assert link, sent[-1].body
    return link.group(1)


def sign_up(page) -> None:
    page.goto("/compte/connexion/")
    page.get_by_role("main").get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    field(page, "Prénom").fill("Claire")
    field(page, "Nom").fill("Martin")
    field(page, "Adresse e-mail").fill(EMAIL)
    field(page, "Mot de passe").fill(PASSWORD)
    field(page, "J'accepte les conditions d'utilisation.").check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/compte/inscription/envoyee/")
    expect(page.locator("main")).to_contain_text(EMAIL)


def create_organisation(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Bienvenue, Claire !")
    page.get_by_role("link", name="Inscrire mon association").click()
    expect(page.get_by_role("radio", name="Association")).to_be_checked()
    field(page, "Nom de l'organisation").fill(ORGANISATION)
    field(page, "Code postal").fill("69007")
    field(page, "Commune").fill("Lyon")
    page.get_by_role("button", name="Créer").click()
    page.wait_for_url("**/tableau-de-bord/")
    expect(page.get_by_role("status")).to_contain_text(f"« {ORGANISATION} » est créée.")
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)


def fill_profile(page) -> None:
    verification_card = page.locator("section", has=page.get_by_role("heading", name="Vérification", exact=True))
    expect(verification_card).to_contain_text("Non vérifiée")
    verification_card.get_by_role("link", name="complétez le profil de votre organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil de l'association")
    field(page, "Nom légal").fill("Association Les Amis du Jardin Partagé de Gerland")
    field(page, "Forme juridique").select_option(label="Association loi 1901")
    field(page, "Numéro RNA").fill("W691234567")
    field(page, "Adresse").fill("12 rue des Jardiniers")
    field(page, "Code postal").fill("69007")
    field(page, "Commune").fill("Lyon")
    field(page, "Domaine d'action").select_option(label="Environnement")
    field(page, "Budget annuel").select_option(label="Moins de 10 k€")
    field(page, "Bénévoles").fill("25")
    field(page, "Présentation").fill("Un jardin partagé au cœur de Gerland : ateliers, compost et fête des récoltes.")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.get_by_role("status")).to_contain_text("Le profil est enregistré.")
    expect(page.locator("main")).to_contain_text("Région : Auvergne-Rhône-Alpes")


def send_documents(page) -> None:
    page.get_by_role("link", name="Vérification", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification de l'organisation")
    expect(page.get_by_role("heading", name="Envoyer ma demande")).to_be_visible()
    # The rows come with the kinds still needed already chosen.
    expect(field(page, "Type du document 1")).to_have_value("statuts")
    expect(field(page, "Type du document 2")).to_have_value("recepisse")
    field(page, "Fichier 1").set_input_files(
        files=[{"name": "statuts-amis-du-jardin.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    field(page, "Fichier 2").set_input_files(
        files=[{"name": "recepisse-prefecture.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    field(page, "Message à l'équipe").fill("Nos statuts ont été mis à jour lors de la dernière AG.")
    page.get_by_role("button", name="Envoyer à l'équipe").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande est envoyée")
    status = page.locator("section", has=page.get_by_role("heading", name="Où en êtes-vous ?"))
    expect(status).to_contain_text("En cours de vérification")
    history = page.locator("section", has=page.get_by_role("heading", name="Historique des demandes"))
    expect(history).to_contain_text("À examiner")
    expect(history.get_by_role("link", name="Statuts — statuts-amis-du-jardin.pdf")).to_be_visible()


def staff_verifies(page) -> None:
    page.goto("/compte/connexion/")
    field(page, "Adresse e-mail").fill("staff@demo.test")
    field(page, "Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    # Staff have a second factor: the demo's authenticator app gives the code.
    field(page, "Code").fill(authenticator_code(TOTPDevice.objects.get(user__email="staff@demo.test")))
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/tableau-de-bord/")
    page.get_by_role("link", name="Administration").click()
    page.get_by_role("link", name=re.compile(r"^Vérifications \(\d+\)")).click()
    page.get_by_role("link", name=ORGANISATION).click()
    expect(page.locator("main")).to_contain_text("Association Les Amis du Jardin Partagé de Gerland")
    expect(page.locator("main")).to_contain_text("W691234567")
    expect(page.get_by_role("link", name="statuts-amis-du-jardin.pdf")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Nos statuts ont été mis à jour")
    page.get_by_role("radio", name="Vérifiée").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("body")).to_contain_text(f"« {ORGANISATION} » : Vérifiée. L'organisation a été prévenue.")


def test_a_new_association_signs_up_gets_verified_and_sees_it(demo, page, live_server):
    sign_up(page)
    # The user follows the link of the e-mail they received.
    page.goto(confirmation_path(EMAIL))
    page.wait_for_url("**/tableau-de-bord/")
    expect(page.get_by_role("status")).to_contain_text("Votre adresse e-mail est confirmée. Bienvenue !")

    create_organisation(page)
    fill_profile(page)
    send_documents(page)

    # Staff work in a browser of their own: the association's session stays as it is.
    staff = page.context.browser.new_context(base_url=live_server.url, locale="fr-FR")
    staff_page = staff.new_page()
    staff_page.set_default_timeout(10_000)
    staff_verifies(staff_page)
    staff.close()

    page.get_by_role("link", name="Tableau de bord").click()
    verification_card = page.locator("section", has=page.get_by_role("heading", name="Vérification", exact=True))
    expect(verification_card).to_contain_text("Vérifiée")
    expect(verification_card).to_contain_text("Vous pouvez publier vos projets et profiter des prix solidaires.")
    expect(page.get_by_role("heading", name="En attendant la vérification")).to_have_count(0)
    notifications = page.locator("section", has=page.get_by_role("heading", name="Notifications non lues"))
    expect(notifications.get_by_role("link", name=f"« {ORGANISATION} » est vérifiée")).to_be_visible()
    # The decision also went out by e-mail.
    assert any(EMAIL in message.to and "est vérifiée" in message.subject for message in mail.outbox)
