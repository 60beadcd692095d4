"""The public directory API under /api/v1/directory: filters, facets, sorting, pagination, refusals."""

import pytest

from marketplace.geography import Region
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.profiles import Certification

from ..factories import OrganisationFactory, UserFactory
from ..profile_factories import AssociationProfileFactory, ProviderProfileFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/directory"
INVALID = "Certains filtres ne sont pas valides : corrigez-les pour voir les résultats."


def providers(client, **params):
    response = client.get(f"{API}/providers", params)
    assert response.status_code == 200, response.content
    return response.json()


def names(client, **params) -> list[str]:
    return [result["name"] for result in providers(client, **params)["results"]]


def facet(body, name) -> dict[str, int]:
    return {value["value"]: value["count"] for value in body["facets"][name]}


def assert_error(response, status, fields=()):
    """Every refusal has the API's one shape: `{"message": str, "errors": {field: [str]}}`."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert body["message"]
    assert set(body["errors"]) == set(fields), body
    return body


@pytest.fixture
def catalogue(db):
    """Four verified providers that differ on every filter, and one waiting for verification."""
    return {
        "web": ProviderProfileFactory(
            organisation__name="Atelier Web Solidaire",
            presentation="Des sites internet sobres pour les associations de quartier.",
            services="Création de sites WordPress, hébergement.",
            skills=["wordpress", "site-vitrine"],
            regions=[Region.BRETAGNE, Region.PAYS_DE_LA_LOIRE],
            certifications=[Certification.QUALIOPI],
            remote_ok=True,
            solidarity_discount_percent=20,
            day_rate_min_cents=300_00,
            day_rate_max_cents=450_00,
        ),
        "cyber": ProviderProfileFactory(
            organisation__name="Bouclier Numérique",
            presentation="Audits et formations pour protéger vos données.",
            services="",
            skills=["audit-securite", "rgpd-conformite"],
            regions=[Region.ILE_DE_FRANCE],
            certifications=[Certification.EXPERTCYBER, Certification.QUALIOPI],
            remote_ok=False,
            solidarity_discount_percent=10,
            day_rate_min_cents=700_00,
            day_rate_max_cents=900_00,
        ),
        "school": ProviderProfileFactory(
            organisation__name="École du Clic",
            presentation="Formations bureautiques pour bénévoles.",
            services="",
            skills=["formation-bureautique"],
            regions=[Region.BRETAGNE],
            certifications=[],
            remote_ok=True,
            solidarity_discount_percent=0,
            day_rate_min_cents=None,
            day_rate_max_cents=None,
        ),
        "data": ProviderProfileFactory(
            organisation__name="Data Coop",
            presentation="Tableaux de bord pour mesurer votre impact.",
            services="",
            skills=["power-bi", "wordpress"],
            regions=[Region.OCCITANIE],
            certifications=[Certification.ESUS],
            remote_ok=True,
            solidarity_discount_percent=35,
            day_rate_min_cents=500_00,
            day_rate_max_cents=None,
        ),
        "pending": ProviderProfileFactory(
            organisation__name="Atelier En Attente",
            organisation__verification_status=VerificationStatus.PENDING,
            skills=["wordpress"],
            regions=[Region.BRETAGNE],
        ),
    }


# Visibility


def test_lists_only_verified_providers_by_name(client, catalogue):
    body = providers(client)

    assert body["count"] == 4
    assert [r["name"] for r in body["results"]] == [
        "Atelier Web Solidaire",
        "Bouclier Numérique",
        "Data Coop",
        "École du Clic",  # accents do not push "École" after "Z"
    ]
    assert all(result["verified"] for result in body["results"])


@pytest.mark.parametrize(
    "status", [VerificationStatus.UNVERIFIED, VerificationStatus.PENDING, VerificationStatus.REJECTED]
)
def test_unverified_provider_is_neither_listed_nor_shown(client, status):
    hidden = ProviderProfileFactory(organisation__verification_status=status)

    assert providers(client)["count"] == 0
    response = client.get(f"{API}/providers/{hidden.organisation.slug}")
    assert_error(response, 404)
    assert response.json()["message"] == "Prestataire introuvable."


def test_the_public_may_not_ask_for_unverified_providers(client, catalogue):
    response = client.get(f"{API}/providers", {"verified": "false"})

    body = assert_error(response, 400, fields=["verified"])
    assert body["message"] == INVALID
    assert body["errors"]["verified"] == [
        "Seule l'équipe de la plateforme peut afficher les prestataires non vérifiés."
    ]


def test_staff_may_list_unverified_providers(client, catalogue):
    client.force_login(UserFactory(is_staff=True))

    assert names(client, verified="false") == ["Atelier En Attente"]
    assert len(names(client)) == 4  # verified ones stay the default, for staff too


def test_a_provider_profile_on_an_association_is_not_listed(client):
    ProviderProfileFactory(organisation=OrganisationFactory(kind=OrganisationKind.ASSOCIATION))

    assert providers(client)["count"] == 0


# Each filter narrows the list


def test_q_every_word_must_match_somewhere(client, catalogue):
    assert names(client, q="atelier") == ["Atelier Web Solidaire"]
    assert names(client, q="sobres quartier") == ["Atelier Web Solidaire"]  # presentation
    assert names(client, q="hébergement") == ["Atelier Web Solidaire"]  # services
    assert names(client, q="atelier impact") == []  # one word matches nothing of that provider


def test_q_ignores_case_and_accents(client, catalogue):
    assert names(client, q="ECOLE") == ["École du Clic"]
    assert names(client, q="numerique") == ["Bouclier Numérique"]
    assert names(client, q="bénévoles") == ["École du Clic"]
    assert names(client, q="BENEVOLES") == ["École du Clic"]


def test_q_matches_skill_labels_and_synonyms(client, catalogue):
    assert names(client, q="power bi") == ["Data Coop"]  # label
    assert names(client, q="rgpd") == ["Bouclier Numérique"]  # label and synonym
    assert names(client, q="protection des donnees") == ["Bouclier Numérique"]  # synonym, accents folded
    assert names(client, q="wp") == ["Atelier Web Solidaire", "Data Coop"]  # synonym of WordPress


def test_q_drops_one_letter_words(client, catalogue):
    assert names(client, q="l'atelier") == ["Atelier Web Solidaire"]


def test_skills_match_any_of_the_slugs(client, catalogue):
    assert names(client, skills="power-bi") == ["Data Coop"]
    assert names(client, skills=["power-bi", "audit-securite"]) == ["Bouclier Numérique", "Data Coop"]
    assert names(client, skills="wordpress") == ["Atelier Web Solidaire", "Data Coop"]


def test_domain(client, catalogue):
    assert names(client, domain="cybersecurity-gdpr") == ["Bouclier Numérique"]
    assert names(client, domain="website-cms") == ["Atelier Web Solidaire", "Data Coop"]


def test_region_is_a_region_served(client, catalogue):
    assert names(client, region="bretagne") == ["Atelier Web Solidaire", "École du Clic"]
    assert names(client, region="pays-de-la-loire") == ["Atelier Web Solidaire"]
    # The factory's home region is Auvergne-Rhône-Alpes, which none of them serves.
    assert names(client, region="auvergne-rhone-alpes") == []


def test_remote(client, catalogue):
    assert names(client, remote="false") == ["Bouclier Numérique"]
    assert names(client, remote="true") == ["Atelier Web Solidaire", "Data Coop", "École du Clic"]


def test_certification_matches_any(client, catalogue):
    assert names(client, certification="qualiopi") == ["Atelier Web Solidaire", "Bouclier Numérique"]
    assert names(client, certification=["expertcyber", "esus"]) == ["Bouclier Numérique", "Data Coop"]


def test_min_discount(client, catalogue):
    assert names(client, min_discount=20) == ["Atelier Web Solidaire", "Data Coop"]
    assert names(client, min_discount=35) == ["Data Coop"]
    assert names(client, min_discount=0) == names(client)


def test_day_rate_range_overlaps(client, catalogue):
    # web 300-450 €, cyber 700-900 €, data from 500 € (no maximum), school: no rate stated.
    assert names(client, rate_max=400) == ["Atelier Web Solidaire"]
    assert names(client, rate_min=460) == ["Bouclier Numérique", "Data Coop"]
    assert names(client, rate_min=450, rate_max=600) == ["Atelier Web Solidaire", "Data Coop"]
    assert names(client, rate_min=950) == ["Data Coop"]  # open-ended maximum
    assert names(client, rate_max=299) == []


def test_a_provider_with_only_a_maximum_rate_fits_any_lower_request(client):
    ProviderProfileFactory(organisation__name="Petit Budget", day_rate_min_cents=None, day_rate_max_cents=250_00)

    assert names(client, rate_max=100) == ["Petit Budget"]
    assert names(client, rate_min=300) == []


def test_filters_combine(client, catalogue):
    assert names(client, skills="wordpress", region="bretagne", certification="qualiopi") == ["Atelier Web Solidaire"]
    assert names(client, skills="wordpress", remote="false") == []


# Facets


def test_facets_count_each_value_with_the_other_filters_applied(client, catalogue):
    body = providers(client, region="bretagne", remote="true")

    assert body["count"] == 2  # web and school
    # The region facet ignores the region filter but keeps `remote=true`: web, school, data (remote) are counted.
    regions = facet(body, "region")
    assert regions["bretagne"] == 2
    assert regions["occitanie"] == 1  # data
    assert regions["ile-de-france"] == 0  # cyber is not remote
    # The remote facet ignores the remote filter but keeps the region: web, school in Bretagne are both remote.
    assert facet(body, "remote") == {"true": 2, "false": 0}
    # Other facets keep both filters.
    assert facet(body, "certification")["qualiopi"] == 1
    assert facet(body, "skills")["wordpress"] == 1
    assert facet(body, "domain")["website-cms"] == 1
    assert facet(body, "domain")["training-inclusion"] == 1
    assert {v["value"] for v in body["facets"]["region"] if v["selected"]} == {"bretagne"}


def test_facets_of_the_whole_directory(client, catalogue):
    body = providers(client)

    assert facet(body, "skills")["wordpress"] == 2  # the pending provider is not counted
    assert facet(body, "certification") == {
        "qualiopi": 2,
        "datadock": 0,
        "microsoft_nonprofit": 0,
        "google_nonprofit": 0,
        "expertcyber": 1,
        "numerique_responsable": 0,
        "esus": 1,
    }
    assert facet(body, "remote") == {"true": 3, "false": 1}
    assert facet(body, "domain")["cybersecurity-gdpr"] == 1
    skills = {v["value"]: v for v in body["facets"]["skills"]}
    assert skills["power-bi"]["group"] == "data-dashboards"
    assert skills["power-bi"]["label"] == "Power BI"


def test_a_selected_multi_value_facet_still_counts_its_other_values(client, catalogue):
    body = providers(client, certification="esus")

    assert [r["name"] for r in body["results"]] == ["Data Coop"]
    assert facet(body, "certification")["qualiopi"] == 2
    skills = facet(body, "skills")
    assert (skills["power-bi"], skills["wordpress"], skills["audit-securite"]) == (1, 1, 0)


# Sorting and pagination


def test_sorts(client, catalogue):
    assert names(client, sort="discount") == [
        "Data Coop",
        "Atelier Web Solidaire",
        "Bouclier Numérique",
        "École du Clic",
    ]
    # Cheapest first; a provider without a rate comes last.
    assert names(client, sort="rate") == ["Atelier Web Solidaire", "Data Coop", "Bouclier Numérique", "École du Clic"]
    assert names(client, sort="recent") == ["Data Coop", "École du Clic", "Bouclier Numérique", "Atelier Web Solidaire"]


def test_relevance_is_the_default_when_searching(client, catalogue):
    named = ProviderProfileFactory(organisation__name="WordPress Express", skills=[])

    body = providers(client, q="wordpress")

    assert body["sort"] == "relevance"
    # The name weighs more than the skill and the services.
    assert body["results"][0]["name"] == named.organisation.name
    assert {r["name"] for r in body["results"]} == {"WordPress Express", "Atelier Web Solidaire", "Data Coop"}
    assert providers(client)["sort"] == "name"
    assert providers(client, sort="relevance")["sort"] == "name"  # nothing to rank on


def test_pagination(client):
    for n in range(7):
        ProviderProfileFactory(organisation__name=f"Prestataire {n:02d}")

    first = providers(client, per_page=3)
    third = providers(client, per_page=3, page=3)
    past_the_end = providers(client, per_page=3, page=99)

    assert (first["count"], first["num_pages"], first["page"], first["per_page"]) == (7, 3, 1, 3)
    assert [r["name"] for r in first["results"]] == ["Prestataire 00", "Prestataire 01", "Prestataire 02"]
    assert [r["name"] for r in third["results"]] == ["Prestataire 06"]
    assert past_the_end["page"] == 3
    assert providers(client)["per_page"] == 20


# Bad parameters: 400 with every field at fault, never a 500 nor a silent ignore


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"rate_min": "abc"}, "rate_min", "Saisissez un nombre entier."),
        ({"rate_max": "12.5"}, "rate_max", "Saisissez un nombre entier."),
        ({"min_discount": "150"}, "min_discount", "Assurez-vous que cette valeur est inférieure ou égale à 100."),
        ({"min_discount": "-1"}, "min_discount", "Assurez-vous que cette valeur est supérieure ou égale à 0."),
        ({"skills": "pas-une-competence"}, "skills", "Compétence inconnue : pas-une-competence."),
        ({"domain": "jardinage"}, "domain", "Domaine inconnu."),
        ({"region": "atlantide"}, "region", "Région inconnue : atlantide."),
        ({"certification": "iso9001"}, "certification", "Certification inconnue : iso9001."),
        ({"remote": "maybe"}, "remote", "Répondez true ou false."),
        ({"sort": "price"}, "sort", "Tri inconnu : price."),
        ({"page": "0"}, "page", "Assurez-vous que cette valeur est supérieure ou égale à 1."),
        ({"page": "deux"}, "page", "Saisissez un nombre entier."),
        ({"per_page": "500"}, "per_page", "Assurez-vous que cette valeur est inférieure ou égale à 100."),
        (
            {"rate_min": "600", "rate_max": "400"},
            "rate_max",
            "Le tarif maximum doit être supérieur ou égal au tarif minimum.",
        ),
        ({"q": "x" * 201}, "q", "Assurez-vous que cette valeur comporte au plus 200 caractères (actuellement 201)."),
        ({"q": " ".join(f"mot{n}" for n in range(11))}, "q", "Au plus 10 mots."),
        ({"q": "nul\x00"}, "q", "Le caractère nul n’est pas autorisé."),
        ({"skills": "wordpress\x00"}, "skills", "Le caractère nul n’est pas autorisé."),
        ({"domain": "website-cms\x00"}, "domain", "Le caractère nul n’est pas autorisé."),
    ],
)
def test_bad_parameter_is_a_400_naming_the_field(client, params, field, message):
    response = client.get(f"{API}/providers", params)

    body = assert_error(response, 400, fields=[field])
    assert body["message"] == INVALID
    assert body["errors"][field] == [message]


def test_every_bad_parameter_is_reported_at_once(client):
    response = client.get(f"{API}/providers", {"rate_min": "abc", "region": "atlantide", "per_page": "0"})

    assert_error(response, 400, fields=["rate_min", "region", "per_page"])


def test_unknown_parameters_are_ignored(client, catalogue):
    assert providers(client, utm_source="newsletter")["count"] == 4


# Provider page


def test_provider_detail(client, catalogue):
    web = catalogue["web"]
    web.portfolio.create(
        title="Site de la MJC", association_served="MJC des Lilas", link="https://mjc.example.org", position=1
    )

    response = client.get(f"{API}/providers/{web.organisation.slug}")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Atelier Web Solidaire"
    assert body["url"] == f"http://testserver/prestataires/{web.organisation.slug}/"
    assert body["day_rate_min_cents"] == 300_00
    assert body["solidarity_discount_percent"] == 20
    assert [s["slug"] for s in body["skills"]] == ["site-vitrine", "wordpress"]
    assert body["served_regions"] == [
        {"value": "bretagne", "label": "Bretagne"},
        {"value": "pays-de-la-loire", "label": "Pays de la Loire"},
    ]
    assert body["certifications"] == [{"value": "qualiopi", "label": "Qualiopi"}]
    assert body["languages"] == [{"value": "fr", "label": "Français"}]
    assert body["portfolio"] == [
        {
            "title": "Site de la MJC",
            "association_served": "MJC des Lilas",
            "description": "",
            "link": "https://mjc.example.org",
            "image_url": None,
        }
    ]


def test_unknown_provider_is_404(client):
    assert_error(client.get(f"{API}/providers/personne"), 404)


# Skills taxonomy


def test_skills_taxonomy_in_the_request_language(client):
    french = client.get(f"{API}/skills").json()
    english = client.get(f"{API}/skills", headers={"Accept-Language": "en"}).json()

    assert french[0]["slug"] == "website-cms"
    assert french[0]["label"] == "Site internet et CMS"
    assert english[0]["label"] == "Website & CMS"
    assert {"slug": "wordpress", "label": "WordPress"} in french[0]["skills"]
    assert sum(len(domain["skills"]) for domain in french) == 91


def test_inactive_skills_are_not_offered(client):
    from marketplace.models import Skill

    Skill.objects.filter(slug="drupal").update(is_active=False)

    skills = [s["slug"] for domain in client.get(f"{API}/skills").json() for s in domain["skills"]]
    assert "drupal" not in skills


# Association public page


def test_association_shows_only_the_chosen_fields(client):
    profile = AssociationProfileFactory(
        organisation__name="Les Amis du Parc", is_public=True, public_fields=["description", "field_of_action"]
    )

    response = client.get(f"{API}/associations/{profile.organisation.slug}")

    assert response.status_code == 200
    assert response.json() == {
        "name": "Les Amis du Parc",
        "slug": profile.organisation.slug,
        "url": f"http://testserver/associations/{profile.organisation.slug}/",
        "public_fields": ["description", "field_of_action"],
        "description": "Une association de quartier qui fait vivre la culture.",
        "field_of_action": {"value": "culture", "label": "Culture et patrimoine"},
    }


def test_association_all_public_fields(client):
    profile = AssociationProfileFactory(
        is_public=True, public_fields=["description", "place", "field_of_action", "website", "logo", "team", "budget"]
    )

    body = client.get(f"{API}/associations/{profile.organisation.slug}").json()

    assert body["commune"] == "Lyon"
    assert body["region"] == {"value": "auvergne-rhone-alpes", "label": "Auvergne-Rhône-Alpes"}
    assert body["website"] == "https://asso.example.org"
    assert (body["employees"], body["volunteers"]) == (2, 25)
    assert body["budget_bracket"] == {"value": "10k_50k", "label": "10 à 50 k€"}
    assert "logo_url" not in body  # chosen, but there is no logo
    assert "address" not in body and "rna_number" not in body  # never public


def test_association_without_a_public_page_is_404(client):
    private = AssociationProfileFactory(is_public=False, public_fields=["description"])

    assert_error(client.get(f"{API}/associations/{private.organisation.slug}"), 404)
    assert_error(client.get(f"{API}/associations/inconnue"), 404)


# Contract


def test_openapi_documents_the_directory(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {
        f"{API}/providers",
        f"{API}/providers/{{slug}}",
        f"{API}/skills",
        f"{API}/associations/{{slug}}",
    } <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"][f"{API}/providers"]["get"]["parameters"]}
    assert {"q", "skills", "domain", "region", "remote", "certification", "min_discount"} <= parameters
    assert {"rate_min", "rate_max", "verified", "sort", "page", "per_page"} <= parameters


def test_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    for n in range(30):
        ProviderProfileFactory(
            organisation__name=f"Prestataire {n:02d}",
            skills=["wordpress", "drupal", "rgpd-conformite"],
            regions=[Region.BRETAGNE, Region.NORMANDIE],
            certifications=[Certification.QUALIOPI, Certification.ESUS],
        )

    with django_assert_max_num_queries(15):
        body = providers(client, q="prestataire", skills=["wordpress", "drupal"], domain="website-cms", per_page=30)

    assert body["count"] == 30
