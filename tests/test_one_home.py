"""One home per rule, read from the code with the standard library's `ast`.

- A set of states lives on its state enum (`ProjectState.EDITABLE`, see `marketplace/states.py`): no module keeps
  its own tuple, list or set of states, nor compares a state with a literal list of values.
- Settings are read through the package's `conf.py`: no `getattr(settings, ...)` anywhere, and no
  `from django.conf import settings` elsewhere (models may name `settings.AUTH_USER_MODEL`, Django's idiom).
- Money is formatted by `marketplace/money.py` alone: no f-string writes "€" or "EUR" next to a value, no
  `number_format`, no `cents / 100` and no `divmod(cents, 100)` elsewhere.

The demo is left out: it is being moved to its own app and rewritten to seed through the services.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ["marketplace", "search", "messaging", "billing", "cms", "assessment", "community", "impact", "frontend"]
MONEY_HOME = Path("marketplace/money.py")
STATE_FIELDS = {"state", "verification_status"}  # our models' state fields (Stripe's `status` is not ours)
MONEY_WORDS = ("cents", "euro", "price", "budget", "amount")


def product_modules() -> list[Path]:
    modules = []
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or "demo" in relative.parts or relative.name == "demo.py":
                continue
            modules.append(relative)
    return modules


def _is_state_member(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id.endswith(("State", "Status"))
        and node.attr.isupper()
    )


def _is_string_collection(node) -> bool:
    return (
        isinstance(node, ast.Tuple | ast.List | ast.Set)
        and bool(node.elts)
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    )


def _names_a_state(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr in STATE_FIELDS) or (
        isinstance(node, ast.Name) and node.id in STATE_FIELDS
    )


def state_sets(source: str) -> list[int]:
    """Lines that spell out a set of states instead of reading it from the enum."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and node.elts and all(map(_is_state_member, node.elts)):
            found.append(node.lineno)
        elif isinstance(node, ast.Compare) and _names_a_state(node.left):
            if any(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(
                _is_string_collection(c) for c in node.comparators
            ):
                found.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg and node.arg.endswith(("state__in", "verification_status__in")):
            if _is_string_collection(node.value):
                found.append(node.value.lineno)
    return found


def settings_reads(source: str, *, is_conf: bool) -> list[int]:
    """Lines that read Django settings outside the package's conf.py."""
    tree = ast.parse(source)
    found = []
    imported_at = []
    attributes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr":
            if node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == "settings":
                found.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "django.conf":
            if any(alias.name == "settings" for alias in node.names):
                imported_at.append(node.lineno)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "settings":
            attributes.add(node.attr)
    if imported_at and not is_conf and not attributes <= {"AUTH_USER_MODEL"}:
        found.extend(imported_at)
    return found


def _mentions(node, words=("cents",)) -> bool:
    names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
    names += [n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)]
    return any(word in name.lower() for name in names for word in words)


def money_formatting(source: str) -> list[int]:
    """Lines that turn cents into text (or into euros with decimals) somewhere else than the one formatter."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
            texts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if "€" in texts or " EUR" in texts:
                found.append(node.lineno)
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None and _mentions(node.value):
            found.append(node.lineno)
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "number_format" and any(_mentions(arg, MONEY_WORDS) for arg in node.args):
                found.append(node.lineno)
            elif name == "divmod" and len(node.args) == 2 and _mentions(node.args[0]):
                if isinstance(node.args[1], ast.Constant) and node.args[1].value == 100:
                    found.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _mentions(node.left):
            if isinstance(node.right, ast.Constant) and node.right.value == 100:
                found.append(node.lineno)
    return sorted(set(found))


def test_the_detectors_catch_each_kind_of_copy():
    assert state_sets("EDITABLE = (ProjectState.DRAFT, ProjectState.PUBLISHED)") == [1]
    assert state_sets("ok = project.state in ('held', 'confirmed')") == [1]
    assert state_sets("Q(state__in=['waiting', 'offered'])") == [1]
    assert state_sets("ok = project.state in ProjectState.EDITABLE") == []
    assert settings_reads("from django.conf import settings\nx = getattr(settings, 'X', 1)", is_conf=True) == [2]
    assert settings_reads("from django.conf import settings\nx = settings.SITE_URL", is_conf=False) == [1]
    assert settings_reads("from django.conf import settings\nx = settings.SITE_URL", is_conf=True) == []
    assert settings_reads("from django.conf import settings\nfk = settings.AUTH_USER_MODEL", is_conf=False) == []
    assert money_formatting("text = f'{euros} €'") == [1]
    assert money_formatting("text = f'{order.amount_cents / 100:.2f}'") == [1]
    assert money_formatting("euros, rest = divmod(total_cents, 100)") == [1]
    assert money_formatting("text = number_format(amount, 2)") == [1]
    assert money_formatting("text = number_format(size / mebibyte, 1)") == []
    assert money_formatting("text = format_money(cents, decimals=2)") == []


def _offences(check) -> list[str]:
    offences = []
    for path in product_modules():
        source = (ROOT / path).read_text(encoding="utf-8")
        offences.extend(f"{path}:{line}" for line in check(path, source))
    return offences


@pytest.mark.parametrize(
    ("rule", "check"),
    [
        ("a set of states outside its enum", lambda path, source: state_sets(source)),
        (
            "settings read outside the package's conf.py",
            lambda path, source: settings_reads(source, is_conf=path.name == "conf.py"),
        ),
        (
            "money formatted outside marketplace/money.py",
            lambda path, source: [] if path == MONEY_HOME else money_formatting(source),
        ),
    ],
    ids=["states", "settings", "money"],
)
def test_each_rule_has_one_home(rule, check):
    offences = _offences(check)
    assert not offences, f"{rule}: " + ", ".join(offences)
