"""The dependency rules of ARCHITECTURE.md, read from the code's imports with the standard library's `ast`.

The core (`marketplace`) imports none of the other packages: it announces with signals and the others subscribe.
`impact` and `demo` may read everyone and are imported by none; `config` wires everything. No module reaches for
another package's private name (a leading underscore): what a package offers others has a public name.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PACKAGES = {
    "marketplace",
    "search",
    "messaging",
    "billing",
    "cms",
    "assessment",
    "community",
    "impact",
    "demo",
    "frontend",
    "config",
}
EVERYONE = PACKAGES - {"demo", "config"}

# What each package may import besides itself. Assessment recommends the resource centre's articles, offers and
# trainings at the association's price, so it reads cms (and billing's prices through it).
ALLOWED = {
    "marketplace": set(),
    "search": {"marketplace"},
    "messaging": {"marketplace"},
    "billing": {"marketplace"},
    "cms": {"marketplace", "billing"},
    "assessment": {"marketplace", "cms", "billing"},
    "community": {"marketplace", "messaging", "search", "cms"},
    "frontend": {"marketplace", "cms"},
    "impact": EVERYONE - {"impact"},
    "demo": EVERYONE,
    "config": EVERYONE,
}


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    module: str
    name: str | None = None  # the imported name, for `from module import name`

    @property
    def package(self) -> str:
        return self.module.split(".")[0]


def imports_of(source: str, path: str = "<source>") -> list[Import]:
    """Absolute imports of a module, and attribute reads on names bound to imported modules."""
    found: list[Import] = []
    modules: dict[str, str] = {}  # local name -> imported module, for `module._private` reads
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(path, node.lineno, alias.name))
                modules[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                found.append(Import(path, node.lineno, node.module, alias.name))
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
            if node.attr.startswith("_") and not node.attr.startswith("__"):
                found.append(Import(path, node.lineno, modules[node.value.id], node.attr))
    return found


def product_modules():
    for package in sorted(PACKAGES):
        folder = ROOT / package
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield package, path


def forbidden_imports(package: str, imports: list[Import]) -> list[str]:
    return [
        f"{found.path}:{found.line} imports {found.module}"
        for found in imports
        if found.package in PACKAGES and found.package != package and found.package not in ALLOWED[package]
    ]


def private_names(package: str, imports: list[Import]) -> list[str]:
    return [
        f"{found.path}:{found.line} uses {found.module}.{found.name}"
        for found in imports
        if found.package in PACKAGES
        and found.package != package
        and found.name
        and found.name.startswith("_")
        and not found.name.startswith("__")
    ]


def _all_imports():
    for package, path in product_modules():
        yield package, imports_of(path.read_text(), str(path.relative_to(ROOT)))


def test_every_package_imports_only_what_the_architecture_allows():
    problems = [problem for package, imports in _all_imports() for problem in forbidden_imports(package, imports)]
    assert problems == []


def test_no_package_reads_another_package_private_names():
    problems = [problem for package, imports in _all_imports() for problem in private_names(package, imports)]
    assert problems == []


@pytest.mark.parametrize(
    "package,source,expected",
    [
        ("marketplace", "from search.matching import providers_for\n", 1),
        ("marketplace", "import billing.models\n", 1),
        ("marketplace", "def f():\n    from messaging import services\n", 1),
        ("search", "from marketplace.models import Project\n", 0),
        ("billing", "from demo import seeders\n", 1),
        ("cms", "from billing.pricing import price_for\n", 0),
    ],
)
def test_the_import_rule_sees_imports_wherever_they_are(package, source, expected):
    assert len(forbidden_imports(package, imports_of(source))) == expected


@pytest.mark.parametrize(
    "source",
    [
        "from marketplace.api.projects import _acting\n",
        "from marketplace.api import projects\nprojects._acting(None)\n",
        "import marketplace.services.imports as imports\nimports._chunks([])\n",
    ],
)
def test_private_names_of_another_package_are_seen(source):
    assert private_names("search", imports_of(source)) != []


def test_the_core_does_not_import_search_messaging_billing_cms_or_assessment():
    """The rule the issue names, said plainly: a regression here shows as one line."""
    core = [imports for package, imports in _all_imports() if package == "marketplace"]
    reached = {found.package for imports in core for found in imports} & PACKAGES
    assert reached <= {"marketplace"}
