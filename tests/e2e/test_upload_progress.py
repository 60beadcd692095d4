"""Uploads show their progress: a provider adds a portfolio entry with a picture, sees the send go on and then
the page the server answered with its message; a failed connection says so and keeps the form filled; cancelling
stops the send and creates nothing. The request is held by the browser's router so each stage can be seen."""

import io
import random
import re

import pytest
from playwright.sync_api import expect

from marketplace.models import PortfolioItem

from .browsing import DEMO_MARKS, log_in, seed_demo

pytestmark = DEMO_MARKS

NEW_ENTRY = "/mon-organisation/realisations/nouvelle/"
TITLE = "Site des Jardins de Gerland"


@pytest.fixture
def demo():
    seed_demo()


def picture() -> bytes:
    """A PNG of noise, a few hundred kilobytes: large enough for the send to take more than one progress event."""
    from PIL import Image

    rng = random.Random(7)
    image = Image.frombytes("RGB", (360, 360), bytes(rng.getrandbits(8) for _ in range(360 * 360 * 3)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def fill_entry(page) -> None:
    page.goto(NEW_ENTRY)
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Association accompagnée").fill("Les Jardins de Gerland")
    page.get_by_label("Image").set_input_files(
        files=[{"name": "jardins.png", "mimeType": "image/png", "buffer": picture()}]
    )


def hold_posts(page) -> list:
    """Keep every POST to the new-entry page waiting; the test lets each go on or fail."""
    held = []
    page.route(
        f"**{NEW_ENTRY}", lambda route: held.append(route) if route.request.method == "POST" else route.fallback()
    )
    return held


def wait_for_request(page, held: list) -> None:
    """Let the browser's router hand over the held request (it does so while Playwright waits on the page)."""
    for _attempt in range(100):
        if held:
            return
        page.wait_for_timeout(50)
    raise AssertionError("the form was not sent")


def test_the_send_shows_its_progress_then_the_answer(demo, page):
    log_in(page, "presta@demo.test")
    held = hold_posts(page)
    fill_entry(page)

    page.get_by_role("button", name="Enregistrer").click()

    box = page.locator("[data-upload-progress-box]")
    expect(box).to_be_visible()
    expect(box.get_by_label("Progression de l'envoi")).to_be_attached()
    expect(page.get_by_role("button", name="Enregistrer")).to_have_attribute("aria-disabled", "true")
    expect(box.get_by_role("button", name="Annuler l'envoi")).to_be_attached()
    wait_for_request(page, held)
    assert held[0].request.post_data_buffer and len(held[0].request.post_data_buffer) > 100_000

    held[0].continue_()

    expect(page.get_by_role("status")).to_contain_text("La réalisation est enregistrée.")
    expect(page).to_have_url(re.compile(r"/mon-organisation/profil/$"))
    expect(page.locator("main")).to_contain_text(TITLE)
    assert PortfolioItem.objects.get(title=TITLE).image


def test_a_failed_connection_says_so_and_keeps_the_form(demo, page):
    log_in(page, "presta@demo.test")
    held = hold_posts(page)
    fill_entry(page)

    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("[data-upload-progress-box]")).to_be_visible()
    wait_for_request(page, held)
    held[0].abort("connectionfailed")

    expect(page.locator("[data-upload-error]")).to_have_text(
        "L'envoi a échoué : vérifiez votre connexion, puis réessayez."
    )
    expect(page.get_by_label("Titre")).to_have_value(TITLE)
    expect(page.get_by_role("button", name="Enregistrer")).not_to_have_attribute("aria-disabled", "true")
    assert not PortfolioItem.objects.filter(title=TITLE).exists()


def test_cancelling_stops_the_send(demo, page):
    log_in(page, "presta@demo.test")
    hold_posts(page)
    fill_entry(page)

    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("button", name="Annuler l'envoi").click()

    expect(page.locator("[data-upload-progress-box]")).to_have_count(0)
    expect(page.get_by_role("button", name="Enregistrer")).to_be_focused()
    expect(page.get_by_label("Titre")).to_have_value(TITLE)
    assert not PortfolioItem.objects.filter(title=TITLE).exists()
