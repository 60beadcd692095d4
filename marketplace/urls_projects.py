"""Projects: the association's needs and the providers' quotes."""

from django.urls import path

from .views import projects

app_name = "projects"
urlpatterns = [
    path("<id:project_id>/", projects.detail, name="detail"),
]
