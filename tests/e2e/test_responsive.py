"""The main pages fit a 320 px phone (nothing wider than the screen) and a desktop; screenshots of both are kept.

On the phone, axe-core runs again: what only happens on a small screen (a
table that scrolls sideways must be reachable with the keyboard) is checked too.

Screenshots go to var/test-artefacts/screenshots/<width>/ (CI keeps var/ as
the run's artefacts), named after the page, to look at a layout without
starting the site.
"""

import re
from pathlib import Path

from django.conf import settings

from tests.main_pages import association_urls, public_urls

from .accessibility import axe_violations, describe
from .browsing import DEMO_MARKS, log_in
from .test_accessibility import demo  # noqa: F401  (a fixture)

pytestmark = DEMO_MARKS

WIDTHS = {"phone": (320, 640), "desktop": (1280, 800)}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "test-artefacts" / "screenshots"

# What may scroll sideways on its own without the page doing so: wide tables sit in a scrolling wrapper.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll('body *')) {
    if (element.parentElement.closest('.table-wrapper, pre')) continue;  // scrolls inside its wrapper
    if (element.closest('.visually-hidden, .skip-link')) continue;
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) wide.push(`${element.tagName.toLowerCase()}.${element.className}`);
  }
  return [document.documentElement.scrollWidth > width, wide.slice(0, 5)];
}"""


def _name(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "accueil"


def check_layouts(page, urls: list[str], prefix: str) -> list[str]:
    problems = []
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        folder = SCREENSHOTS / label
        folder.mkdir(parents=True, exist_ok=True)
        for url in urls:
            page.goto(url)
            scrolls, wide = page.evaluate(OVERFLOWING)
            if scrolls:
                problems.append(f"{url} at {width} px scrolls sideways; too wide: {', '.join(wide)}")
            if label == "phone":
                problems += describe(f"{url} at {width} px", axe_violations(page))
            page.screenshot(path=str(folder / f"{prefix}-{_name(url)}.png"), full_page=True)
    return problems


def test_public_pages_fit_a_phone_and_a_desktop(demo, page):  # noqa: F811
    problems = check_layouts(page, public_urls(), "public")

    assert not problems, "\n".join(problems)
    assert (SCREENSHOTS / "phone" / "public-accueil.png").stat().st_size > 0


def test_association_pages_fit_a_phone_and_a_desktop(demo, page):  # noqa: F811
    urls = association_urls()
    log_in(page, "asso@demo.test")

    problems = check_layouts(page, urls, "association")

    assert not problems, "\n".join(problems)
