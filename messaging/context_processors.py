"""The unread-messages badge of the navigation."""

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count_for


def unread_messages(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages without the navigation (JSON, downloads) cost no query.
    return {"messages_unread_count": SimpleLazyObject(lambda: unread_count_for(user=user))}
