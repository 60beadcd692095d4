"""From invitation to reviews on the demo, in a real browser, each party in its own browser context.

The demo association (asso@demo.test) invites providers proposed on its published website project, and
the demo provider (presta@demo.test, « Atelier Numérique Solidaire ») by name; the provider finds the
invitation on its dashboard, asks a question in the project's conversation and sends a quote with lines;
the association compares the quotes and accepts that one; the work starts, is delivered and closed, and
both sides review each other.

pytest-django's live server speaks WSGI, so the conversation page falls back to polling (see
test_live_chat.py): a message shows "envoyé" once the page has given up on the WebSocket.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .browsing import DEMO_MARKS, log_in, new_party_page, seed_demo

pytestmark = DEMO_MARKS

ASSOCIATION = "Les Restos du Quartier — Lyon"
PROVIDER = "Atelier Numérique Solidaire"
PROJECT = "Refonte de notre site internet"
QUESTION = "Bonjour, faut-il reprendre les textes de l'ancien site ou en écrire de nouveaux ?"
ANSWER = "Nous reprenons les textes, il faudra surtout mettre à jour les horaires."
# Three failed WebSocket connections with backoff, then a poll every 5 s: generous, the CI machine may be slow.
CHAT_TIMEOUT_MS = 20_000


@pytest.fixture
def demo():
    seed_demo()


def section(page, heading: str):
    """The section (or card) a user reads under this heading: the innermost one, as cards sit in sections."""
    return page.locator("section").filter(has=page.get_by_role("heading", name=heading, exact=True)).last


def flash(page):
    return page.get_by_role("status")


def money(text: str) -> re.Pattern:
    """An amount as the page prints it ("4 005 €"), whatever spaces separate thousands and the sign."""
    return re.compile(r"\s".join(re.escape(part) for part in text.split(" ")))


def click_and_confirm(page, button, *, outcome) -> None:
    """Click a button that asks "are you sure?" in the site's modal dialog, say yes, and wait for `outcome`."""
    button.click()
    modal = page.get_by_role("dialog", name="Confirmer")
    expect(modal).to_be_visible()
    modal.get_by_role("button", name="Confirmer").click()
    expect(outcome).to_be_visible()


def expect_project_state(page, label: str) -> None:
    expect(page.locator(".project-meta .state")).to_have_text(label)


# The association


def invite_from_the_matches(page) -> list[str]:
    """Invite the first two proposed providers not yet invited nor quoting, after reading why they are proposed."""
    matches = section(page, "Prestataires pour ce projet")
    invitable = matches.locator("li.match").filter(has=page.get_by_role("button", name=re.compile("^Inviter ")))
    cards = invitable.all()[:2]
    assert len(cards) == 2, "fewer than two proposed providers can be invited"
    names = [card.get_by_role("heading").inner_text() for card in cards]
    for card in cards:
        expect(card).to_contain_text(re.compile(r"Correspondance : \d+ sur 100"))
        reasons = card.get_by_role("list", name="Pourquoi cette proposition").get_by_role("listitem")
        expect(reasons.first).to_have_text("Prestataire vérifié")
        expect(reasons.filter(has_text=re.compile(r"^Compétences demandées\s:\s"))).to_have_count(1)
    for name in names:
        matches.get_by_role("button", name=f"Inviter {name}").click()
        expect(flash(page)).to_contain_text(f"{name} est invité à proposer un devis.")
        # Back on the proposals: this one can no longer be invited twice.
        matches = section(page, "Prestataires pour ce projet")
        expect(matches.get_by_role("heading", name=name)).to_be_visible()
        expect(matches.get_by_role("button", name=f"Inviter {name}")).to_have_count(0)
    return names


def invite_by_name(page, name: str) -> None:
    page.get_by_role("link", name="Chercher un autre prestataire par son nom ou une compétence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inviter des prestataires")
    page.get_by_label("Nom du prestataire ou compétence").fill(name)
    page.get_by_role("button", name="Rechercher").click()
    results = section(page, "Prestataires vérifiés trouvés")
    results.locator("li", has_text=name).get_by_role("button", name=f"Inviter {name}").click()
    expect(flash(page)).to_contain_text(f"{name} est invité à proposer un devis.")
    page.get_by_role("link", name=f"Retour au projet « {PROJECT} »").click()


