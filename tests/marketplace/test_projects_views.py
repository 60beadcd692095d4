"""Project pages as people use them: posting, the project page of each side, quotes, decisions, board."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from marketplace.errors import ProjectError
from marketplace.forms.projects import ProjectForm, add_service_error
from marketplace.models import AuditEntry, Project, ProjectAttachment, ProjectInvitation, Proposal, Review
from marketplace.models.organisations import Role
from marketplace.models.projects import ProjectState, ProposalState, Visibility
from marketplace.project_types import ProjectType
from marketplace.selectors.dashboards import dashboard_projects_for
from marketplace.services.projects import project_cancel, project_update

from ..profile_factories import AssociationProfileFactory
from ..project_factories import (
    AssociationFactory,
    ProjectFactory,
    ProjectInvitationFactory,
    VerifiedAssociationFactory,
    awarded_project,
    in_days,
    member_of,
    quoting_provider,
    submit_proposal,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def content(response) -> str:
    return response.content.decode()


def text(page) -> str:
    """What a person reads: tags off, entities decoded, white space (non-breaking too) collapsed."""
    raw = page if isinstance(page, str) else content(page)
    return " ".join(html.unescape(strip_tags(raw)).replace("\u00a0", " ").split())


def login(client, membership):
    client.force_login(membership.user)
    return client


def field_block(response, name: str) -> str:
    """The text of the field holding the input named `name`: its label, help and errors, up to the next field."""
    page = content(response)
    position = page.index(f'name="{name}"')
    start = max(page.rfind('<div class="field', 0, position), page.rfind('<td class="field', 0, position))
    next_field = ('<div class="field"', '<div class="field ')  # not the field's own "field__help" block
    ends = [page.find(marker, position) for marker in (*next_field, "<td", "</tr>", "<legend", "</form>")]
    return text(page[start : min(end for end in ends if end != -1)])


@pytest.fixture
def association():
    organisation = VerifiedAssociationFactory(name="Ludothèque des Pentes")
    AssociationProfileFactory(organisation=organisation, postcode="69001", commune="Lyon")
    return organisation


@pytest.fixture
def owner(association):
    return member_of(association, Role.OWNER, user__email="owner@ludo.test")


@pytest.fixture
def member(association):
    return member_of(association, Role.MEMBER, user__email="member@ludo.test")


@pytest.fixture
def outsider():
    """The owner of another association: must never see or change the first one's projects."""
    return member_of(VerifiedAssociationFactory(name="Club voisin"), Role.OWNER, user__email="boss@voisin.test")


@pytest.fixture
def published(association, owner):
    return ProjectFactory(
        organisation=association, created_by=owner.user, published=True, title="Refonte du site de la ludothèque"
    )


def website_form(**overrides) -> dict:
    """What a person fills in at step 2 for a website project."""
    data = {
        "project_type": "website",
        "q_pages": "12",
        "q_content_ready": "unsure",
        "q_languages": ["fr", "en"],
        "q_donations": "yes",
        "title": "Refaire le site de la ludothèque",
        "description": "Notre site date de 2012 : nous voulons un site clair, accessible et facile à mettre à jour.",
        "skills": ["site-vitrine", "wordpress"],
        "budget_min": "2000",
        "budget_max": "6000",
        "desired_start": in_days(30).isoformat(),
        "deadline": in_days(120).isoformat(),
        "answer_deadline": in_days(20).isoformat(),
        "place": "organisation",
        "remote_ok": "on",
        "visibility": "verified_providers",
    }
    data.update(overrides)
    return data


def quote_form(lines, **overrides) -> dict:
    """The quote form as posted without JavaScript: 5 line rows, 3 milestone rows."""
    data = {
        "lines-TOTAL_FORMS": "5",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
        "milestones-TOTAL_FORMS": "3",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "20",
        "vat_rate_bp": "2000",
        "start_date": "",
        "message": "Bonjour, voici notre proposition.",
    }
    for index, (label, quantity, unit_price) in enumerate(lines):
        data.update(
            {
                f"lines-{index}-label": label,
                f"lines-{index}-quantity": quantity,
                f"lines-{index}-unit_price": unit_price,
            }
        )
    data.update(overrides)
    return data


