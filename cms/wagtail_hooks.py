"""Admin screens of the resource centre's managed lists, and of the searches its public list may show."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ApprovedSearch, Audience, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "name_en", "slug", "position"]
    search_fields = ["name", "name_en"]
    ordering = ["position", "name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Publics")
    list_display = ["name", "name_en", "slug", "position"]
    ordering = ["position", "name"]


class ApprovedSearchViewSet(SnippetViewSet):
    """The searches the public "Recherches fréquentes" list may show: nothing else visitors typed reaches it."""

    model = ApprovedSearch
    icon = "search"
    menu_label = _("Recherches fréquentes")
    list_display = ["query_string", "created_at"]
    search_fields = ["query_string"]
    ordering = ["query_string"]


class ResourceVocabularyGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet, ApprovedSearchViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Centre de ressources")
    menu_name = "resource-centre"


register_snippet(ResourceVocabularyGroup)
