"""Highlighted fragments of the directory's results: the words marked, everything else escaped."""

from search.faceted import highlight_fragment


def test_highlight_fragment_escapes_and_marks():
    fragment = highlight_fragment("Des <em>sites</em> & des dons", {"site"})
    assert fragment == "Des &lt;em&gt;<mark>sites</mark>&lt;/em&gt; &amp; des dons"
    assert highlight_fragment("Rien à voir", {"site"}) == ""
