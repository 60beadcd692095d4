"""The same matching scenarios on every engine: the database engine always, OpenSearch and Elasticsearch
when they run (see `engines.py`)."""

import datetime

import pytest

from search.matching import projects_for, providers_for
from tests.project_factories import ProjectFactory

from .conftest import rebuild_indices
from .engines import OnDatabase, OnElasticsearch, OnOpenSearch


class MatchingScenarios:
    """The scenarios; combined with an engine's base class below."""

    def test_association_words_find_verified_website_and_donation_providers_first(self, marketplace):
        providers, projects = marketplace
        rebuild_indices()
        matches = providers_for(projects["website_donations"])
        names = [match.name for match in matches]
        assert names[0] == "Atelier Web Solidaire"
        assert "Sites Express" not in names, "unverified providers are never proposed"
        assert names.index("Julie Martin, développeuse freelance") < names.index("Nord Agence Digitale")
        if "Bouclier Numérique" in names:
            assert names.index("Julie Martin, développeuse freelance") < names.index("Bouclier Numérique")
        assert names.index("Atelier Web Solidaire") < names.index("Nord Agence Digitale")
        best = matches[0]
        assert any("Site vitrine" in reason and "site internet" in reason for reason in best.reasons), best.reasons
        assert any("Dons en ligne" in reason for reason in best.reasons), best.reasons
        assert any(reason.startswith("À ") and "Nantes" in reason for reason in best.reasons)
        assert any("Note 4,8/5 (14 avis)" == reason for reason in best.reasons)
        assert any("Remise solidaire de 20 %" == reason for reason in best.reasons)
        assert 0 < best.score <= 100

    def test_expensive_far_provider_is_explained(self, marketplace):
        providers, projects = marketplace
        rebuild_indices()
        matches = {match.name: match for match in providers_for(projects["website_donations"], limit=50)}
        agency = matches["Nord Agence Digitale"]
        assert agency.components["budget"] == 0
        assert any("Projet minimum de 25 000 €" in reason.replace("\xa0", " ") for reason in agency.reasons)

    def test_misspelled_description_without_accents_still_finds_them(self, marketplace):
        providers, projects = marketplace
        project = ProjectFactory(
            published=True,
            title="sit internet",
            description="besoin d'un sit internet pour l'asso et pouvoir recevoir des dons en ligne, helloaso",
            budget_min_cents=None,
            budget_max_cents=None,
            postcode="49000",
            commune="Angers",
            region="pays-de-la-loire",
        )
        rebuild_indices()
        names = [match.name for match in providers_for(project)]
        assert names[0] == "Atelier Web Solidaire"

    def test_text_only_need_is_matched_on_the_presentation(self, marketplace):
        project = ProjectFactory(
            published=True,
            project_type="other",
            title="Numériser nos archives",
            description="Nous voulons numériser les archives photographiques du club depuis 1920.",
            region="",
            postcode="",
            commune="",
        )
        rebuild_indices()
        matches = providers_for(project)
        assert matches and matches[0].name == "Mémoire Vive"
        assert matches[0].components["text"] == 1.0

    def test_security_project_ranks_the_security_provider_first(self, marketplace):
        providers, projects = marketplace
        rebuild_indices()
        matches = providers_for(projects["security"])
        assert matches[0].name == "Bouclier Numérique"
        assert any("Label ExpertCyber" in reason for reason in matches[0].reasons)
        assert matches[0].components["certifications"] == 1.0

    def test_projects_for_a_provider_are_open_projects_in_its_field(self, marketplace):
        providers, projects = marketplace
        rebuild_indices()
        titles = [match.name for match in projects_for(providers["web_nantes"])]
        assert titles[0] == "Un site pour notre association"
        assert "Un brouillon de site internet" not in titles, "drafts are private"
        security = [match.name for match in projects_for(providers["cyber_angers"])]
        assert security[0] == "Audit de sécurité de nos postes"

    def test_already_invited_and_quoting_providers_are_flagged(self, marketplace):
        from tests.project_factories import ProjectInvitationFactory

        providers, projects = marketplace
        project = projects["website_donations"]
        ProjectInvitationFactory(project=project, provider=providers["web_nantes"].organisation)
        rebuild_indices()
        best = providers_for(project)[0]
        assert best.invited and best.flags == ["Déjà invité"]

    def test_a_provider_that_lets_invitations_expire_ranks_lower_and_says_why(self, marketplace):
        providers, projects = marketplace
        project = projects["website_donations"]
        rebuild_indices()
        before = {match.name: match for match in providers_for(project, limit=50)}
        assert [match.name for match in providers_for(project)][0] == "Atelier Web Solidaire"

        _invitation_history(providers["web_nantes"].organisation, answered=1, expired=3)
        after = {match.name: match for match in providers_for(project, limit=50)}

        late = after["Atelier Web Solidaire"]
        # 3 expired of 4 due: (0.75 - 0.2) / 0.8 of the maximum penalty of 30 %.
        assert late.score == pytest.approx(before["Atelier Web Solidaire"].score * (1 - 0.3 * 0.55 / 0.8), abs=0.02)
        assert late.flags == ["Répond souvent après le délai"]
        assert "Répond souvent après le délai : 3 invitations sur 4 restées sans réponse à temps (12 mois)" in (
            late.reasons
        )
        julie = "Julie Martin, développeuse freelance"
        assert after[julie].score == before[julie].score, "the others keep their score"

    def test_a_few_missed_invitations_or_a_good_record_change_nothing(self, marketplace):
        providers, projects = marketplace
        project = projects["website_donations"]
        rebuild_indices()
        before = providers_for(project, limit=50)

        _invitation_history(providers["web_nantes"].organisation, answered=0, expired=2)  # fewer than 3 due
        _invitation_history(providers["cyber_angers"].organisation, answered=9, expired=1)  # 10 %, tolerated
        after = providers_for(project, limit=50)

        assert [(match.name, match.score) for match in after] == [(match.name, match.score) for match in before]
        assert not any("Répond souvent" in flag for match in after for flag in match.flags)

    def test_a_provider_unverified_after_indexing_disappears_at_once(self, marketplace):
        providers, projects = marketplace
        rebuild_indices()
        organisation = providers["web_nantes"].organisation
        organisation.verification_status = "rejected"
        organisation.save()
        names = [match.name for match in providers_for(projects["website_donations"])]
        assert "Atelier Web Solidaire" not in names

    def test_nothing_indexed_yet_gives_no_matches_not_an_error(self, marketplace):
        providers, projects = marketplace
        assert providers_for(projects["website_donations"]) == []


def _invitation_history(provider, *, answered: int, expired: int) -> None:
    """Past invitations of other projects, within the last 12 months: some answered in time, some left to expire."""
    from django.utils import timezone

    from tests.project_factories import ProjectInvitationFactory

    deadline = timezone.now() - datetime.timedelta(days=30)
    for _ in range(answered):
        ProjectInvitationFactory(
            provider=provider,
            respond_by=deadline,
            responded_at=deadline - datetime.timedelta(hours=5),
            response="proposal",
        )
    for _ in range(expired):
        ProjectInvitationFactory(provider=provider, respond_by=deadline, expired_at=deadline)


class TestDatabaseEngine(MatchingScenarios, OnDatabase):
    pass


class TestOpenSearchEngine(MatchingScenarios, OnOpenSearch):
    pass


class TestElasticsearchEngine(MatchingScenarios, OnElasticsearch):
    pass
