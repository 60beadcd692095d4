"""The providers' project board: what it shows, its filters and sort orders, in Python and through the API."""

import datetime
import json

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.errors import PermissionDenied
from marketplace.filters.projects import OrganisationProjectFilterSet, ProjectSort
from marketplace.geography import Region
from marketplace.models import Project, ProjectInvitation, Proposal, Skill
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.projects import ProjectState, Visibility
from marketplace.selectors.project_lists import ProjectFilterError, organisation_projects_for
from marketplace.services.tokens import api_token_create
from search.filters.board import BoardFilterSet
from search.selectors.board import project_board_filterset, project_board_for

from ..factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def association(db):
    return OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION, name="Les Amis du Quartier", verification_status=VerificationStatus.VERIFIED
    )


@pytest.fixture
def provider(db):
    return OrganisationFactory(
        kind=OrganisationKind.PROVIDER, name="Atelier Numérique", verification_status=VerificationStatus.VERIFIED
    )


_published_at = [0]


def make_project(association, title, *, skills=(), **fields):
    """A project straight in the database: the board reads, it does not care how projects were written."""
    _published_at[0] += 1
    values = {
        "project_type": "website",
        "description": "Une description suffisamment longue pour le tableau.",
        "state": ProjectState.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=100 - _published_at[0]),
        "region": Region.AUVERGNE_RHONE_ALPES,
        **fields,
    }
    project = Project.objects.create(organisation=association, title=title, **values)
    project.skills.set(Skill.objects.filter(slug__in=skills))
    return project


def titles(projects) -> list[str]:
    return [project.title for project in projects]


def board(provider, **params) -> list[str]:
    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [str(value)])
    return titles(project_board_for(organisation=provider, params=query))


# What the board shows


def test_the_board_shows_published_projects_the_provider_may_see(association, provider):
    rival = OrganisationFactory(kind=OrganisationKind.PROVIDER, verification_status=VerificationStatus.VERIFIED)
    make_project(association, "Ouvert")
    make_project(association, "Brouillon", state=ProjectState.DRAFT, published_at=None)
    make_project(association, "Attribué", state=ProjectState.AWARDED)
    make_project(association, "Annulé", state=ProjectState.CANCELLED)
    make_project(association, "Expiré", state=ProjectState.EXPIRED)
    invited = make_project(association, "Sur invitation", visibility=Visibility.INVITED_ONLY)
    make_project(association, "Invitation d'un autre", visibility=Visibility.INVITED_ONLY)
    ProjectInvitation.objects.create(project=invited, provider=provider)
    ProjectInvitation.objects.create(project=invited, provider=rival)  # no duplicate row for it
    Proposal.objects.create(project=invited, provider=provider)

    assert board(provider) == ["Sur invitation", "Ouvert"]


def test_an_unverified_provider_has_an_empty_board(association):
    pending = OrganisationFactory(kind=OrganisationKind.PROVIDER, verification_status=VerificationStatus.PENDING)
    make_project(association, "Ouvert")

    assert board(pending) == []


def test_the_board_is_for_providers(association):
    with pytest.raises(PermissionDenied):
        project_board_for(organisation=association, params={})


def test_an_associations_list_is_its_own_projects_in_every_state(association):
    other = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    make_project(association, "Publié")
    make_project(association, "Brouillon", state=ProjectState.DRAFT, published_at=None)
    make_project(other, "Pas le mien")

    every = titles(organisation_projects_for(organisation=association, params={}))
    drafts = titles(organisation_projects_for(organisation=association, params=QueryDict("state=draft")))

    assert every == ["Brouillon", "Publié"]  # newest first
    assert drafts == ["Brouillon"]


# Filters


def test_filter_by_type_any_of(association, provider):
    make_project(association, "Site", project_type="website")
    make_project(association, "CRM", project_type="crm")
    make_project(association, "Formation", project_type="training")

    assert board(provider, type="crm") == ["CRM"]
    assert board(provider, type=["crm", "website"]) == ["CRM", "Site"]


