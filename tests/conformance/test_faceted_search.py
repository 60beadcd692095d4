"""The directory and the board served by each engine: typos, facets, highlights, pages, suggestions.

The same scenarios run on the database engine always, and on OpenSearch and Elasticsearch when they run (see
`engines.py`).
"""

from django.http import QueryDict
from django.urls import reverse

from marketplace.models.organisations import OrganisationKind, VerificationStatus
from search.selectors.board import project_board_for
from search.selectors.directory import provider_directory
from tests.factories import OrganisationFactory
from tests.project_factories import ProjectFactory

from .conftest import provider, rebuild_indices
from .engines import OnDatabase, OnElasticsearch, OnOpenSearch


def names(directory) -> list[str]:
    return [profile.organisation.name for profile in directory.providers]


def counts(directory, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in directory.facets[facet] if value.count}


class FacetedScenarios:
    """The scenarios; combined with an engine's base class below."""

    def test_a_typo_in_q_still_finds_the_provider(self, marketplace):
        rebuild_indices()
        directory = provider_directory(params=QueryDict("q=wordpres"))
        found = names(directory)
        assert "Atelier Web Solidaire" in found
        assert "Julie Martin, développeuse freelance" in found
        assert "Mémoire Vive" not in found
        assert "Sites Express" not in found, "unverified providers are never listed"

    def test_a_typo_the_substring_rule_would_miss(self, marketplace):
        rebuild_indices()
        found = names(provider_directory(params=QueryDict("q=photograhiques archives")))
        assert found == ["Mémoire Vive"]

    def test_every_word_must_match(self, marketplace):
        rebuild_indices()
        assert names(provider_directory(params=QueryDict("q=wordpress archives"))) == []

    def test_facets_are_counted_with_the_other_filters(self, marketplace):
        rebuild_indices()
        directory = provider_directory(params=QueryDict("skills=site-vitrine&remote=true"))
        assert names(directory) == ["Atelier Web Solidaire"]
        # Skills are counted without the skills filter, but with remote=true.
        skills = counts(directory, "skills")
        assert skills["site-vitrine"] == 1
        assert skills["wordpress"] == 1
        # Remote is counted without its own filter, but with the skill: the two verified web agencies.
        remote = counts(directory, "remote")
        assert remote == {"true": 1, "false": 1}

    def test_highlights_mark_the_words_and_escape_the_rest(self, marketplace):
        provider(
            "<script>alert(1)</script> Studio",
            skills=["wordpress"],
            presentation="Sites <script>alert('x')</script> WordPress & formations pour les associations.",
        )
        rebuild_indices()
        directory = provider_directory(params=QueryDict("q=wordpress"))
        by_name = {profile.organisation.name: profile for profile in directory.providers}
        studio = by_name["<script>alert(1)</script> Studio"]
        fragment = directory.highlights[studio.pk]
        assert "<mark>WordPress</mark>" in fragment
        assert "<script>" not in fragment
        assert "&lt;script&gt;" in fragment
        assert str(studio.search_highlight) == fragment

    def test_the_page_shows_the_fragment_and_escapes_the_name(self, marketplace, client):
        provider(
            "<script>alert(1)</script> Studio",
            skills=["wordpress"],
            presentation="Sites <b>WordPress</b> pour les associations.",
        )
        rebuild_indices()
        html = client.get(reverse("directory:provider_list"), {"q": "wordpress"}).content.decode()
        assert "<mark>WordPress</mark>" in html
        assert "<script>alert(1)</script>" not in html
        assert "&lt;b&gt;" in html

    def test_pages_and_totals(self, marketplace):
        for n in range(5):
            provider(f"Webmestre {n}", skills=["wordpress"], presentation="Sites WordPress pour associations.")
        rebuild_indices()
        first = provider_directory(params=QueryDict("q=wordpress&per_page=3&sort=name"))
        assert first.count == 7
        assert first.page.paginator.num_pages == 3
        assert len(first.providers) == 3
        last = provider_directory(params=QueryDict("q=wordpress&per_page=3&page=99&sort=name"))
        assert last.page.number == 3
        assert len(last.providers) == 1
        everything = [
            *names(first),
            *names(provider_directory(params=QueryDict("q=wordpress&per_page=3&page=2&sort=name"))),
            *names(last),
        ]
        assert len(set(everything)) == 7

    def test_api_results_carry_the_highlight(self, marketplace, client):
        rebuild_indices()
        body = client.get("/api/v1/directory/providers", {"q": "helloasso"}).json()
        highlights = {item["name"]: item["highlight"] for item in body["results"]}
        assert "<mark>" in highlights["Atelier Web Solidaire"]

    def test_suggest_skills_and_verified_names(self, marketplace, client):
        rebuild_indices()
        body = client.get("/api/v1/directory/suggest", {"q": "word"}).json()
        assert "wordpress" in [skill["slug"] for skill in body["skills"]]
        body = client.get("/api/v1/directory/suggest", {"q": "sites"}).json()
        assert "Sites Express" not in [item["name"] for item in body["providers"]], "unverified"
        body = client.get("/api/v1/directory/suggest", {"q": "atelier w"}).json()
        assert [item["name"] for item in body["providers"]] == ["Atelier Web Solidaire"]
        assert body["providers"][0]["url"].endswith("/")
        body = client.get("/api/v1/directory/suggest", {"q": "memoi"}).json()
        assert [item["name"] for item in body["providers"]] == ["Mémoire Vive"]

    def test_suggest_skills_ignore_accents_and_case(self, marketplace, client):
        body = client.get("/api/v1/directory/suggest", {"q": "SECURI"}).json()
        assert "audit-securite" in [skill["slug"] for skill in body["skills"]]
        assert len(body["skills"]) <= 8

    def test_board_text_search_with_typos(self, marketplace):
        viewer = OrganisationFactory(
            kind=OrganisationKind.PROVIDER, name="Regard Numérique", verification_status=VerificationStatus.VERIFIED
        )
        ProjectFactory(published=True, title="Numérisation de nos archives", description="Photos anciennes du club.")
        rebuild_indices()
        found = [p.title for p in project_board_for(organisation=viewer, params=QueryDict("q=rancongiciel"))]
        assert found == ["Audit de sécurité de nos postes"]
        found = [p.title for p in project_board_for(organisation=viewer, params=QueryDict("q=archivs"))]
        assert found == ["Numérisation de nos archives"]
        assert "Un brouillon de site internet" not in [
            p.title for p in project_board_for(organisation=viewer, params=QueryDict("q=site"))
        ]


class TestDatabaseEngine(FacetedScenarios, OnDatabase):
    def test_nothing_indexed_keeps_substring_matching(self, marketplace):
        # Rows written with factories and no indexing: `q` still answers, as LIKE did.
        found = names(provider_directory(params=QueryDict("q=wordpress")))
        assert "Atelier Web Solidaire" in found


class TestOpenSearchEngine(FacetedScenarios, OnOpenSearch):
    pass


class TestElasticsearchEngine(FacetedScenarios, OnElasticsearch):
    pass