# Posting: the two steps, then publication


def test_step_one_explains_each_type_in_plain_french(client, owner):
    response = login(client, owner).get("/projets/nouveau/")
    page = text(response)

    assert "De quoi votre association a-t-elle besoin ?" in page
    for label in ProjectType.labels:
        assert str(label) in page
    assert "Un seul fichier pour vos adhérents, donateurs et bénévoles" in page
    assert 'href="/projets/nouveau/?type=crm"' in content(response)
    assert "Budget habituel : 2 000 € à 12 000 €" in page


def test_step_two_asks_the_type_questions_with_suggested_skills_and_typical_budget(client, owner):
    response = login(client, owner).get("/projets/nouveau/?type=website")
    page, markup = text(response), content(response)

    assert response.status_code == 200
    assert "Combien de pages environ ?" in page
    assert 'type="radio" name="q_content_ready" value="unsure"' in markup
    assert 'type="checkbox" name="q_languages" value="en"' in markup
    assert re.search(r'name="skills" value="wordpress" id="id_skills_wordpress" checked', markup)
    assert re.search(r'name="skills" value="nextcloud" id="id_skills_nextcloud">', markup)
    assert "entre 1 500 € et 8 000 €" in page
    assert "Je ne sais pas" in page
    assert "À l'adresse de l'association (69001 Lyon)" in page


def test_an_unknown_type_goes_back_to_step_one(client, owner):
    page = text(login(client, owner).get("/projets/nouveau/?type=spaceship"))

    assert "Choisissez un type de projet dans la liste ci-dessous." in page


def test_posting_end_to_end_saves_a_draft_then_publishes_it(client, owner, association):
    login(client, owner)
    response = client.post(
        "/projets/nouveau/",
        {**website_form(), "attachments": [SimpleUploadedFile("cahier.pdf", PDF, content_type="application/pdf")]},
    )

    project = Project.objects.get(organisation=association)
    assert response.status_code == 302
    assert response["Location"] == f"/projets/{project.pk}/"
    assert project.state == ProjectState.DRAFT
    assert project.answers == {"pages": 12, "content_ready": "unsure", "languages": ["fr", "en"], "donations": True}
    assert (project.budget_min_cents, project.budget_max_cents) == (200_000, 600_000)
    assert (project.postcode, project.commune) == ("69001", "Lyon")
    assert sorted(project.skills.values_list("slug", flat=True)) == ["site-vitrine", "wordpress"]
    assert project.attachments.get().original_name == "cahier.pdf"

    draft = text(client.get(f"/projets/{project.pk}/"))
    assert "Votre brouillon est enregistré. Relisez-le, puis publiez-le." in draft
    assert "Dernière étape : relire et publier" in draft
    assert "Combien de pages environ ?" in draft and "Les textes et images sont-ils prêts ?" in draft
    assert "Anglais" in draft and "Recevoir des dons sur le site ?" in draft
    assert "de 2 000 € à 6 000 €" in draft

    response = client.post(f"/projets/{project.pk}/publier/", follow=True)

    project.refresh_from_db()
    assert project.state == ProjectState.PUBLISHED
    page = text(response)
    assert "Votre projet est publié" in page
    assert "Dernière étape" not in page
    assert "a publié le projet." in page and "a créé le brouillon du projet." in page


def test_i_dont_know_the_budget_keeps_it_open(client, owner, association):
    login(client, owner).post(
        "/projets/nouveau/", website_form(budget_min="", budget_max="", budget_unknown="on", skills=[])
    )

    project = Project.objects.get(organisation=association)
    assert not project.budget_known
    # No skill ticked: the type's suggestions stand.
    assert set(project.skills.values_list("slug", flat=True)) == {
        "site-vitrine",
        "wordpress",
        "hebergement-web",
        "accessibilite-rgaa",
    }
    assert "À définir avec le prestataire" in text(client.get(f"/projets/{project.pk}/"))


