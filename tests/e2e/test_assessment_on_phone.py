"""An association volunteer takes the digital self-assessment on a phone, then publishes the project it suggests.

Journey of the self-assessment on the demo data, in Chromium at a phone's width:
every step fits the screen, the answers are saved as they go, the result shows
its scores as bars and as a table, and the suggested brief becomes a published
project with its matched providers in one step.
"""

import re

import pytest

from .browsing import DEMO_MARKS, log_in, seed_demo

pytestmark = DEMO_MARKS

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def demo():
    seed_demo()


def _weakest_answer_ids(question_ids):
    from assessment.models import Choice

    weakest = {}
    for choice in Choice.objects.filter(question_id__in=question_ids).order_by("score", "sort_order", "pk"):
        weakest.setdefault(choice.question_id, choice.pk)
    return weakest


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_take_the_assessment_on_a_phone_and_publish_the_suggested_project(demo, page):
    page.set_viewport_size(PHONE)
    log_in(page, "asso@demo.test")
    page.goto("/diagnostic/")
    page.get_by_role("button", name=re.compile("^(Commencer|Refaire|Reprendre) le diagnostic$")).click()

    steps = 0
    while True:
        steps += 1
        assert _fits_the_screen(page), page.url
        progress = page.get_by_text(re.compile(r"^Étape \d+ sur \d+$"))
        assert progress.is_visible()
        names = page.locator("main input[type=radio]").evaluate_all("inputs => [...new Set(inputs.map(i => i.name))]")
        answers = _weakest_answer_ids([int(name[1:]) for name in names])
        for question_id, choice_id in answers.items():
            page.locator(f"input[name='q{question_id}'][value='{choice_id}']").check()
        finish = page.get_by_role("button", name="Voir mes résultats")
        if finish.count():
            finish.click()
            break
        page.get_by_role("button", name="Suivant").click()
    assert steps == 6

    page.wait_for_url(re.compile(r"/diagnostic/\d+/resultats/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Résultats de votre diagnostic"
    assert _fits_the_screen(page)
    table = page.get_by_role("table", name="Scores sur 100 par axe")
    assert table.get_by_role("row").count() == 7  # a header and six axes
    assert page.get_by_text("Pourquoi : vos").first.is_visible()

    page.get_by_role("link", name="Relire et publier ce projet").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre projet, prêt à publier"
    assert _fits_the_screen(page)
    assert len(page.locator("#id_description").input_value()) > 100
    page.get_by_role("button", name="Publier le projet").click()

    page.wait_for_url(re.compile(r"/projets/\d+/$"))
    assert page.get_by_text("Votre projet est publié").is_visible()
    assert page.get_by_role("heading", name="Prestataires pour ce projet").is_visible()
    assert _fits_the_screen(page)
