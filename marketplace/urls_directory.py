"""Public pages: the provider directory and public organisation pages."""

app_name = "directory"
urlpatterns = []
