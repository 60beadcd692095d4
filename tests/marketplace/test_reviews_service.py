"""Reviews after delivery: each side once, four criteria from 1 to 5, blind until both wrote, the rating kept."""

from decimal import Decimal

import pytest
from django.conf import settings

from marketplace.errors import NotFound, ReviewError
from marketplace.models import Notification, ProviderProfile, Review
from marketplace.models.organisations import Role
from marketplace.models.projects import ProposalState
from marketplace.services.projects import project_close, project_mark_delivered, project_start
from marketplace.services.reviews import review_create, review_hide, review_respond

from ..factories import UserFactory
from ..project_factories import (
    ProposalFactory,
    VerifiedAssociationFactory,
    VerifiedProviderFactory,
    awarded_project,
    member_of,
    quoting_provider,
)

# On PostgreSQL the lifecycle and reviews lock the project with select_related("awarded_proposal"), a nullable
# foreign key (LEFT OUTER JOIN), which PostgreSQL refuses to lock; SQLite ignores FOR UPDATE and hides it.
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
pytestmark = pytest.mark.django_db

GOOD = {"quality": 5, "communication": 5, "deadlines": 4, "value": 4, "comment": "  Très bon travail, merci !  "}


@pytest.fixture
def association():
    return member_of(VerifiedAssociationFactory(name="Les Amis du Quartier"), Role.MEMBER, user__email="a@amis.test")


@pytest.fixture
def provider():
    return quoting_provider(name="Octet Solidaire", email="contact@octet.test")


def _delivered(association, provider, *, closed=False):
    project, _proposal, association, provider = awarded_project(
        association_membership=association, provider_membership=provider
    )
    project_start(membership=association, project_id=project.pk)
    project_mark_delivered(membership=provider, project_id=project.pk)
    if closed:
        project_close(membership=association, project_id=project.pk)
    return project


def _profile(provider) -> ProviderProfile:
    return ProviderProfile.objects.get(organisation=provider.organisation)


@pytest.mark.parametrize("closed", [False, True], ids=["delivered", "closed"])
def test_a_review_stays_blind_until_the_other_side_writes_its_own_then_both_publish(
    association, provider, closed, django_capture_on_commit_callbacks, mailoutbox
):
    project = _delivered(association, provider, closed=closed)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review = review_create(membership=association, project_id=project.pk, data=GOOD)

    assert (review.author, review.subject, review.written_by) == (
        association.organisation,
        provider.organisation,
        association.user,
    )
    assert (review.quality, review.communication, review.deadlines, review.value) == (5, 5, 4, 4)
    assert review.rating == Decimal("4.50")
    assert review.comment == "Très bon travail, merci !"
    assert not review.is_published
    profile = _profile(provider)
    assert (profile.rating_average, profile.rating_count) == (None, 0)
    received = Notification.objects.get(user=provider.user, kind="review.received")
    assert received.title == "Les Amis du Quartier a donné son avis"
    assert "Très bon travail" not in received.body
    assert [m.to for m in mailoutbox] == [["contact@octet.test"]]

    with django_capture_on_commit_callbacks(execute=True):
        answer = review_create(membership=provider, project_id=project.pk, data=GOOD)

    review.refresh_from_db()
    assert review.is_published and answer.is_published
    assert review.published_at == answer.published_at
    profile = _profile(provider)
    assert (profile.rating_average, profile.rating_count) == (Decimal("4.50"), 1)
    assert Notification.objects.filter(user=provider.user, kind="review.published").count() == 2
    assert Notification.objects.filter(user=association.user, kind="review.published").count() == 2


def test_the_provider_reviews_the_association_without_touching_its_own_rating(association, provider):
    project = _delivered(association, provider)

    review = review_create(
        membership=provider,
        project_id=project.pk,
        data={"quality": 4, "communication": 3, "deadlines": 3, "value": 3, "is_anonymous": True},
    )

    assert (review.author, review.subject, review.rating) == (
        provider.organisation,
        association.organisation,
        Decimal("3.25"),
    )
    assert not review.is_anonymous, "only an association may stay anonymous"
    profile = _profile(provider)
    assert (profile.rating_average, profile.rating_count) == (None, 0)
    assert Notification.objects.filter(user=association.user, kind="review.received").count() == 1


def test_the_rating_is_the_mean_of_the_provider_s_public_reviews(provider):
    published = []
    for scores in ((5, 5, 5, 5), (3, 3, 3, 3), (1, 1, 1, 1), (5, 5, 4, 4)):
        association = member_of(VerifiedAssociationFactory())
        project = _delivered(association, provider)
        published.append(
            review_create(
                membership=association,
                project_id=project.pk,
                data=dict(zip(("quality", "communication", "deadlines", "value"), scores, strict=True)),
            )
        )
        review_create(membership=provider, project_id=project.pk, data=GOOD)
    staff = UserFactory(is_staff=True)

    review_hide(review_id=published[2].pk, staff=staff, reason="Propos injurieux")

    profile = _profile(provider)
    # 5.00, 3.00 and 4.50 are public; the hidden 1.00 does not count.
    assert (profile.rating_average, profile.rating_count) == (Decimal("4.17"), 3)