def send_in_chat(page, text: str) -> None:
    """Post a message in the conversation shown and wait until the page says it was delivered."""
    page.get_by_label("Votre message").fill(text)
    page.get_by_role("button", name="Envoyer").click()
    mine = page.locator(".message--mine").filter(has_text=text)
    expect(mine.locator(".message-state")).to_have_text("envoyé", timeout=CHAT_TIMEOUT_MS)


def answer_the_question(page) -> None:
    page.get_by_role("navigation", name="Mon espace").get_by_role("link", name=re.compile("^Messages")).click()
    conversation = page.locator("li.card").filter(has_text=f"Projet : {PROJECT}")
    conversation.get_by_role("link", name=PROVIDER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROVIDER)
    expect(page.locator("#conversation .messages")).to_contain_text(QUESTION)
    send_in_chat(page, ANSWER)


def compare_and_accept(page) -> None:
    received = section(page, "Devis reçus")
    rows = received.locator("tbody tr")
    expect(rows).to_have_count(4)
    ours = rows.filter(has=page.get_by_role("link", name=PROVIDER, exact=True))
    expect(ours.locator("td").nth(0)).to_have_text(money("3 337,50 €"))  # total HT, after the solidarity discount
    expect(ours.locator("td").nth(1)).to_have_text(money("4 005 €"))
    expect(ours.locator("td").nth(2)).to_contain_text("25 %")
    expect(ours).to_contain_text("Envoyé")
    expect(rows.filter(has_text="Pixels & Cie")).to_contain_text("Présélectionné")

    ours.get_by_role("link", name=f"Accepter… — {PROVIDER}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Accepter le devis de {PROVIDER} ?")
    expect(page.locator("main")).to_contain_text("Les 3 autres devis en lice seront déclinés")
    page.get_by_role("button", name="Oui, accepter ce devis").click()
    expect(flash(page)).to_contain_text(
        f"Vous avez retenu le devis de {PROVIDER}. Les autres prestataires sont prévenus."
    )
    expect_project_state(page, "Attribué")
    rows = section(page, "Devis reçus").locator("tbody tr")
    expect(rows.filter(has=page.get_by_role("link", name=PROVIDER, exact=True))).to_contain_text("Accepté")
    expect(rows.filter(has_text="Décliné")).to_have_count(3)


def review(page, *, heading: str, scores: dict[str, int], comment: str, outcome: str) -> None:
    form = page.locator("form.review-form")
    expect(form.get_by_role("heading", name=heading)).to_be_visible()
    for criterion, score in scores.items():
        form.get_by_role("group", name=re.compile(f"^{criterion}")).get_by_label(f"{score} sur 5").check()
    form.get_by_label("Votre avis en quelques mots").fill(comment)
    form.get_by_role("button", name="Envoyer mon avis").click()
    expect(flash(page)).to_contain_text(outcome)


# The provider


def ask_a_question(page) -> None:
    page.get_by_role("link", name="Poser une question à l'association").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ASSOCIATION)
    expect(page.locator("main")).to_contain_text(f"Projet : {PROJECT}")
    send_in_chat(page, QUESTION)


def send_a_quote(page) -> None:
    quote = section(page, "Envoyer un devis")
    expect(quote).to_contain_text("Votre remise solidaire de 25 %")
    lines = [
        ("Maquettes et arborescence du site", "3", "450"),
        ("Développement WordPress accessible (RGAA)", "6", "450"),
        ("Formation de trois bénévoles à la mise à jour", "1", "400"),
    ]
    for row, (label, quantity, price) in enumerate(lines):
        quote.get_by_label("Libellé").nth(row).fill(label)
        quote.get_by_label("Quantité").nth(row).fill(quantity)
        quote.get_by_label("Prix unitaire HT (€)").nth(row).fill(price)
    start = datetime.date.today() + datetime.timedelta(days=21)
    quote.get_by_label("Étape").first.fill("Mise en ligne")
    quote.get_by_label("Date", exact=True).first.fill((start + datetime.timedelta(days=30)).isoformat())
    quote.get_by_label("Date de début proposée").fill(start.isoformat())
    quote.get_by_label("Message à l'association").fill(
        "Nous reprenons vos textes, construisons un site WordPress accessible et formons vos bénévoles."
    )
    quote.get_by_role("button", name="Envoyer le devis").click()
    expect(flash(page)).to_contain_text("Votre devis est envoyé à l'association.")
    own = section(page, "Votre devis")
    expect(own.locator(".proposal-state")).to_have_text("Envoyé")
    expect(own).to_contain_text(money("4 005 € TTC"))
    expect(own).to_contain_text("Développement WordPress accessible (RGAA)")