def test_another_place_needs_a_valid_postcode(client, owner):
    response = login(client, owner).post("/projets/nouveau/", website_form(place="other", postcode="123"))

    assert response.status_code == 400
    assert "Saisissez un code postal français valide (5 chiffres)." in field_block(response, "postcode")
    assert not Project.objects.exists()


def test_unverified_association_keeps_its_draft_and_is_told_why_it_cannot_publish(client):
    unverified = AssociationFactory()
    owner = member_of(unverified, Role.OWNER)
    project = ProjectFactory(organisation=unverified)
    login(client, owner)

    page = text(client.get(f"/projets/{project.pk}/"))
    assert "Votre association n'est pas encore vérifiée : vous ne pouvez pas publier ce projet pour l'instant." in page
    assert "Votre brouillon est bien enregistré" in page
    assert "Publier le projet" not in page

    response = client.post(f"/projets/{project.pk}/publier/", follow=True)

    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
    assert "Votre association doit être vérifiée avant de publier un projet." in text(response)


def test_validation_errors_are_shown_next_to_their_fields_with_status_400(client, owner):
    response = login(client, owner).post(
        "/projets/nouveau/", website_form(title="", q_pages="beaucoup", budget_min="abc")
    )

    assert response.status_code == 400
    assert "Le projet n'est pas enregistré" in text(response)
    assert "Champ requis." in field_block(response, "title")
    assert "Saisissez un nombre entier." in field_block(response, "q_pages")
    assert "Saisissez un nombre entier." in field_block(response, "budget_min")
    assert not Project.objects.exists()


def test_a_rule_of_the_service_is_shown_next_to_its_field(client, owner):
    response = login(client, owner).post("/projets/nouveau/", website_form(budget_min="6000", budget_max="2000"))

    assert response.status_code == 400
    assert "Le budget maximum doit être supérieur au minimum." in field_block(response, "budget_max")


def test_a_required_question_of_the_type_is_asked_for(client, owner):
    response = login(client, owner).post(
        "/projets/nouveau/", website_form(project_type="cloud", q_users="12", q_target="")
    )

    assert response.status_code == 400
    assert "Champ requis." in field_block(response, "q_target")


def test_the_service_answers_errors_land_on_the_question_field():
    form = ProjectForm(data={}, project_type="cloud")
    form.is_valid()
    form.errors.clear()

    add_service_error(form, ProjectError("Répondez à cette question.", field="answers.target"))

    assert form.errors["q_target"] == ["Répondez à cette question."]


# Editing, cancelling, inviting


def test_editing_a_published_project_shows_the_change_log_to_providers_who_quoted(client, owner, published):
    provider = quoting_provider(name="Atelier Web")
    submit_proposal(provider, published)
    form = text(login(client, owner).get(f"/projets/{published.pk}/modifier/"))
    assert "Ce projet est publié." in form
    assert "La visibilité d'un projet publié ne change plus." in form

    response = client.post(
        f"/projets/{published.pk}/modifier/",
        website_form(
            title=published.title,
            q_content_ready="",
            q_languages=[],
            q_donations="",
            q_pages="8",
            budget_min="1500",
            budget_max="7000",
            desired_start=published.desired_start.isoformat(),
            deadline=published.deadline.isoformat(),
            answer_deadline=published.answer_deadline.isoformat(),
            description=published.description,
            skills=[],
        ),
    )

    assert response.status_code == 302
    provider_page = text(login(client, provider).get(f"/projets/{published.pk}/"))
    assert "Modifications depuis la publication" in provider_page
    assert "Budget maximum : 5 000 € → 7 000 €" in provider_page


