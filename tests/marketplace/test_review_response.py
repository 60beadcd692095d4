"""The reviewed side answers a review once, from the project page; nobody else can."""

import pytest

from marketplace.services.projects import project_close, project_mark_delivered, project_start
from marketplace.services.reviews import review_create

from ..project_factories import awarded_project, member_of, quoting_provider

pytestmark = pytest.mark.django_db
SCORES = {"quality": 5, "communication": 4, "deadlines": 5, "value": 4, "comment": "Très bon travail."}


@pytest.fixture
def reviewed():
    project, proposal, association, provider = awarded_project()
    project_start(membership=provider, project_id=project.pk)
    project_mark_delivered(membership=provider, project_id=project.pk)
    project_close(membership=association, project_id=project.pk)
    review = review_create(membership=association, project_id=project.pk, data=SCORES)
    review_create(membership=provider, project_id=project.pk, data=SCORES)  # both wrote: both are public
    review.refresh_from_db()
    return review, provider


def test_the_provider_answers_once_from_the_project_page(client, reviewed):
    review, provider = reviewed
    client.force_login(provider.user)
    page = client.get(f"/projets/{review.project_id}/").content.decode()
    assert "Répondre à cet avis (une seule fois, publiquement)" in page

    response = client.post(
        f"/projets/avis/{review.pk}/reponse/", {"response": "Merci pour votre confiance !"}, follow=True
    )
    content = response.content.decode()
    assert "Merci pour votre confiance !" in content
    assert "Répondre à cet avis" not in content

    again = client.post(f"/projets/avis/{review.pk}/reponse/", {"response": "Encore"}, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["Vous avez déjà répondu à cet avis."]
    review.refresh_from_db()
    assert review.response == "Merci pour votre confiance !"


def test_an_empty_answer_is_refused_with_a_message(client, reviewed):
    review, provider = reviewed
    client.force_login(provider.user)
    response = client.post(f"/projets/avis/{review.pk}/reponse/", {"response": "  "}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Écrivez une réponse (2 000 caractères au plus)."]


def test_other_organisations_cannot_answer(client, reviewed):
    review, _provider = reviewed
    for outsider in (quoting_provider(), member_of(review.project.organisation)):
        client.force_login(outsider.user)
        assert client.post(f"/projets/avis/{review.pk}/reponse/", {"response": "Pas moi"}).status_code == 404
    review.refresh_from_db()
    assert review.response == ""
