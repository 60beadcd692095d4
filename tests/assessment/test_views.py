import pytest
from django.urls import reverse

from assessment.models import Assessment, AssessmentState
from tests.project_factories import VerifiedProviderFactory, member_of

from .builders import association_member, build_version, choices_for, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return build_version()


def _step(assessment, number):
    return reverse("assessment:step", args=[assessment.pk, number])


def _post_step(client, assessment, number, answers, action):
    data = {f"q{question}": choice for question, choice in answers.items()}
    return client.post(_step(assessment, number), {**data, "action": action})


def _answers_of_axis(version, key, label="Oui"):
    return {
        q: c
        for q, c in choices_for(version, default=label).items()
        if version.axes.get(key=key).questions.filter(pk=q).exists()
    }


def test_an_association_goes_through_the_steps_and_sees_its_results(client, version):
    membership = association_member()
    client.force_login(membership.user)
    page = client.get(reverse("assessment:home"))
    assert "Commencer le diagnostic" in page.content.decode()
    response = client.post(reverse("assessment:start"))
    assessment = Assessment.objects.get(organisation=membership.organisation)
    assert response.url == _step(assessment, 1)
    first = client.get(_step(assessment, 1)).content.decode()
    assert "Étape 1 sur 3" in first and "Pourquoi la question 1 compte." in first
    response = _post_step(client, assessment, 1, _answers_of_axis(version, "equipment", "Non"), "next")
    assert response.url == _step(assessment, 2)
    _post_step(client, assessment, 2, _answers_of_axis(version, "collaboration", "En partie"), "next")
    response = _post_step(client, assessment, 3, _answers_of_axis(version, "skills"), "finish")
    assert response.url == reverse("assessment:result", args=[assessment.pk])
    result = client.get(response.url).content.decode()
    assert "Score global : 50 sur 100" in result
    assert "Équipement et réseaux" in result and "<caption" in result  # the table beside the chart
    assert "Conseil pour équipement et réseaux" in result
    assert "Relire et publier ce projet" in result


def test_moving_on_needs_every_answer_of_the_step_but_saving_for_later_does_not(client, version):
    membership = association_member()
    client.force_login(membership.user)
    client.post(reverse("assessment:start"))
    assessment = Assessment.objects.get(organisation=membership.organisation)
    one = dict(list(_answers_of_axis(version, "equipment").items())[:1])
    response = _post_step(client, assessment, 1, one, "next")
    assert response.status_code == 400
    assert "Choisissez une réponse." in response.content.decode()
    assert assessment.answers.count() == 0
    response = _post_step(client, assessment, 1, one, "save")
    assert response.url == reverse("assessment:home")
    assert assessment.answers.count() == 1
    home = client.get(reverse("assessment:home")).content.decode()
    assert "Reprendre le diagnostic" in home
    # Resuming lands on the first step with a question left, the saved answer ticked.
    response = client.post(reverse("assessment:start"))
    assert response.url == _step(assessment, 1)
    page = client.get(response.url).content.decode()
    assert "checked" in page and "1 réponse enregistrée sur 6" in page


def test_an_unknown_step_is_a_404_and_a_completed_assessment_goes_to_its_results(client, version):
    membership = association_member()
    client.force_login(membership.user)
    done = take(membership, version)
    assert client.get(_step(done, 1)).url == reverse("assessment:result", args=[done.pk])
    ongoing = Assessment.objects.create(organisation=membership.organisation, version=version)
    assert client.get(_step(ongoing, 9)).status_code == 404


def test_another_organisation_gets_404_everywhere(client, version):
    owner = association_member()
    done = take(owner, version, default="Non")
    ongoing = Assessment.objects.create(
        organisation=owner.organisation, version=version, state=AssessmentState.IN_PROGRESS
    )
    stranger = association_member()
    client.force_login(stranger.user)
    for url in (
        _step(ongoing, 1),
        reverse("assessment:result", args=[done.pk]),
        reverse("assessment:brief", args=[done.pk, "equipment"]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(_step(ongoing, 1), {"action": "save"})
    assert response.status_code == 404
    assert client.post(reverse("assessment:brief", args=[done.pk, "equipment"]), {}).status_code == 404


def test_providers_are_told_it_is_for_associations(client, version):
    provider = member_of(VerifiedProviderFactory())
    client.force_login(provider.user)
    response = client.get(reverse("assessment:home"))
    assert response.status_code == 403
    assert "réservé aux associations" in response.content.decode()
    assert client.post(reverse("assessment:start")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, version):
    response = client.get(reverse("assessment:home"))
    assert response.status_code == 302 and "connexion" in response.url


def test_without_a_questionnaire_the_page_says_it_is_coming(client):
    membership = association_member()
    client.force_login(membership.user)
    assert "bientôt disponible" in client.get(reverse("assessment:home")).content.decode()
    response = client.post(reverse("assessment:start"), follow=True)
    assert "pas encore disponible" in response.content.decode()


def test_progress_over_time_shows_each_assessment_and_the_change(client, version):
    membership = association_member()
    take(membership, version, default="Non")
    latest = take(membership, version, {"equipment": "Oui"}, default="Non")
    client.force_login(membership.user)
    page = client.get(reverse("assessment:result", args=[latest.pk])).content.decode()
    assert "Votre progression" in page
    assert "0 (+100)" in page  # equipment went from 0 to 100
    home = client.get(reverse("assessment:home")).content.decode()
    assert home.count("Voir les résultats du") == 2
    assert "Refaire le diagnostic" in home


def test_the_dashboard_and_the_menu_lead_associations_to_the_assessment(client, version):
    membership = association_member()
    client.force_login(membership.user)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Faire le diagnostic" in page and reverse("assessment:home") in page
    done = take(membership, version, default="Non")
    page = client.get(reverse("dashboard")).content.decode()
    assert "Score global de 0 sur 100" in page
    assert reverse("assessment:result", args=[done.pk]) in page
    provider = member_of(VerifiedProviderFactory())
    client.force_login(provider.user)
    assert reverse("assessment:home") not in client.get(reverse("dashboard")).content.decode()
