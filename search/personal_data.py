"""Search's part of a person's data: the board searches they saved.

Registered in `SearchConfig.ready()` (see `marketplace.personal_data`). A saved search belongs to its
organisation, whose members all see and change it; when the person who saved it deletes their account, the
search stays with the organisation without their name (`created_by` becomes null) and its alerts go to no one
in particular until a member saves it again.
"""

from marketplace.personal_data import ExportSection

from .models import SavedSearch


def search_export_section(user) -> ExportSection:
    saved = [
        {
            "organisation": search.organisation.name,
            "name": search.name,
            "query": search.query,
            "in_app_alert": search.in_app,
            "email_alert": search.email,
            "created_at": search.created_at.isoformat(),
        }
        for search in SavedSearch.objects.filter(created_by=user).select_related("organisation").order_by("pk")
    ]
    return ExportSection(data={"saved_searches": saved})
