"""axe-core (npm package, installed by `make test`) run inside the page: WCAG 2.1 A and AA, plus structure.

RGAA 4 is WCAG 2.1 AA with a French test method; axe's rules tagged wcag2a,
wcag2aa, wcag21a and wcag21aa are the automated part of it. The structure
rules (one h1, one main landmark, all content inside landmarks) are axe's
best practices the RGAA also asks for (criteria 9.1 and 12.6).
"""

from pathlib import Path

from ..services import missing

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STRUCTURE_RULES = ["page-has-heading-one", "landmark-one-main", "region", "landmark-unique", "heading-order"]

RUN_AXE = """async ([tags, rules]) => {
  const wcag = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const structure = await axe.run(document, {runOnly: {type: 'rule', values: rules}});
  return [...wcag.violations, ...structure.violations];
}"""


def axe_violations(page) -> list[dict]:
    """The violations on the page as shown now (after its scripts ran)."""
    if not AXE.exists():
        missing("needs axe-core: run `npm ci` (make test does)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a <script> element added to the page would be an inline
        # script, which the page's Content-Security-Policy rightly blocks.
        page.evaluate(AXE.read_text() + "\n;undefined")
    return page.evaluate(RUN_AXE, [WCAG_TAGS, STRUCTURE_RULES])


def describe(url: str, violations: list[dict]) -> list[str]:
    """One readable line per failing element (five at most per rule), for the assertion message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(f"{url}: {violation['id']} ({violation['impact']}) at {node['target']}: {violation['help']}")
    return lines
