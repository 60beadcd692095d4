"""What matching asks an engine for: candidates for a need, described without any engine's query language."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MatchProbe:
    """Find the `size` best candidates of an index for a need.

    `kind` is the index searched ("provider" or "project"); `text` is scored against the candidates' text
    fields; `skills` are taxonomy slugs with their weight; `only` holds the boolean filters that must be true
    (`verified` for providers, `open` for projects); place and budget steer which candidates come back first.
    """

    kind: str
    text: str
    skills: dict[str, float] = field(default_factory=dict)
    only: tuple[str, ...] = ()
    location: tuple[float, float] | None = None
    region: str = ""
    remote_ok: bool = True
    budget: int | None = None
    exclude_ids: tuple[int, ...] = ()
    size: int = 120


@dataclass
class Candidate:
    """An engine's answer for one document: its source and the text relevance, in the engine's own scale."""

    id: int
    source: dict
    text_score: float = 0.0
