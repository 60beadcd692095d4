"""What every page's layout needs: the user's organisations for the switcher, the site's menus."""

from marketplace.selectors.organisations import membership_list_for_user


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_memberships": getattr(request, "memberships", None) or membership_list_for_user(user=user),
        "active_membership": getattr(request, "membership", None),
        "active_organisation": getattr(request, "organisation", None),
    }


def site_menus(request):
    """The editors' menus (sections in the header, legal and help pages in the footer), computed on first use."""
    from django.utils.functional import SimpleLazyObject

    from cms.navigation import site_menus as build

    return {"site_menus": SimpleLazyObject(lambda: build(request))}