def test_each_side_reviews_once(association, provider):
    project = _delivered(association, provider)
    review_create(membership=association, project_id=project.pk, data=GOOD)
    colleague = member_of(association.organisation, Role.OWNER)

    with pytest.raises(ReviewError) as refused:
        review_create(membership=colleague, project_id=project.pk, data=GOOD)

    assert refused.value.message == "Vous avez déjà laissé un avis sur ce projet."
    assert Review.objects.count() == 1
    assert _profile(provider).rating_count == 0, "a blind review counts for nothing yet"


@pytest.mark.parametrize("step", ["awarded", "in_progress"])
def test_no_review_before_delivery(association, provider, step):
    project, _proposal, association, provider = awarded_project(
        association_membership=association, provider_membership=provider
    )
    if step == "in_progress":
        project_start(membership=provider, project_id=project.pk)

    for author in (association, provider):
        with pytest.raises(ReviewError) as refused:
            review_create(membership=author, project_id=project.pk, data=GOOD)
        assert refused.value.message == "Les avis s'écrivent une fois le projet livré."
    assert not Review.objects.exists()


def test_outsiders_do_not_find_the_project_to_review(association, provider):
    project = _delivered(association, provider)
    losing = member_of(VerifiedProviderFactory())
    ProposalFactory(project=project, provider=losing.organisation, state=ProposalState.DECLINED)
    stranger = member_of(VerifiedAssociationFactory())

    for outsider in (losing, stranger):
        with pytest.raises(NotFound) as refused:
            review_create(membership=outsider, project_id=project.pk, data=GOOD)
        assert refused.value.message == "Projet introuvable."
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("criterion", "score"),
    [
        ("quality", 0),
        ("communication", 6),
        ("deadlines", ""),
        ("value", None),
        ("quality", "cinq"),
        ("value", -3),
    ],
)
def test_each_criterion_is_scored_from_one_to_five(association, provider, criterion, score):
    project = _delivered(association, provider)

    with pytest.raises(ReviewError) as refused:
        review_create(membership=association, project_id=project.pk, data={**GOOD, criterion: score})

    assert (refused.value.field, refused.value.message) == (criterion, "Donnez une note de 1 à 5 étoiles.")
    assert not Review.objects.exists()


def test_a_missing_criterion_is_refused(association, provider):
    project = _delivered(association, provider)
    data = {key: value for key, value in GOOD.items() if key != "deadlines"}

    with pytest.raises(ReviewError) as refused:
        review_create(membership=association, project_id=project.pk, data=data)

    assert refused.value.field == "deadlines"


def test_scores_given_as_text_are_read(association, provider):
    project = _delivered(association, provider)

    review = review_create(
        membership=association,
        project_id=project.pk,
        data={"quality": "1", "communication": "2", "deadlines": "2", "value": "2"},
    )

    assert review.rating == Decimal("1.75")


# Responding


def _public_review(association, provider, project) -> Review:
    """The association's review, published by the provider's own (a blind review cannot be answered)."""
    review = review_create(membership=association, project_id=project.pk, data=GOOD)
    review_create(membership=provider, project_id=project.pk, data=GOOD)
    review.refresh_from_db()
    return review


def test_a_blind_review_cannot_be_answered(association, provider):
    project = _delivered(association, provider)
    review = review_create(membership=association, project_id=project.pk, data=GOOD)

    with pytest.raises(NotFound):
        review_respond(membership=provider, review_id=review.pk, response="Merci")


def test_the_reviewed_side_responds_once(association, provider):
    project = _delivered(association, provider)
    review = _public_review(association, provider, project)

    answered = review_respond(membership=provider, review_id=review.pk, response="  Merci pour votre confiance !  ")

    answered.refresh_from_db()
    assert answered.response == "Merci pour votre confiance !"
    assert answered.responded_at is not None
    with pytest.raises(ReviewError) as refused:
        review_respond(membership=provider, review_id=review.pk, response="Et encore merci.")
    assert refused.value.message == "Vous avez déjà répondu à cet avis."
    answered.refresh_from_db()
    assert answered.response == "Merci pour votre confiance !"


def test_only_the_reviewed_side_responds(association, provider):
    project = _delivered(association, provider)
    review = _public_review(association, provider, project)
    stranger = member_of(VerifiedProviderFactory())

    for someone in (association, stranger):
        with pytest.raises(NotFound) as refused:
            review_respond(membership=someone, review_id=review.pk, response="Réponse")
        assert refused.value.message == "Avis introuvable."
    review.refresh_from_db()
    assert review.response == ""


@pytest.mark.parametrize("response", ["", "   ", "x" * 2001])
def test_a_response_has_one_to_two_thousand_characters(association, provider, response):
    project = _delivered(association, provider)
    review = _public_review(association, provider, project)

    with pytest.raises(ReviewError) as refused:
        review_respond(membership=provider, review_id=review.pk, response=response)

    assert (refused.value.field, refused.value.message) == (
        "response",
        "Écrivez une réponse (2 000 caractères au plus).",
    )
    review.refresh_from_db()
    assert review.responded_at is None
