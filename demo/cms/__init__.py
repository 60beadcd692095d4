"""The resource centre's demo: themes, articles, events, FAQ and legal pages (see `seed`)."""

from .seed import CMS_ORDER, seed_cms

__all__ = ["CMS_ORDER", "seed_cms"]