def test_cancel_asks_for_confirmation_and_keeps_the_reason(client, owner, published):
    login(client, owner)
    confirm = text(client.get(f"/projets/{published.pk}/annuler/"))
    assert "Cette action est définitive." in confirm

    response = client.post(f"/projets/{published.pk}/annuler/", {"reason": "Le bureau a changé de priorité."})

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.state == ProjectState.CANCELLED
    assert "a annulé le projet. Motif : Le bureau a changé de priorité." in text(
        client.get(f"/projets/{published.pk}/")
    )


def test_a_member_cannot_cancel(client, member, published):
    response = login(client, member).post(f"/projets/{published.pk}/annuler/", {"reason": ""})

    assert response.status_code == 403
    assert "Seuls les propriétaires et administrateurs peuvent faire cela." in text(response)
    published.refresh_from_db()
    assert published.state == ProjectState.PUBLISHED


def test_invite_searches_verified_providers_and_invites_one(client, owner, published):
    from ..profile_factories import ProviderProfileFactory

    found = ProviderProfileFactory(organisation__name="Atelier Web Solidaire").organisation
    ProviderProfileFactory(organisation__name="Atelier Non Vérifié", organisation__verification_status="pending")
    login(client, owner)

    page = text(client.get(f"/projets/{published.pk}/inviter/?q=atelier"))
    assert "Atelier Web Solidaire" in page
    assert "Atelier Non Vérifié" not in page

    response = client.post(f"/projets/{published.pk}/inviter/", {"provider": found.pk, "q": "atelier"}, follow=True)

    assert ProjectInvitation.objects.filter(project=published, provider=found).exists()
    page = text(response)
    assert "Atelier Web Solidaire est invité à proposer un devis." in page
    assert "Déjà invité" in page


# The project page of each side


def test_the_association_compares_every_proposal(client, owner, published):
    first = quoting_provider(name="Atelier Web", discount_percent=10)
    second = quoting_provider(name="Numérique Solidaire")
    submit_proposal(first, published)
    submit_proposal(second, published, start_date=in_days(40).isoformat())

    page = text(login(client, owner).get(f"/projets/{published.pk}/"))

    assert "Devis reçus" in page
    assert "Atelier Web" in page and "Numérique Solidaire" in page
    # 3 × 450 € + 120 € = 1 470 € HT; 10 % off for the first: 1 323 € HT, 1 587,60 € TTC.
    assert "1 323 €" in page and "1 587,60 €" in page and "10 % (− 147 €)" in page
    assert "1 470 €" in page and "1 764 €" in page
    assert page.count("Vérifié") >= 2
    assert "Accepter…" in page


def test_a_provider_sees_its_own_proposal_only(client, published):
    mine = quoting_provider(name="Atelier Web")
    other = quoting_provider(name="Concurrent Discret")
    submit_proposal(mine, published)
    submit_proposal(other, published, lines=[{"label": "Offre secrète", "quantity": "1", "unit_price": "999"}])

    response = login(client, mine).get(f"/projets/{published.pk}/")
    page = text(response)

    assert "Votre devis" in page
    assert "Version 1 du" in page and "Conception et développement" in page
    assert "Concurrent Discret" not in page and "Offre secrète" not in page
    assert "Devis reçus" not in page and 'id="project-timeline"' not in content(response)


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_on_every_project_url_and_action(client, owner, outsider, published, method):
    provider = quoting_provider()
    proposal = submit_proposal(provider, published)
    attachment = ProjectAttachment.objects.create(
        project=published,
        file=SimpleUploadedFile("note.pdf", PDF),
        original_name="note.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    project_urls = [
        "",
        "modifier/",
        "publier/",
        "annuler/",
        "inviter/",
        "demarrer/",
        "livrer/",
        "terminer/",
        "avis/",
        "devis/",
    ]
    urls = [f"/projets/{published.pk}/{suffix}" for suffix in project_urls] + [
        f"/projets/devis/{proposal.pk}/{suffix}"
        for suffix in ("", "modifier/", "retirer/", "preselection/", "decliner/", "accepter/")
    ]
    urls.append(f"/projets/pieces-jointes/{attachment.pk}/")
    login(client, outsider)

    statuses = {url: getattr(client, method)(url).status_code for url in urls}

    # Every page that answers this method says "not found"; only the method check (405) may come first.
    assert {url: status for url, status in statuses.items() if status not in (404, 405)} == {}
    assert sum(status == 404 for status in statuses.values()) >= 8
    proposal.refresh_from_db()
    published.refresh_from_db()
    assert (proposal.state, published.state) == (ProposalState.SUBMITTED, ProjectState.PUBLISHED)


