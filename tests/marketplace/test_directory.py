"""The public directory pages: the provider list with its filter form, a provider's page, an association's page."""

from datetime import UTC, datetime

import pytest
from django.http import QueryDict

from marketplace.errors import NotFound
from marketplace.geography import Region
from marketplace.models.organisations import VerificationStatus
from marketplace.models.profiles import Certification
from marketplace.money import format_money
from marketplace.selectors.public import association_public_get, provider_public_get
from search.filters.directory import DirectoryQueryError
from search.selectors.directory import provider_directory

from ..factories import UserFactory
from ..profile_factories import AssociationProfileFactory, ProviderProfileFactory

pytestmark = pytest.mark.django_db

LIST = "/prestataires/"
NBSP = "\u00a0"
INVALID = "Certains filtres ne sont pas valides : corrigez-les pour voir les résultats."
NO_MATCH = "Aucun prestataire ne correspond à votre recherche."


def page(client, path=LIST, status=200, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == status, response.content[:2000]
    return response.content.decode()


@pytest.fixture
def lyon(db):
    return ProviderProfileFactory(
        organisation__name="Atelier Numérique Lyonnais",
        organisation__verified_at=datetime(2025, 3, 3, 10, 0, tzinfo=UTC),
        skills=["wordpress", "site-vitrine", "audit-securite"],
        regions=[Region.AUVERGNE_RHONE_ALPES, Region.BRETAGNE],
        certifications=[Certification.QUALIOPI],
        remote_ok=True,
        solidarity_discount_percent=15,
        day_rate_min_cents=450_00,
        day_rate_max_cents=1_200_00,
    )


@pytest.fixture
def brest(db):
    return ProviderProfileFactory(
        organisation__name="Brest Clic",
        postcode="29200",
        commune="Brest",
        region=Region.BRETAGNE,
        skills=["formation-bureautique"],
        regions=[Region.BRETAGNE],
        remote_ok=False,
        solidarity_discount_percent=0,
        day_rate_min_cents=None,
        day_rate_max_cents=None,
    )


@pytest.fixture
def pending(db):
    return ProviderProfileFactory(
        organisation__name="Prestataire En Attente", organisation__verification_status=VerificationStatus.PENDING
    )


# The list


def test_directory_shows_verified_providers_as_cards(client, lyon, brest, pending):
    html = page(client)

    assert "<h1>Annuaire des prestataires</h1>" in html
    assert "2 prestataires trouvés" in html
    assert f'<a href="/prestataires/{lyon.organisation.slug}/">Atelier Numérique Lyonnais</a>' in html
    assert "Brest Clic" in html
    assert "Prestataire En Attente" not in html
    assert '<span class="badge badge--success">Vérifié</span>' in html
    assert "Lyon, Auvergne-Rhône-Alpes · Travaille à distance" in html
    assert "Brest, Bretagne\n" in html  # not remote
    assert "-15 % pour les associations" in html
    assert f"450{NBSP}€ à 1{NBSP}200{NBSP}€ par jour" in html
    assert "<li>Site vitrine</li><li>WordPress</li>" in html
    assert 'href="/static/css/directory.css"' in html


def test_card_shows_asked_skills_first(client, lyon):
    html = page(client, skills="audit-securite")

    assert "<li>Audit de sécurité</li><li>Site vitrine</li>" in html


def test_facet_counts_are_shown_next_to_the_options(client, lyon, brest):
    html = page(client)

    assert '<option value="bretagne">Bretagne (2)</option>' in html
    assert '<option value="auvergne-rhone-alpes">Auvergne-Rhône-Alpes (1)</option>' in html
    assert '<option value="website-cms">Site internet et CMS (1)</option>' in html
    assert 'value="qualiopi"> Qualiopi <span class="facet__count">(1)</span>' in html
    assert 'value="true"> À distance <span class="facet__count">(1)</span>' in html
    assert 'value="false"> Sur place uniquement <span class="facet__count">(1)</span>' in html
    assert 'value="wordpress"> WordPress <span class="facet__count">(1)</span>' in html
    # Skills nobody has are not offered.
    assert 'value="drupal"' not in html


def test_filters_narrow_the_list_and_stay_selected(client, lyon, brest):
    html = page(client, region="bretagne", remote="false", q="clic")

    assert "1 prestataire trouvé" in html
    assert "Brest Clic" in html
    assert "Atelier Numérique Lyonnais" not in html
    assert '<option value="bretagne" selected>Bretagne (1)</option>' in html
    assert '<input type="radio" name="remote" value="false" checked>' in html
    assert 'name="q" value="clic"' in html
    assert "Retirer le filtre « Région couverte »" in html


def test_invalid_parameters_show_form_errors_not_a_500(client, lyon):
    html = page(client, status=400, rate_min="abc", region="atlantide", q="atelier")

    assert INVALID in html
    assert '<a href="#id_rate_min">Tarif journalier à partir de (€)</a> : Saisissez un nombre entier.' in html
    assert '<p class="field__error" id="error-rate_min">Saisissez un nombre entier.</p>' in html
    assert '<p class="field__error" id="error-region">Région inconnue : atlantide.</p>' in html
    assert 'value="abc" aria-invalid="true" aria-describedby="error-rate_min"' in html
    assert 'name="q" value="atelier"' in html  # what was typed stays
    assert "Corrigez les filtres signalés pour voir les prestataires." in html
    assert "provider-card" not in html
    # Options are still offered, without counts.
    assert '<option value="bretagne">Bretagne</option>' in html


def test_the_public_asking_for_unverified_providers_gets_a_form_error(client, pending):
    html = page(client, status=400, verified="false")

    assert "Seule l&#x27;équipe de la plateforme peut afficher les prestataires non vérifiés." in html
    assert "Prestataire En Attente" not in html


def test_staff_can_list_and_open_unverified_providers(client, lyon, pending):
    client.force_login(UserFactory(is_staff=True))

    html = page(client, verified="false")
    detail = page(client, f"/prestataires/{pending.organisation.slug}/")

    assert "Prestataire En Attente" in html
    assert "Atelier Numérique Lyonnais" not in html
    assert '<span class="badge badge--muted">Non vérifié</span>' in html
    assert '<option value="false" selected>Prestataires non vérifiés</option>' in html
    assert "<h1>Prestataire En Attente</h1>" in detail


def test_empty_state_suggests_removing_filters(client, lyon):
    html = page(client, region="corse", certification="esus")

    assert "Aucun prestataire trouvé" in html
    assert NO_MATCH in html
    assert "Essayez de retirer un filtre ou d'élargir votre recherche :" in html
    assert '<a href="?certification=esus">Retirer le filtre « Région couverte »</a>' in html
    assert '<a href="?region=corse">Retirer le filtre « Certifications et labels »</a>' in html
    assert "Effacer tous les filtres" in html


def test_empty_directory(client):
    html = page(client)

    assert NO_MATCH in html
    assert "Aucun prestataire vérifié n'est encore inscrit dans l'annuaire. Revenez bientôt !" in html


def test_pagination_keeps_the_filters(client):
    for n in range(5):
        ProviderProfileFactory(organisation__name=f"Prestataire {n}", regions=[Region.BRETAGNE])

    html = page(client, region="bretagne", per_page=2, page=2)

    assert "5 prestataires trouvés" in html
    assert "Prestataire 2" in html and "Prestataire 3" in html
    assert "Prestataire 1" not in html and "Prestataire 4" not in html
    assert '<nav class="pagination" aria-label="Pagination">' in html
    assert (
        '<a href="?region=bretagne&amp;per_page=2&amp;page=2" aria-current="page">'
        '<span class="visually-hidden">Page </span>2</a>'
    ) in html
    assert '<a href="?region=bretagne&amp;per_page=2&amp;page=1" rel="prev">Page précédente</a>' in html
    assert '<a href="?region=bretagne&amp;per_page=2&amp;page=3" rel="next">Page suivante</a>' in html
    assert '<input type="hidden" name="per_page" value="2">' in html


def test_no_pagination_on_a_single_page(client, lyon):
    assert 'class="pagination"' not in page(client)


def test_sort_select_keeps_the_choice(client, lyon, brest):
    html = page(client, sort="discount")

    assert '<option value="discount" selected>Remise solidaire la plus forte</option>' in html
    assert html.index("Atelier Numérique Lyonnais") < html.index("Brest Clic")


def test_relevance_is_selected_when_searching(client, lyon):
    assert '<option value="relevance" selected>Pertinence</option>' in page(client, q="atelier")


def test_provider_name_is_escaped(client):
    provider = ProviderProfileFactory(
        organisation__name='<script>alert("x")</script>',
        presentation="<b>Gras</b> & co",
        tools=["<img src=x onerror=alert(1)>"],
    )

    listing = page(client)
    detail = page(client, f"/prestataires/{provider.organisation.slug}/")

    for html in (listing, detail):
        assert '<script>alert("x")</script>' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Gras&lt;/b&gt; &amp; co" in detail
    assert "<img src=x" not in detail


def test_page_queries_do_not_grow_with_providers(client, django_assert_max_num_queries):
    for n in range(25):
        ProviderProfileFactory(
            organisation__name=f"Prestataire {n:02d}",
            skills=["wordpress", "drupal", "rgpd-conformite", "power-bi", "falc"],
            regions=[Region.BRETAGNE, Region.NORMANDIE, Region.OCCITANIE],
            certifications=[Certification.QUALIOPI, Certification.ESUS],
        )

    with django_assert_max_num_queries(16):  # 15, plus the site menus on a cold cache
        html = page(client, q="prestataire", skills=["wordpress", "falc"], region="bretagne", per_page=25)

    assert "25 prestataires trouvés" in html


# A provider's page


def test_provider_page_shows_the_whole_profile(client, lyon):
    lyon.services = "Création de sites\nMaintenance"
    lyon.tools = ["WordPress", "Matomo"]
    lyon.languages = ["fr", "en"]
    lyon.team_size = 4
    lyon.response_time_hours = 24
    lyon.pro_bono = True
    lyon.pro_bono_details = "Deux jours par an"
    lyon.min_project_cents = 1_500_00
    lyon.website = "https://atelier.example.org"
    lyon.save()
    lyon.portfolio.create(
        title="Site de la MJC",
        association_served="MJC des Lilas",
        description="Refonte complète.",
        link="https://mjc.example.org",
        image="portfolio/mjc.png",
    )

    html = page(client, f"/prestataires/{lyon.organisation.slug}/")

    assert "<h1>Atelier Numérique Lyonnais</h1>" in html
    assert '<span class="badge badge--success">Vérifié le 3 mars 2025</span>' in html
    assert '<h2 id="presentation-title">Présentation</h2>' in html
    assert "<p>Création de sites<br>Maintenance</p>" in html
    assert "<h3>Site internet et CMS</h3>" in html
    assert '<ul class="tag-list"><li>Site vitrine</li><li>WordPress</li></ul>' in html
    assert "<h3>Cybersécurité et RGPD</h3>" in html
    assert "<li>Matomo</li>" in html
    assert "<li>Auvergne-Rhône-Alpes</li><li>Bretagne</li>" in html
    assert f"<dd>450{NBSP}€ à 1{NBSP}200{NBSP}€ par jour</dd>" in html
    assert f"<dd>1{NBSP}500{NBSP}€</dd>" in html
    assert "<dd>-15 % pour les associations</dd>" in html
    assert "<dd>Oui : Deux jours par an</dd>" in html
    assert "<li>Qualiopi</li>" in html
    assert "<dd>Français, Anglais</dd>" in html
    assert "<dd>4 personnes</dd>" in html
    assert "<dd>Sous 24 h</dd>" in html
    assert '<a href="https://atelier.example.org" rel="noopener nofollow">' in html
    assert "<h3>Site de la MJC</h3>" in html
    assert '<img class="portfolio__image" src="/media/portfolio/mjc.png" alt="Site de la MJC" loading="lazy">' in html
    assert "Pour MJC des Lilas" in html
    assert '<a href="https://mjc.example.org" rel="noopener nofollow ugc">Voir la réalisation' in html


def test_provider_page_without_rates(client, brest):
    html = page(client, f"/prestataires/{brest.organisation.slug}/")

    assert "<dd>Sur devis</dd>" in html
    assert "<dd>Aucune</dd>" in html


def test_provider_page_never_links_a_script_url(client, lyon):
    lyon.website = "javascript:alert(1)"
    lyon.save()
    lyon.portfolio.create(title="Piège", link="javascript:alert(2)")

    html = page(client, f"/prestataires/{lyon.organisation.slug}/")

    assert "javascript:" not in html


def test_unverified_or_unknown_provider_page_is_404(client, pending):
    assert client.get(f"/prestataires/{pending.organisation.slug}/").status_code == 404
    assert client.get("/prestataires/personne/").status_code == 404


# An association's public page


def test_association_page_shows_only_the_chosen_fields(client):
    profile = AssociationProfileFactory(
        organisation__name="Les Amis du Parc",
        is_public=True,
        public_fields=["description", "team"],
        description="Nous plantons des arbres.",
    )

    html = page(client, f"/associations/{profile.organisation.slug}/")

    assert "<h1>Les Amis du Parc</h1>" in html
    assert "<p>Nous plantons des arbres.</p>" in html
    assert "<dt>Salariés</dt><dd>2</dd>" in html
    assert "<dt>Bénévoles</dt><dd>25</dd>" in html
    # Not chosen: the place, the field of action, the budget, the website.
    assert "Lyon" not in html
    assert "Culture et patrimoine" not in html
    assert "10 à 50 k€" not in html
    assert "asso.example.org" not in html
    assert "1 place Bellecour" not in html


def test_association_page_with_every_field(client):
    profile = AssociationProfileFactory(is_public=True, public_fields=["place", "field_of_action", "budget", "website"])

    html = page(client, f"/associations/{profile.organisation.slug}/")

    assert "<p>Lyon, Auvergne-Rhône-Alpes</p>" in html
    assert "<dd>Culture et patrimoine</dd>" in html
    assert "<dd>10 à 50 k€</dd>" in html
    assert '<a href="https://asso.example.org" rel="noopener nofollow">' in html
    assert "Présentation" not in html


def test_association_page_is_404_unless_public(client):
    private = AssociationProfileFactory(is_public=False, public_fields=["description"])

    assert client.get(f"/associations/{private.organisation.slug}/").status_code == 404
    assert client.get("/associations/inconnue/").status_code == 404


def test_association_text_is_escaped(client):
    profile = AssociationProfileFactory(
        organisation__name="<script>alert(1)</script>",
        is_public=True,
        public_fields=["description"],
        description="<iframe src=x>",
    )

    html = page(client, f"/associations/{profile.organisation.slug}/")

    assert "<script>alert(1)</script>" not in html
    assert "<iframe" not in html
    assert "&lt;iframe src=x&gt;" in html


# Selectors


def test_selector_facets_and_query_count(lyon, brest, pending, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        directory = provider_directory(params=QueryDict("region=bretagne&skills=wordpress"))
        providers = directory.providers
        # Everything a card shows, read without another query.
        shown = [
            (
                provider.organisation.name,
                [(skill.label, skill.domain.label) for skill in provider.skills.all()],
                [row.region for row in provider.served_regions.all()],
                [row.certification for row in provider.certifications.all()],
            )
            for provider in providers
        ]

    assert shown == [
        (
            "Atelier Numérique Lyonnais",
            [
                ("Site vitrine", "Site internet et CMS"),
                ("WordPress", "Site internet et CMS"),
                ("Audit de sécurité", "Cybersécurité et RGPD"),
            ],
            ["auvergne-rhone-alpes", "bretagne"],
            ["qualiopi"],
        )
    ]
    assert directory.count == 1
    regions = {v.value: v.count for v in directory.facets["region"]}
    assert (regions["bretagne"], regions["auvergne-rhone-alpes"]) == (1, 1)  # skills filter kept
    skills = {v.value: v.count for v in directory.facets["skills"]}
    assert (skills["wordpress"], skills["formation-bureautique"]) == (1, 1)  # region filter kept


def test_selector_refuses_bad_parameters_with_every_error():
    with pytest.raises(DirectoryQueryError) as caught:
        provider_directory(params=QueryDict("min_discount=200&sort=price"))

    assert set(caught.value.errors) == {"min_discount", "sort"}


def test_selector_public_gets(pending):
    with pytest.raises(NotFound):
        provider_public_get(slug=pending.organisation.slug)
    assert provider_public_get(slug=pending.organisation.slug, staff=True) == pending
    with pytest.raises(NotFound):
        association_public_get(slug=AssociationProfileFactory(is_public=False).organisation.slug)


def test_euros_are_formatted_the_french_way():
    assert format_money(450_00, decimals=0) == f"450{NBSP}€"
    assert format_money(12_345_67, decimals=0) == f"12{NBSP}346{NBSP}€"
