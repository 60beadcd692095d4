"""The providers' project board, under /projets/."""

from django.urls import path

from ..views import board

app_name = "board"
urlpatterns = [
    path("tableau/", board.board, name="list"),
]