def test_filter_by_skills_any_of(association, provider):
    make_project(association, "WordPress", skills=["wordpress"])
    make_project(association, "Les deux", skills=["wordpress", "crm-associatif"])
    make_project(association, "CRM", skills=["crm-associatif"])
    make_project(association, "Sans compétence")

    assert board(provider, skills="wordpress") == ["Les deux", "WordPress"]
    assert board(provider, skills=["wordpress", "crm-associatif"]) == ["CRM", "Les deux", "WordPress"]


def test_filter_by_region_and_remote(association, provider):
    make_project(association, "Lyon", region=Region.AUVERGNE_RHONE_ALPES, remote_ok=False)
    make_project(association, "Rennes", region=Region.BRETAGNE, remote_ok=True)
    make_project(association, "Paris", region=Region.ILE_DE_FRANCE, remote_ok=True)

    assert board(provider, region="bretagne") == ["Rennes"]
    assert board(provider, region=["bretagne", "auvergne-rhone-alpes"]) == ["Rennes", "Lyon"]
    assert board(provider, remote="true") == ["Paris", "Rennes"]
    assert board(provider, remote="false") == ["Lyon"]


@pytest.fixture
def budgets(association):
    make_project(association, "1 000-3 000", budget_min_cents=100_000, budget_max_cents=300_000)
    make_project(association, "5 000-8 000", budget_min_cents=500_000, budget_max_cents=800_000)
    make_project(association, "4 000 et plus", budget_min_cents=400_000)
    make_project(association, "jusqu'à 2 000", budget_max_cents=200_000)
    make_project(association, "inconnu")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["inconnu", "jusqu'à 2 000", "4 000 et plus", "5 000-8 000", "1 000-3 000"]),
        ({"budget_min": 2500, "budget_max": 4500}, ["4 000 et plus", "1 000-3 000"]),
        ({"budget_min": 6000}, ["4 000 et plus", "5 000-8 000"]),
        ({"budget_max": 1500}, ["jusqu'à 2 000", "1 000-3 000"]),
        ({"budget_min": 3000, "budget_max": 3000}, ["1 000-3 000"]),  # bounds are inclusive
        ({"budget_max": 1000}, ["jusqu'à 2 000", "1 000-3 000"]),
        ({"budget_min": 0}, ["jusqu'à 2 000", "4 000 et plus", "5 000-8 000", "1 000-3 000"]),
        ({"budget_min": 9000, "budget_max": 9500}, ["4 000 et plus"]),
    ],
)
def test_filter_by_overlapping_budget_ranges(provider, budgets, params, expected):
    assert board(provider, **params) == expected


def test_filter_by_answer_deadline(association, provider):
    make_project(association, "Dans 10 jours", answer_deadline=days(10))
    make_project(association, "Dans 20 jours", answer_deadline=days(20))
    make_project(association, "Dans 40 jours", answer_deadline=days(40))
    make_project(association, "Sans date")

    assert board(provider, answer_deadline_before=days(20)) == ["Dans 20 jours", "Dans 10 jours"]
    assert board(provider, answer_deadline_after=days(20)) == ["Dans 40 jours", "Dans 20 jours"]
    assert board(provider, answer_deadline_after=days(11), answer_deadline_before=days(39)) == ["Dans 20 jours"]


# Sort orders


@pytest.fixture
def three(association):
    make_project(association, "Ancien", answer_deadline=days(30), budget_min_cents=100_000, budget_max_cents=900_000)
    make_project(association, "Moyen", budget_min_cents=500_000)
    make_project(association, "Récent", answer_deadline=days(5))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["Récent", "Moyen", "Ancien"]),
        ("recent", ["Récent", "Moyen", "Ancien"]),
        ("deadline", ["Récent", "Ancien", "Moyen"]),  # undated last
        ("budget", ["Ancien", "Moyen", "Récent"]),  # by the top of the range, unknown last
    ],
)
def test_sort_orders(provider, three, sort, expected):
    assert board(provider, **({"sort": sort} if sort else {})) == expected