def open_from_dashboard(page, card_heading: str) -> None:
    page.get_by_role("navigation", name="Mon espace").get_by_role("link", name="Tableau de bord").click()
    section(page, card_heading).get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)


def test_invite_quote_accept_deliver_and_review(demo, page, live_server):
    association = page
    provider = new_party_page(page, live_server.url)

    # The association opens its published project and invites providers.
    log_in(association, "asso@demo.test")
    section(association, "Nos projets").get_by_role("link", name=PROJECT).click()
    expect(association.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect_project_state(association, "Publié")
    invited = invite_from_the_matches(association)
    invite_by_name(association, PROVIDER)
    invitations = section(association, "Prestataires invités")
    for name in [*invited, PROVIDER]:
        expect(invitations).to_contain_text(name)

    # The provider finds the invitation and asks a question.
    log_in(provider, "presta@demo.test")
    invitation = section(provider, "Invitations à proposer un devis").locator("li", has_text=PROJECT)
    expect(invitation).to_contain_text(ASSOCIATION)
    open_from_dashboard(provider, "Invitations à proposer un devis")
    ask_a_question(provider)

    # The association answers; the provider's open page shows the answer without reloading.
    answer_the_question(association)
    expect(provider.locator("#conversation .messages")).to_contain_text(ANSWER, timeout=CHAT_TIMEOUT_MS)

    # The provider sends a quote with lines.
    open_from_dashboard(provider, "Invitations à proposer un devis")
    send_a_quote(provider)

    # The association compares the quotes and accepts the provider's.
    association.get_by_role("navigation", name="Mon espace").get_by_role("link", name="Tableau de bord").click()
    section(association, "Nos projets").get_by_role("link", name=PROJECT).click()
    compare_and_accept(association)

    # The provider starts the work, then delivers it, and reviews the association.
    open_from_dashboard(provider, "Projets qui vous sont confiés")
    expect_project_state(provider, "Attribué")
    provider.get_by_role("button", name="Le travail a commencé").click()
    expect(flash(provider)).to_contain_text("Le projet est en cours. Bon travail !")
    expect_project_state(provider, "En cours")
    provider.get_by_role("button", name="Marquer comme livré").click()
    expect(flash(provider)).to_contain_text("Le projet est marqué comme livré.")
    expect_project_state(provider, "Livré")
    review(
        provider,
        heading="Donnez votre avis sur l'association",
        scores={
            "Clarté du besoin": 5,
            "Communication": 5,
            "Réactivité et disponibilité": 4,
            "Paiement dans les délais": 5,
        },
        comment="Des bénévoles disponibles et des textes prêts à temps : un plaisir.",
        outcome="Merci, votre avis est enregistré.",  # blind until the association writes its own
    )

    # The association closes the project (after confirming) and reviews the provider.
    association.reload()
    expect_project_state(association, "Livré")
    click_and_confirm(
        association,
        association.get_by_role("button", name="Clôturer le projet"),
        outcome=flash(association).filter(has_text="Le projet est terminé. Pensez à laisser un avis au prestataire."),
    )
    expect_project_state(association, "Terminé")
    review(
        association,
        heading="Donnez votre avis sur le prestataire",
        scores={"Qualité du travail": 5, "Communication": 4, "Respect des délais": 5, "Rapport qualité-prix": 5},
        comment="Un site clair que nos bénévoles mettent à jour seuls. Merci !",
        outcome="votre avis et celui de l'autre partie sont publiés",
    )

    # Both reviews are on the project page, for both sides.
    reviews = section(association, "Avis")
    expect(reviews.get_by_role("heading", name=f"{ASSOCIATION} : 4,8/5", exact=True)).to_be_visible()
    expect(reviews.get_by_role("heading", name=f"{PROVIDER} : 4,8/5", exact=True)).to_be_visible()
    expect(reviews).to_contain_text("Un site clair que nos bénévoles mettent à jour seuls.")
    expect(reviews).to_contain_text("Des bénévoles disponibles et des textes prêts à temps")
    provider.reload()
    expect_project_state(provider, "Terminé")
    expect(section(provider, "Avis")).to_contain_text("Un site clair que nos bénévoles mettent à jour seuls.")
    provider.context.close()