def test_a_provider_not_invited_to_an_invited_only_project_gets_404(client, association):
    project = ProjectFactory(organisation=association, published=True, visibility=Visibility.INVITED_ONLY)
    stranger = quoting_provider()
    login(client, stranger)

    assert client.get(f"/projets/{project.pk}/").status_code == 404
    assert client.post(f"/projets/{project.pk}/devis/", quote_form([("Site", "1", "100")])).status_code == 404
    assert not Proposal.objects.exists()


# Decisions


def test_a_member_who_is_not_a_manager_cannot_accept(client, member, published):
    proposal = submit_proposal(quoting_provider(name="Atelier Web"), published)
    login(client, member)

    assert "Accepter…" not in text(client.get(f"/projets/{published.pk}/"))
    response = client.post(f"/projets/devis/{proposal.pk}/accepter/")

    assert response.status_code == 403
    assert "Seuls les propriétaires et administrateurs peuvent faire cela." in text(response)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


def test_a_manager_accepts_after_confirmation_and_the_others_are_declined(client, owner, published):
    chosen = submit_proposal(quoting_provider(name="Atelier Web"), published)
    other = submit_proposal(quoting_provider(name="Numérique Solidaire"), published)
    login(client, owner)

    confirm = text(client.get(f"/projets/devis/{chosen.pk}/accepter/"))
    assert "Accepter le devis de Atelier Web ?" in confirm
    assert "L'autre devis en lice sera décliné" in confirm

    response = client.post(f"/projets/devis/{chosen.pk}/accepter/", follow=True)

    chosen.refresh_from_db()
    other.refresh_from_db()
    published.refresh_from_db()
    assert (chosen.state, other.state) == (ProposalState.ACCEPTED, ProposalState.DECLINED)
    assert published.state == ProjectState.AWARDED and published.awarded_proposal == chosen
    page = text(response)
    assert "Vous avez retenu le devis de Atelier Web." in page
    assert "a retenu le devis de Atelier Web." in page
    assert "proposal.accepted" not in page