def test_sort_choices_are_the_documented_ones():
    assert ProjectSort.values == ["recent", "deadline", "budget"]


# Invalid parameters


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"type": "fusée"}, "type"),
        ({"skills": "pas-une-competence"}, "skills"),
        ({"region": "atlantide"}, "region"),
        ({"budget_min": "mille"}, "budget_min"),
        ({"budget_min": "-1"}, "budget_min"),
        ({"budget_max": str(10**30)}, "budget_max"),
        ({"budget_min": "NaN"}, "budget_min"),
        ({"budget_min": "5000", "budget_max": "1000"}, "budget_max"),
        ({"answer_deadline_after": "demain"}, "answer_deadline_after"),
        ({"answer_deadline_after": days(10), "answer_deadline_before": days(1)}, "answer_deadline_before"),
        ({"sort": "hasard"}, "sort"),
    ],
)
def test_invalid_parameters_raise_one_error_per_field(provider, params, field):
    with pytest.raises(ProjectFilterError) as caught:
        board(provider, **params)

    assert list(caught.value.errors) == [field]
    assert all(isinstance(message, str) and message for message in caught.value.errors[field])
    assert caught.value.field == field


def test_the_html_board_gets_a_bound_filterset_with_its_form(association, provider):
    make_project(association, "Site", project_type="website")

    valid = project_board_filterset(organisation=provider, params=QueryDict("type=website&sort=deadline"))
    invalid = project_board_filterset(organisation=provider, params=QueryDict("budget_min=abc"))
    empty = project_board_filterset(organisation=provider, params=None)

    assert valid.is_valid()
    assert titles(valid.qs) == ["Site"]
    assert set(valid.form.fields) >= {"type", "skills", "region", "remote", "budget_min", "sort"}
    assert not invalid.is_valid()
    assert "budget_min" in invalid.form.errors
    assert empty.is_valid()
    assert titles(empty.qs) == ["Site"]


def test_the_filterset_filters_any_queryset_it_is_given(association):
    make_project(association, "Site", project_type="website")
    make_project(association, "Brouillon CRM", project_type="crm", state=ProjectState.DRAFT, published_at=None)

    filterset = OrganisationProjectFilterSet(QueryDict("type=crm"), queryset=Project.objects.all())

    assert titles(filterset.qs) == ["Brouillon CRM"]
    assert "state" not in BoardFilterSet.base_filters  # the board never shows another state than published


def test_board_queries_do_not_grow_with_the_number_of_projects(association, provider, django_assert_max_num_queries):
    def run(n):
        for i in range(n):
            make_project(association, f"Projet {i}", skills=["wordpress", "crm-associatif"])
        with CaptureQueriesContext(connection) as queries:
            projects = project_board_for(organisation=provider, params=QueryDict("skills=wordpress&sort=budget"))
            for project in projects:
                project.organisation.name, [skill.label for skill in project.skills.all()]
        return len(queries)

    few = run(2)
    many = run(10)

    assert few == many <= 4  # skill choices, projects with their association, their skills


# Through the API

API = "/api/v1/projects"


@pytest.fixture
def provider_user(provider):
    return MembershipFactory(organisation=provider, role=Role.MEMBER).user


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="Tableau")
    return {"Authorization": f"Bearer {raw}"}


def get(client, query, auth):
    return client.get(f"{API}{query}", headers=auth)


def test_api_board_filters_sorts_and_pages(client, association, provider, provider_user, budgets):
    auth = bearer(provider_user)

    by_budget = get(client, "?sort=budget&budget_min=1000", auth).json()
    second_page = get(client, "?sort=budget&page=2&page_size=2", auth).json()

    assert [p["title"] for p in by_budget["items"]] == ["5 000-8 000", "4 000 et plus", "1 000-3 000", "jusqu'à 2 000"]
    assert by_budget["count"] == 4
    assert (second_page["count"], second_page["page"], second_page["page_size"]) == (5, 2, 2)
    assert [p["title"] for p in second_page["items"]] == ["1 000-3 000", "jusqu'à 2 000"]
    first = by_budget["items"][0]
    assert (first["budget_min_cents"], first["budget_max_cents"], first["organisation_name"]) == (
        500_000,
        800_000,
        "Les Amis du Quartier",
    )


