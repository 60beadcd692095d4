"""What the header and the dashboard show about the user's own things, computed only if a template reads it."""

from django.utils.functional import SimpleLazyObject

from .selectors.notifications import notification_list, notification_unread_count
from .selectors.profiles import profile_completeness, verification_overview

LATEST_UNREAD = 5


def my_organisation(request):
    """Unread notifications for the header; the active organisation's verification and profile for the dashboard.

    Lazy: a page that does not show them costs no query.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {
        "notifications_unread_count": SimpleLazyObject(lambda: notification_unread_count(user=user)),
        "notifications_latest_unread": SimpleLazyObject(
            lambda: list(notification_list(user=user, unread_only=True)[:LATEST_UNREAD])
        ),
    }
    membership = getattr(request, "membership", None)
    if membership is not None:
        context["organisation_verification"] = SimpleLazyObject(lambda: verification_overview(membership=membership))
        context["organisation_completeness"] = SimpleLazyObject(
            lambda: profile_completeness(organisation=membership.organisation)
        )
    return context
