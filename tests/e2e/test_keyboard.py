"""Keyboard-only use: the skip link comes first and leads to the content, focus is visible, and the
confirmation dialog keeps focus inside it, closes with Escape and gives focus back to the button."""

import pytest

from tests.main_pages import prepare_demo

from .browsing import DEMO_MARKS, log_in

pytestmark = DEMO_MARKS

IN_DIALOG = "() => !!document.activeElement.closest('dialog[open]')"


@pytest.fixture
def demo():
    prepare_demo()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo, page):
    page.goto("/ressources/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Aller au contenu"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # shown on screen once focused
    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert outline not in ("0px", "")  # the focused link shows where the keyboard is


def test_the_confirmation_dialog_traps_focus_and_gives_it_back(demo, page):
    log_in(page, "asso@demo.test")
    page.goto("/organisations/parametres/")
    remove = page.get_by_role("button", name="Retirer benevole@demo.test")
    remove.focus()

    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Confirmer")
    assert dialog.is_visible()
    assert "Retirer ce membre ?" in dialog.inner_text()
    assert page.locator(":focus").inner_text() == "Annuler"  # the safe choice first
    for key in ("Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"):
        page.keyboard.press(key)
        assert page.evaluate(IN_DIALOG), f"focus left the modal dialog after {key}"

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("() => document.activeElement.textContent").startswith("Retirer")
    assert page.get_by_text("benevole@demo.test").first.is_visible()  # nothing was removed

    page.keyboard.press("Enter")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer").click()
    assert page.get_by_role("button", name="Retirer benevole@demo.test").count() == 0