def test_shortlist_and_decline_with_a_reason(client, owner, published):
    first = submit_proposal(quoting_provider(name="Atelier Web"), published)
    second = submit_proposal(quoting_provider(name="Numérique Solidaire"), published)
    login(client, owner)

    client.post(f"/projets/devis/{first.pk}/preselection/")
    response = client.post(
        f"/projets/devis/{second.pk}/decliner/", {"reason": "Trop loin de nos besoins."}, follow=True
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == ProposalState.SHORTLISTED
    assert (second.state, second.decline_reason) == (ProposalState.DECLINED, "Trop loin de nos besoins.")
    page = text(response)
    assert "a présélectionné le devis de Atelier Web." in page
    assert "a décliné le devis de Numérique Solidaire. Motif : Trop loin de nos besoins." in page


# Quotes


def test_the_quote_form_works_without_javascript_with_five_empty_rows(client, published):
    page = content(login(client, quoting_provider()).get(f"/projets/{published.pk}/"))

    assert 'name="lines-TOTAL_FORMS" value="5"' in page
    assert all(f'name="lines-{index}-label"' in page for index in range(5))
    assert 'name="lines-5-label"' not in page
    assert "js/proposal_lines.js" in page


def test_the_server_computes_the_totals_and_ignores_a_posted_total(client, published):
    provider = quoting_provider(discount_percent=10)
    login(client, provider)

    response = client.post(
        f"/projets/{published.pk}/devis/",
        quote_form(
            [("Conception", "3", "450"), ("Hébergement (1 an)", "1", "120,50")],
            total="1",
            total_ttc_cents="100",
            discount_percent="90",
            **{"lines-0-total_cents": "1"},
        ),
    )

    assert response.status_code == 302
    version = Proposal.objects.get(project=published).current_version
    # 1 350 + 120,50 = 1 470,50 € ; −10 % = 147,05 € ; HT 1 323,45 € ; VAT 264,69 € ; TTC 1 588,14 €.
    assert (version.subtotal_cents, version.discount_cents, version.total_ht_cents) == (147_050, 14_705, 132_345)
    assert (version.vat_cents, version.total_ttc_cents) == (26_469, 158_814)
    assert [line.label for line in version.lines.all()] == ["Conception", "Hébergement (1 an)"]


def test_quote_errors_are_shown_on_their_line_with_status_400(client, published):
    login(client, quoting_provider())

    response = client.post(
        f"/projets/{published.pk}/devis/",
        quote_form([("Conception", "3", "450"), ("Sans prix", "1", "")]),
    )

    assert response.status_code == 400
    assert "Indiquez le prix unitaire HT." in field_block(response, "lines-1-unit_price")
    assert not Proposal.objects.exists()


def test_a_refusal_of_the_quote_service_lands_on_its_line(client, published):
    login(client, quoting_provider())

    response = client.post(f"/projets/{published.pk}/devis/", quote_form([("Conception", "3", "2000000")]))

    assert response.status_code == 400
    assert "Prix unitaire HT en euros" in field_block(response, "lines-0-unit_price")


@pytest.mark.parametrize("value", ["NaN", "sNaN", "1e999999", "douze"])
def test_something_that_is_not_a_number_is_refused_on_its_line(client, published, value):
    login(client, quoting_provider())

    response = client.post(f"/projets/{published.pk}/devis/", quote_form([("Conception", value, value)]))

    assert response.status_code == 400
    assert "Un nombre est attendu, par exemple 12,50." in field_block(response, "lines-0-quantity")
    assert "Un nombre est attendu, par exemple 12,50." in field_block(response, "lines-0-unit_price")


def test_quoting_twice_says_to_revise_instead(client, published):
    provider = quoting_provider()
    submit_proposal(provider, published)

    response = login(client, provider).post(
        f"/projets/{published.pk}/devis/", quote_form([("Conception", "1", "10")]), follow=True
    )

    assert "Vous avez déjà envoyé un devis pour ce projet : modifiez-le plutôt." in text(response)
    assert Proposal.objects.get().versions.count() == 1


def test_an_empty_quote_is_refused(client, published):
    login(client, quoting_provider())

    response = client.post(f"/projets/{published.pk}/devis/", quote_form([]))

    assert response.status_code == 400
    assert "Ajoutez au moins une ligne au devis." in text(response)


def test_revising_a_quote_keeps_the_versions_history(client, published):
    provider = quoting_provider()
    proposal = submit_proposal(provider, published)
    login(client, provider)

    form = content(client.get(f"/projets/devis/{proposal.pk}/modifier/"))
    assert 'value="Conception et développement"' in form
    assert 'name="lines-0-unit_price" value="450"' in form

    response = client.post(
        f"/projets/devis/{proposal.pk}/modifier/",
        quote_form(
            [("Conception et développement", "4", "450")],
            **{"milestones-0-label": "Maquette", "milestones-0-date": in_days(45).isoformat()},
        ),
        follow=True,
    )

    page = text(response)
    assert "La version 2 de votre devis est envoyée à l'association." in page
    assert "Version 2 du" in page and "Version 1 du" in page
    assert "Maquette" in page
    assert proposal.versions.count() == 2


def test_a_provider_withdraws_its_quote(client, published):
    provider = quoting_provider()
    proposal = submit_proposal(provider, published)

    login(client, provider).post(f"/projets/devis/{proposal.pk}/retirer/")

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


# Lifecycle and reviews


def test_lifecycle_buttons_then_reviews_on_both_sides(client):
    project, proposal, association_membership, provider_membership = awarded_project()
    login(client, provider_membership)
    assert "Le travail a commencé" in text(client.get(f"/projets/{project.pk}/"))
    client.post(f"/projets/{project.pk}/demarrer/")
    assert "Marquer comme livré" in text(client.get(f"/projets/{project.pk}/"))
    client.post(f"/projets/{project.pk}/livrer/")

    login(client, association_membership)
    assert "Clôturer le projet" in text(client.get(f"/projets/{project.pk}/"))
    client.post(f"/projets/{project.pk}/terminer/")
    page = text(client.get(f"/projets/{project.pk}/"))
    assert "Donnez votre avis sur le prestataire" in page
    assert "a clôturé le projet." in page

    invalid = client.post(f"/projets/{project.pk}/avis/", {"quality": "5", "comment": "Super"})
    assert invalid.status_code == 400
    assert "Champ requis." in text(invalid)

    response = client.post(
        f"/projets/{project.pk}/avis/",
        {"quality": "5", "communication": "4", "deadlines": "4", "value": "5", "comment": "Très à l'écoute."},
        follow=True,
    )

    project.refresh_from_db()
    assert project.state == ProjectState.CLOSED
    review = Review.objects.get(project=project)
    assert review.subject == proposal.provider
    page = text(response)
    assert "Très à l'écoute." in page
    assert "Donnez votre avis sur le prestataire" not in page


def test_the_provider_cannot_close_the_project(client):
    project, _proposal, _association, provider_membership = awarded_project()
    login(client, provider_membership)

    response = client.post(f"/projets/{project.pk}/terminer/", follow=True)

    project.refresh_from_db()
    assert project.state == ProjectState.AWARDED
    assert "Cette étape" in text(response)


# The providers' board


def test_the_board_shows_only_visible_published_projects_and_filters_work(client, association):
    provider = quoting_provider()
    open_site = ProjectFactory(organisation=association, published=True, title="Site ouvert à tous")
    open_crm = ProjectFactory(
        organisation=association, published=True, title="Fichier des adhérents", project_type=ProjectType.CRM
    )
    ProjectFactory(organisation=association, title="Brouillon caché")
    ProjectFactory(organisation=association, published=True, visibility=Visibility.INVITED_ONLY, title="Sur invitation")
    invited = ProjectFactory(
        organisation=association, published=True, visibility=Visibility.INVITED_ONLY, title="Invitation reçue"
    )
    ProjectInvitationFactory(project=invited, provider=provider.organisation)
    cancelled = ProjectFactory(organisation=association, published=True, title="Projet annulé")
    project_cancel(membership=member_of(association, Role.OWNER), project_id=cancelled.pk)
    login(client, provider)

    page = text(client.get("/projets/tableau/"))
    assert "3 projets" in page
    assert all(title in page for title in (open_site.title, open_crm.title, invited.title))
    assert all(title not in page for title in ("Brouillon caché", "Sur invitation", "Projet annulé"))

    filtered = text(client.get("/projets/tableau/?type=crm"))
    assert "1 projet" in filtered
    assert open_crm.title in filtered and open_site.title not in filtered

    invalid = client.get("/projets/tableau/?budget_min=9000&budget_max=10")
    assert invalid.status_code == 400
    assert "Le budget maximum doit être supérieur ou égal au minimum." in text(invalid)


def test_the_association_lists_its_projects_by_state(client, owner, association, published):
    ProjectFactory(organisation=association, title="Un brouillon")
    submit_proposal(quoting_provider(), published)
    login(client, owner)

    everything = text(client.get("/projets/"))
    drafts = text(client.get("/projets/?state=draft"))
    invalid = client.get("/projets/?state=lost")

    assert published.title in everything and "Un brouillon" in everything
    assert "1 nouveau" in everything
    assert "Un brouillon" in drafts and published.title not in drafts
    assert invalid.status_code == 400
    assert "Certains filtres ne sont pas valides." in text(invalid)


def test_the_board_is_for_providers(client, owner):
    response = login(client, owner).get("/projets/tableau/")

    assert response.status_code == 302
    assert response["Location"] == "/projets/"


# Escaping and dashboards


def test_a_title_with_a_script_is_escaped_everywhere(client, owner, association):
    project = ProjectFactory(organisation=association, published=True, title="<script>alert('x')</script> Site")
    provider = quoting_provider()
    submit_proposal(provider, project)
    pages = [
        login(client, owner).get(f"/projets/{project.pk}/"),
        client.get("/projets/"),
        login(client, provider).get(f"/projets/{project.pk}/"),
        client.get("/projets/tableau/"),
    ]

    for response in pages:
        content = response.content.decode()
        assert "<script>alert" not in content
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Site" in content
    with translation.override("fr"):
        partial = render_to_string(
            "dashboard/_provider_projects.html",
            {
                "organisation": provider.organisation,
                "projects_overview": dashboard_projects_for(organisation=provider.organisation),
            },
        )
    assert "<script>alert" not in partial and "&lt;script&gt;" in partial


def test_dashboard_partials_summarise_projects_for_each_side(association, published):
    provider = quoting_provider()
    submit_proposal(provider, published)
    ProjectFactory(organisation=association, title="Un brouillon")
    invited_elsewhere = ProjectInvitationFactory(provider=provider.organisation, project__title="Invitation en attente")
    won, _proposal, _association, _provider = awarded_project(provider_membership=provider)

    association_html = html.unescape(
        render_to_string(
            "dashboard/_association_projects.html",
            {"organisation": association, "projects_overview": dashboard_projects_for(organisation=association)},
        )
    )
    provider_html = html.unescape(
        render_to_string(
            "dashboard/_provider_projects.html",
            {
                "organisation": provider.organisation,
                "projects_overview": dashboard_projects_for(organisation=provider.organisation),
            },
        )
    )

    assert published.title in association_html and "Un brouillon" in association_html
    assert "1 nouveau devis" in association_html
    assert invited_elsewhere.project.title in provider_html
    assert published.title in provider_html and "Envoyé" in provider_html
    assert won.title in provider_html and "Projets qui vous sont confiés" in provider_html
    assert (
        render_to_string(
            "dashboard/_provider_projects.html",
            {"organisation": association, "projects_overview": dashboard_projects_for(organisation=association)},
        ).strip()
        == ""
    )


def test_timeline_and_attachments_for_the_association(client, owner, published):
    project_update(
        membership=owner,
        project_id=published.pk,
        data={
            "project_type": "website",
            "title": published.title,
            "description": published.description,
            "answers": {"pages": 20},
            "budget_min": "1500",
            "budget_max": "5000",
            "desired_start": published.desired_start,
            "deadline": published.deadline,
            "answer_deadline": published.answer_deadline,
            "postcode": "69001",
            "commune": "Lyon",
        },
        attachments=[SimpleUploadedFile("maquette.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32)],
    )
    login(client, owner)

    page = text(client.get(f"/projets/{published.pk}/"))

    assert "a modifié le projet après sa publication." in page
    assert "Combien de pages environ ? : « 8 » → « 20 »" in page
    attachment = ProjectAttachment.objects.get(project=published)
    download = client.get(f"/projets/pieces-jointes/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert AuditEntry.objects.filter(action="project.updated").exists()
