"""Admin screens of the resource centre's managed lists."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Theme


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


class ResourceVocabularyGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Centre de ressources")
    menu_name = "resource-centre"


register_snippet(ResourceVocabularyGroup)
