"""What every page's layout needs: the user's organisations for the switcher."""

from marketplace.selectors.organisations import membership_list_for_user


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_memberships": membership_list_for_user(user=user),
        "active_membership": getattr(request, "membership", None),
        "active_organisation": getattr(request, "organisation", None),
    }
