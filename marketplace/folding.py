"""Accent and case folding, in Python and in SQL, so that every plain-text filter compares words the same way.

The search engines have their own analysis (`search.analysis`); this is for the lists SQL filters by itself
(an association's own projects, the directory before anything is indexed).
"""

import re

from django.db.models import Func, TextField

# Accent folding. SQLite runs `fold()` itself (a deterministic Python function registered on the connection); other
# databases (PostgreSQL) apply the same table with TRANSLATE, so that query words and stored text meet either way.
# Letters outside the table are compared as they are.
_FOLD_LOWER = {
    "à": "a",
    "â": "a",
    "ä": "a",
    "á": "a",
    "ã": "a",
    "ç": "c",
    "é": "e",
    "è": "e",
    "ê": "e",
    "ë": "e",
    "î": "i",
    "ï": "i",
    "í": "i",
    "ô": "o",
    "ö": "o",
    "ó": "o",
    "ù": "u",
    "û": "u",
    "ü": "u",
    "ú": "u",
    "ÿ": "y",
    "ñ": "n",
}
_LIGATURES = {"œ": "oe", "æ": "ae"}
_FOLD_TABLE = str.maketrans({**_FOLD_LOWER, **_LIGATURES})
# Both cases for TRANSLATE: with a "C" collation PostgreSQL's LOWER() leaves "É" alone.
_TRANSLATE_FROM = "".join(_FOLD_LOWER) + "".join(_FOLD_LOWER).upper()
_TRANSLATE_TO = "".join(_FOLD_LOWER.values()) * 2


def fold(text: str) -> str:
    """Lower-case, accents off: "Sécurité" -> "securite"."""
    return text.lower().translate(_FOLD_TABLE)


def _sql_fold(value):
    return None if value is None else fold(value)


class Fold(Func):
    """`fold()` as an SQL expression."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        inner, params = compiler.compile(self.source_expressions[0])
        sql = f"LOWER(TRANSLATE({inner}, %s, %s))"
        params = (*params, _TRANSLATE_FROM, _TRANSLATE_TO)
        for ligature, plain in _LIGATURES.items():
            for char in (ligature, ligature.upper()):
                sql = f"REPLACE({sql}, %s, %s)"
                params = (*params, char, plain)
        return sql, params

    def as_sqlite(self, compiler, connection, **extra_context):
        # Registering is idempotent and cheap; doing it here covers every connection, however it was opened.
        connection.ensure_connection()
        connection.connection.create_function("passerelle_fold", 1, _sql_fold, deterministic=True)
        inner, params = compiler.compile(self.source_expressions[0])
        return f"passerelle_fold({inner})", params


def search_words(text: str) -> list[str]:
    """The words of a search, folded; one-letter words (the "l" of "l'asso") would match everything."""
    return [word for word in re.findall(r"\w+", fold(text)) if len(word) > 1]
