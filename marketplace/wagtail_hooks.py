"""Staff screens in the Wagtail admin for the core's data (the Django admin is not exposed)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    """Staff look up organisations and correct their names or places; memberships stay with the members."""

    model = Organisation
    menu_label = _("Organisations")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 200
    list_display = ["name", "kind", "postcode", "city", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "city", "postcode"]
    form_fields = ["name", "kind", "postcode", "city"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "kind", "slug", "postcode", "city", "created_at"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("platform_organisations")
