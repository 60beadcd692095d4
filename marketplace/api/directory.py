"""Public API of the provider directory and the skills taxonomy."""

from ninja import Router

directory_router = Router(tags=["annuaire"])
