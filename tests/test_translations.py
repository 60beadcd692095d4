"""The English catalogue is complete and compiled: no French leaks into the English interface."""

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES"


def po_entries(path: Path):
    """(msgid, [msgstr...]) pairs of a .po file, header excluded; enough of the format for our catalogue."""
    entries, current, key = [], {}, None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append((current["msgid"], current.get("fuzzy", False), current["msgstr"]))
            current, key = {}, None
        elif line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr")):
            key, _, literal = line.partition(" ")
            value = ast.literal_eval(literal)
            if key == "msgid":
                current["msgid"] = value
            elif key.startswith("msgstr"):
                current.setdefault("msgstr", []).append(value)
                key = ("msgstr", len(current["msgstr"]) - 1)
        elif line.startswith('"') and key is not None:
            value = ast.literal_eval(line)
            if key == "msgid":
                current["msgid"] += value
            elif isinstance(key, tuple):
                current["msgstr"][key[1]] += value
    return entries


def test_every_message_has_an_english_translation():
    missing = [msgid for msgid, fuzzy, msgstrs in po_entries(LOCALE / "django.po") if fuzzy or not all(msgstrs)]
    assert missing == []


def test_the_compiled_catalogue_matches_the_sources():
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        msgid
        for msgid, _, msgstrs in po_entries(LOCALE / "django.po")
        if len(msgstrs) == 1 and compiled.gettext(msgid) != msgstrs[0]
    ]
    assert stale == [], "run `make messages` to recompile locale/en"