def test_api_board_takes_repeated_parameters(client, association, provider, provider_user):
    make_project(association, "WordPress à Rennes", skills=["wordpress"], region=Region.BRETAGNE)
    make_project(association, "CRM à Lyon", project_type="crm", skills=["crm-associatif"])
    make_project(association, "Formation", project_type="training")
    auth = bearer(provider_user)

    body = get(client, "?skills=wordpress&skills=crm-associatif&type=website&type=crm", auth).json()
    remote_only = get(client, "?remote=false&region=bretagne", auth).json()

    assert [p["title"] for p in body["items"]] == ["CRM à Lyon", "WordPress à Rennes"]
    assert {s["slug"] for s in body["items"][1]["skills"]} == {"wordpress"}
    assert remote_only["items"] == []


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("?skills=pas-une-competence", 400, "skills"),
        ("?budget_min=5000&budget_max=10", 400, "budget_max"),
        ("?answer_deadline_after=2030-01-10&answer_deadline_before=2030-01-01", 400, "answer_deadline_before"),
        ("?type=fusée", 422, "type.0"),
        ("?region=atlantide", 422, "region.0"),
        ("?budget_min=-5", 422, "budget_min"),
        ("?budget_max=" + "9" * 40, 422, "budget_max"),
        ("?remote=peut-être", 422, "remote"),
        ("?answer_deadline_before=2030-02-30", 422, "answer_deadline_before"),
        ("?sort=hasard", 422, "sort"),
    ],
)
def test_api_board_refuses_invalid_parameters(client, provider_user, query, status, field):
    response = get(client, query, bearer(provider_user))

    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert field in body["errors"], body


def test_api_board_queries_do_not_grow_with_the_number_of_projects(client, association, provider, provider_user):
    auth = bearer(provider_user)
    get(client, "", auth)  # the token's first use is recorded once; measure the calls after it

    def measure(n):
        for i in range(n):
            make_project(association, f"Projet {i}", skills=["wordpress"])
        with CaptureQueriesContext(connection) as queries:
            response = get(client, "?skills=wordpress&page_size=100", auth)
        assert response.status_code == 200
        return len(queries), len(response.json()["items"])

    few, shown_few = measure(2)
    many, shown_many = measure(10)

    assert (shown_few, shown_many) == (2, 12)
    assert few == many


def test_api_association_list_is_its_own_projects(client, association):
    owner = MembershipFactory(organisation=association, role=Role.OWNER).user
    make_project(association, "Publié")
    make_project(association, "Brouillon", state=ProjectState.DRAFT, published_at=None)
    auth = bearer(owner)

    every = get(client, "", auth).json()
    drafts = get(client, "?state=draft&state=cancelled", auth).json()

    assert [p["title"] for p in every["items"]] == ["Brouillon", "Publié"]
    assert [p["title"] for p in drafts["items"]] == ["Brouillon"]
    assert json.loads(json.dumps(drafts))["items"][0]["state"] == "draft"


def test_board_search_forgives_a_typo_and_highlights_the_words(client, search_engine, index_now):
    from search.indexing import index_enqueue
    from tests.project_factories import ProjectFactory, VerifiedProviderFactory, member_of

    wanted = ProjectFactory(
        published=True, title="Migration <b>vers</b> Microsoft 365", description="Migration de nos boîtes mail."
    )
    other = ProjectFactory(published=True, title="Refonte du site", description="Un site vitrine.")
    index_enqueue(kind="project", ids=[wanted.pk, other.pk])
    index_now()
    member = member_of(VerifiedProviderFactory())
    client.force_login(member.user)
    page = client.get("/projets/tableau/", {"q": "migraton"}).content.decode()
    assert "Refonte du site" not in page
    assert "<mark>Migration</mark>" in page
    assert "<b>vers</b>" not in page, "user text stays escaped around the marks"
