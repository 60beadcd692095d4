"""Reviews people see: blind until both sides wrote (or 14 days), on public pages and the API, reported by anyone,
hidden only by staff, and the figures kept in one place."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.models import AuditEntry, ProviderProfile, Reputation, Review, ReviewReport
from marketplace.models.organisations import Role
from marketplace.models.profiles import FieldOfAction
from marketplace.models.reviews import ReviewReportState
from marketplace.services.projects import project_mark_delivered, project_start
from marketplace.services.reviews import review_create, review_hide, reviews_publish_due

from ..factories import UserFactory
from ..profile_factories import AssociationProfileFactory
from ..project_factories import VerifiedAssociationFactory, awarded_project, member_of, quoting_provider
from ..second_factor import verified_login

pytestmark = pytest.mark.django_db

API = "/api/v1"


def scores(quality, communication=None, deadlines=None, value=None, **extra) -> dict:
    communication = quality if communication is None else communication
    deadlines = quality if deadlines is None else deadlines
    value = quality if value is None else value
    return {"quality": quality, "communication": communication, "deadlines": deadlines, "value": value, **extra}


def delivered(provider, *, association=None, field=FieldOfAction.CULTURE, title=None):
    """A project delivered by `provider` for a (new) association with a public page in `field`."""
    association = association or member_of(VerifiedAssociationFactory(), Role.OWNER)
    if not hasattr(association.organisation, "association_profile"):
        AssociationProfileFactory(
            organisation=association.organisation, field_of_action=field, is_public=True, public_fields=[]
        )
    project, _proposal, association, provider = awarded_project(
        association_membership=association, provider_membership=provider
    )
    if title:
        project.title = title
        project.save(update_fields=["title"])
    project_start(membership=association, project_id=project.pk)
    project_mark_delivered(membership=provider, project_id=project.pk)
    return project, association


def public_review(provider, data, *, association=None, field=FieldOfAction.CULTURE) -> Review:
    """The association's review of `provider`, made public by the provider's own review."""
    project, association = delivered(provider, association=association, field=field)
    review = review_create(membership=association, project_id=project.pk, data=data)
    review_create(membership=provider, project_id=project.pk, data=scores(5))
    review.refresh_from_db()
    return review


@pytest.fixture
def provider():
    return quoting_provider(name="Octet Solidaire")


def provider_page(client, provider, **params):
    return client.get(f"/prestataires/{provider.organisation.slug}/", params)


# Double-blind publication


def test_a_blind_review_is_read_by_its_author_only(client, provider):
    project, association = delivered(provider)
    review_create(membership=association, project_id=project.pk, data=scores(2, comment="Livré en retard, sans doc."))

    client.force_login(association.user)
    own_page = client.get(f"/projets/{project.pk}/").content.decode()
    assert "Livré en retard, sans doc." in own_page
    assert "Votre avis, pas encore publié" in own_page
    assert "Modifier votre avis" in own_page

    client.force_login(provider.user)
    their_page = client.get(f"/projets/{project.pk}/").content.decode()
    assert "Livré en retard" not in their_page
    assert "L&#x27;autre partie a donné son avis" in their_page or "L'autre partie a donné son avis" in their_page

    client.logout()
    assert "Livré en retard" not in provider_page(client, provider).content.decode()
    listed = client.get(f"{API}/directory/providers/{provider.organisation.slug}/reviews").json()
    assert (listed["count"], listed["results"]) == (0, [])
    assert ProviderProfile.objects.get(organisation=provider.organisation).rating_count == 0


def test_both_reviews_publish_together_when_the_second_is_written(client, provider):
    project, association = delivered(provider)
    review_create(membership=association, project_id=project.pk, data=scores(4, comment="Très pédagogue."))

    client.force_login(provider.user)
    response = client.post(
        f"/projets/{project.pk}/avis/",
        {**{k: str(v) for k, v in scores(5).items()}, "comment": "Brief clair, paiement rapide."},
        follow=True,
    )

    assert "votre avis et celui de l&#x27;autre partie sont publiés" in response.content.decode()
    assert Review.objects.filter(project=project, is_published=True).count() == 2
    client.logout()
    assert "Très pédagogue." in provider_page(client, provider).content.decode()
    association_page = client.get(f"/associations/{association.organisation.slug}/").content.decode()
    assert "Brief clair, paiement rapide." in association_page
    assert "Paiement dans les délais" in association_page  # providers rate how the association behaved


def test_a_lone_review_publishes_fourteen_days_after_it_was_written(provider):
    project, association = delivered(provider)
    review = review_create(membership=association, project_id=project.pk, data=scores(3))

    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - datetime.timedelta(days=13, hours=23))
    assert reviews_publish_due() == 0
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - datetime.timedelta(days=14, minutes=1))
    out = []
    call_command("publish_due_reviews", stdout=type("Out", (), {"write": lambda self, text: out.append(text)})())

    review.refresh_from_db()
    assert review.is_published and review.published_at is not None
    assert "".join(out).strip() == "1 avis publié(s)."
    reputation = Reputation.objects.get(organisation=provider.organisation)
    assert (reputation.count, reputation.average, reputation.distribution) == (1, 3, [0, 0, 1, 0, 0])


def test_the_author_changes_a_blind_review_but_not_a_published_one(client, provider):
    project, association = delivered(provider)
    review = review_create(membership=association, project_id=project.pk, data=scores(2, comment="Moyen."))
    client.force_login(association.user)

    client.post(f"/projets/{project.pk}/avis/", {**{k: str(v) for k, v in scores(4).items()}, "comment": "Bien."})
    review.refresh_from_db()
    assert (review.rating, review.comment) == (4, "Bien.")

    review_create(membership=provider, project_id=project.pk, data=scores(5))
    response = client.post(
        f"/projets/{project.pk}/avis/", {**{k: str(v) for k, v in scores(1).items()}, "comment": "Nul."}, follow=True
    )
    review.refresh_from_db()
    assert (review.rating, review.comment) == (4, "Bien.")
    assert "Votre avis est publié : il ne peut plus être modifié." in response.content.decode()
    assert "Modifier votre avis" not in response.content.decode()


def test_no_review_before_delivery_through_the_page(client, provider):
    project, _proposal, association, _provider = awarded_project(provider_membership=provider)
    client.force_login(association.user)

    response = client.post(f"/projets/{project.pk}/avis/", {k: str(v) for k, v in scores(5).items()})

    assert response.status_code == 400
    assert "Les avis s&#x27;écrivent une fois le projet livré." in response.content.decode()
    assert not Review.objects.exists()


# Public pages


def test_the_provider_page_shows_figures_each_review_and_the_answers(client, provider, django_assert_max_num_queries):
    named = public_review(provider, scores(5, 4, 5, 4, comment="Site livré, bénévoles formés."))
    public_review(provider, scores(2, comment="Pas à l'écoute.", is_anonymous=True), field=FieldOfAction.CULTURE)
    for _ in range(10):
        public_review(provider, scores(4))
    Review.objects.filter(pk=named.pk).update(response="Merci pour votre confiance !", responded_at=timezone.now())

    with django_assert_max_num_queries(30):
        page = provider_page(client, provider)
    html = page.content.decode()

    assert "sur 12 avis" in html
    assert "Qualité du travail" in html and "Rapport qualité-prix" in html
    assert "Page 1 sur 2" in html
    worst = provider_page(client, provider, tri="worst").content.decode()
    assert "Pas à l&#x27;écoute." in worst and "Site livré, bénévoles formés." not in worst
    assert "Une association du secteur culture et patrimoine" in worst
    best = provider_page(client, provider, tri="best").content.decode()
    assert "Site livré, bénévoles formés." in best and "Merci pour votre confiance !" in best
    assert named.author.name in best
    assert "Pas à l&#x27;écoute." not in best  # the worst one is on the second page of the best first
    # An unknown sort or page falls back to the default rather than failing.
    assert provider_page(client, provider, tri="'><script>", page="zzz").status_code == 200


def test_the_anonymous_association_is_never_named_in_pages_or_api(client, provider):
    review = public_review(provider, scores(3, comment="Correct.", is_anonymous=True), field=FieldOfAction.SPORT)
    name = review.author.name

    html = provider_page(client, provider).content.decode()
    api = client.get(f"{API}/directory/providers/{provider.organisation.slug}/reviews").json()

    assert name not in html and name not in json.dumps(api)
    assert "Une association du secteur sport" in html
    assert api["results"][0]["author"] == "Une association du secteur sport"
    assert api["results"][0]["author_url"] is None


def test_the_api_pages_sorts_and_refuses_bad_parameters(client, provider):
    for quality in (1, 5, 3):
        public_review(provider, scores(quality))
    url = f"{API}/directory/providers/{provider.organisation.slug}/reviews"

    best = client.get(url, {"sort": "best"}).json()
    assert [row["rating"] for row in best["results"]] == [5.0, 3.0, 1.0]
    assert best["reputation"]["distribution"][0] == {"stars": 5, "count": 1, "percent": 33}
    assert best["reputation"]["average"] == 3.0
    assert client.get(url, {"sort": "random"}).status_code == 422
    assert client.get(url, {"page": 0}).status_code == 422
    card = client.get(f"{API}/directory/providers/{provider.organisation.slug}").json()
    assert (card["rating"], card["review_count"]) == (3.0, 3)


def test_an_unverified_provider_s_reviews_are_not_found(client, provider):
    public_review(provider, scores(4))
    provider.organisation.verification_status = "rejected"
    provider.organisation.save(update_fields=["verification_status"])

    assert client.get(f"{API}/directory/providers/{provider.organisation.slug}/reviews").status_code == 404
    assert provider_page(client, provider).status_code == 404


# Reports and moderation


def test_anyone_reports_and_only_staff_hide_with_a_reason_kept(client, provider):
    review = public_review(provider, scores(1, comment="Appelez-moi au 06 12 34 56 78."))
    report_url = f"/avis/{review.pk}/signaler/"

    assert client.post(report_url, {"reason": "nonsense"}).status_code == 400
    response = client.post(report_url, {"reason": "personal", "details": "Un numéro de téléphone"}, follow=True)
    assert "votre signalement est transmis" in response.content.decode()
    assert ReviewReport.objects.get().state == ReviewReportState.OPEN
    assert "06 12 34 56 78" in provider_page(client, provider).content.decode(), "a report alone hides nothing"

    member = member_of(VerifiedAssociationFactory()).user
    client.force_login(member)
    assert client.get("/admin/avis_signales/").status_code in (302, 403)

    staff = UserFactory(is_staff=True, is_superuser=True)
    verified_login(client, staff)
    queue = client.get("/admin/avis_signales/").content.decode()
    assert provider.organisation.name in queue
    decision = f"/admin/avis_signales/{review.pk}/"
    assert "Un numéro de téléphone" in client.get(decision).content.decode()
    missing_reason = client.post(decision, {"decision": "hide", "reason": ""})
    assert missing_reason.status_code == 200 and not Review.objects.get(pk=review.pk).hidden_at
    client.post(decision, {"decision": "hide", "reason": "Coordonnées personnelles"})

    review.refresh_from_db()
    assert review.hidden_at is not None and review.hidden_reason == "Coordonnées personnelles"
    assert ReviewReport.objects.get().state == ReviewReportState.HIDDEN
    entry = AuditEntry.objects.get(action="review.hidden")
    assert (entry.actor, entry.data["reason"]) == (staff, "Coordonnées personnelles")
    client.logout()
    assert "06 12 34 56 78" not in provider_page(client, provider).content.decode()
    assert ProviderProfile.objects.get(organisation=provider.organisation).rating_count == 0
    assert client.post(report_url, {"reason": "abuse"}).status_code == 404

    verified_login(client, staff)
    client.post(decision, {"decision": "restore", "reason": "Numéro retiré par l'auteur"})
    review.refresh_from_db()
    assert review.hidden_at is None
    assert AuditEntry.objects.filter(action="review.restored", data__reason="Numéro retiré par l'auteur").exists()
    assert ProviderProfile.objects.get(organisation=provider.organisation).rating_count == 1


def test_a_blind_review_cannot_be_reported_and_unknown_ones_are_not_found(client, provider):
    project, association = delivered(provider)
    blind = review_create(membership=association, project_id=project.pk, data=scores(3))

    assert client.get(f"/avis/{blind.pk}/signaler/").status_code == 404
    assert client.post("/avis/999999/signaler/", {"reason": "fake"}).status_code == 404
    assert not ReviewReport.objects.exists()


def test_the_aggregates_follow_publication_hiding_and_restoring(provider):
    first = public_review(provider, scores(5))
    public_review(provider, scores(3, 3, 3, 2))
    staff = UserFactory(is_staff=True)

    reputation = Reputation.objects.get(organisation=provider.organisation)
    assert (reputation.count, str(reputation.average), str(reputation.value)) == (2, "3.88", "3.50")
    assert reputation.distribution == [0, 0, 1, 0, 1]

    review_hide(review_id=first.pk, staff=staff, reason="Faux avis")
    reputation.refresh_from_db()
    assert (reputation.count, str(reputation.average), reputation.distribution) == (2 - 1, "2.75", [0, 0, 1, 0, 0])


# Directory


def test_the_directory_shows_filters_and_sorts_by_rating(client, provider):
    public_review(provider, scores(5))
    public_review(provider, scores(4))
    weaker = quoting_provider(name="Numérique Partagé")
    public_review(weaker, scores(3))
    quoting_provider(name="Sans Avis")

    listing = client.get("/prestataires/", {"sort": "rating"}).content.decode()
    assert "4,5/5 · 2 avis" in listing
    assert listing.index("Octet Solidaire") < listing.index("Numérique Partagé") < listing.index("Sans Avis")

    filtered = client.get("/prestataires/", {"min_rating": "4"}).content.decode()
    assert "Octet Solidaire" in filtered and "Numérique Partagé" not in filtered and "Sans Avis" not in filtered
    refused = client.get("/prestataires/", {"min_rating": "7"})
    assert "Note minimale inconnue" in refused.content.decode()

    api = client.get(f"{API}/directory/providers", {"sort": "rating", "min_rating": "3"}).json()
    assert [(row["name"], row["rating"], row["review_count"]) for row in api["results"]] == [
        ("Octet Solidaire", 4.5, 2),
        ("Numérique Partagé", 3.0, 1),
    ]
