"""Organisations: creating one, switching the active one, settings, members and their invitations."""

from django.urls import path

from .. import converters  # noqa: F401  (the `id` path converter)
from ..views import organisations

app_name = "organisations"
urlpatterns = [
    path("nouvelle/", organisations.create, name="create"),
    path("<id:organisation_id>/activer/", organisations.switch, name="switch"),
    path("parametres/", organisations.settings_page, name="settings"),
    path("invitations/", organisations.invite, name="invite"),
    path("invitations/<id:invitation_id>/annuler/", organisations.revoke_invitation, name="revoke_invitation"),
    path("membres/<id:membership_id>/role/", organisations.change_role, name="change_role"),
    path("membres/<id:membership_id>/retirer/", organisations.remove_member, name="remove_member"),
    path("invitation/<str:token>/", organisations.invitation, name="invitation"),
]
