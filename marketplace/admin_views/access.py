"""Who counts as platform staff in the admin: Wagtail admin access is not enough, `is_staff` is required."""

from django.core.exceptions import PermissionDenied


def is_platform_staff(user) -> bool:
    """The same test `verification_decide` applies, so a screen never offers what the service refuses."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


class StaffRequiredMixin:
    """Refuse non-staff before anything is looked up.

    Raising Django's PermissionDenied lets Wagtail's `require_admin_access`
    answer as it does everywhere in the admin (back to the dashboard with
    "you do not have permission"), and the object's existence never leaks.
    """

    def dispatch(self, request, *args, **kwargs):
        if not is_platform_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
