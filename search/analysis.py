"""French text analysis in Python, for the database engine and for skill detection on every engine.

It follows the chain the cluster engines run (see `documents.french_analyzer`): elision, lowercase, ASCII
folding, French stop words, light stemming. The two need not agree letter for letter (the cluster's stemmer is
Savoy's; this is a smaller set of its rules), because each engine scores text against its own index and
matching only compares text scores within one engine's results.
"""

import re
import unicodedata
from functools import lru_cache

# Words that carry no meaning for matching; folded (no accents), as they are compared after folding.
STOP_WORDS = frozenset(
    """
    a ai aie ainsi alors au aucun aussi autre aux avec avoir c ca car ce ceci cela celle celles celui ces cet cette
    chaque chez ci comme comment d dans de des deja donc dont du elle elles en encore est et etaient etait ete etre
    eu fait faire fais il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous
    on ont ou par pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels qui s sa sans se ses si
    son sont sous sur t ta te tes toi ton tous tout toute toutes tres tu un une vos votre vous y voudrait voudrions
    voulons souhaite souhaitons aimerions aimerait besoin cherche cherchons avons etes suis sommes serait bien
    the and for with our we of to in on an is are be
    """.split()
)

# l'association, d'une, qu'il, jusqu'au... the article or pronoun before the apostrophe is dropped.
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


# French letters folded by a table: the common case costs one `translate`, not a pass per character.
_FRENCH_FOLD = str.maketrans(
    {
        **dict.fromkeys("àâäáã", "a"),
        **dict.fromkeys("éèêë", "e"),
        **dict.fromkeys("îïí", "i"),
        **dict.fromkeys("ôöóõ", "o"),
        **dict.fromkeys("ùûüú", "u"),
        "ç": "c",
        "ÿ": "y",
        "ñ": "n",
        "œ": "oe",
        "æ": "ae",
        "’": "'",
    }
)


def fold(text: str) -> str:
    """Lowercase without accents: « Dons en Ligne, Été » -> "dons en ligne, ete"."""
    folded = text.lower().translate(_FRENCH_FOLD)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light French stemmer: plural and feminine endings, so "associations" and "association" meet.

    Light on purpose: aggressive stemmers merge unrelated words ("formation"/"forme"), which hurts precision more
    than it helps recall on the short texts associations write.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux") and len(word) > 5:
        word = word[:-3] + "al"
    elif word[-1] in "sx":
        word = word[:-1]
    if word.endswith("euse") and len(word) > 6:
        word = word[:-4] + "eu"
    elif word.endswith("ive") and len(word) > 6:
        word = word[:-3] + "if"
    elif word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if word.endswith("er") and len(word) > 5:
        word = word[:-2]
    elif len(word) > 4 and word[-1] == word[-2] and word[-1] in "lnt":
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded words without elided articles, stop words kept: the unit of phrase matching."""
    return _WORD.findall(fold(_ELISION.sub(" ", text or "")))


def terms(text: str) -> list[str]:
    """The terms a text is indexed and searched under: folded, stop words dropped, stemmed, in order."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """Whether b is a one-letter typo of a (substitution, insertion, deletion or swap of neighbours)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def is_typo_of(term: str, known: str) -> bool:
    """Typo tolerance close to the cluster's `fuzziness: AUTO`: one edit from 5 letters on.

    Both are already folded and stemmed; the first letter must agree, since people rarely mistype it and it
    keeps "don" from matching "bon". Four-letter words only forgive a dropped last letter ("sit" for "site").
    """
    if not term or term[0] != known[0]:
        return False
    if len(known) == 4:
        return term == known[:3]
    return len(known) >= 5 and len(term) >= 4 and edit_distance_at_most_one(term, known)
