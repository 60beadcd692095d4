"""API for an organisation's own profile, portfolio, verification and the user's notifications."""

from ninja import Router

profiles_router = Router(tags=["profils"])
