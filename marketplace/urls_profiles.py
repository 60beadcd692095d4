"""The organisation's own profile, verification, portfolio, documents and the user's notifications."""

app_name = "profiles"
urlpatterns = []
