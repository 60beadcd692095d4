"""The page a user lands on after logging in: their organisation at a glance, or how to get one."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models.organisations import OrganisationKind
from ..selectors.activity import activity_list_for_organisation
from ..selectors.dashboards import dashboard_projects_for
from ..selectors.organisations import invitation_list_pending, organisation_member_list
from ..selectors.saved_providers import saved_providers_for

DASHBOARD_SAVED_PROVIDERS = 5


@login_required
def dashboard(request):
    membership = request.membership
    if membership is None:
        return render(request, "dashboard/onboarding.html")
    organisation = membership.organisation
    context = {
        "membership": membership,
        "organisation": organisation,
        "members": organisation_member_list(organisation=organisation),
        "pending_invitations": invitation_list_pending(organisation=organisation) if membership.can_manage else [],
        "activity": activity_list_for_organisation(organisation=organisation),
        "projects_overview": dashboard_projects_for(organisation=organisation),
        "saved_providers": saved_providers_for(organisation=organisation, limit=DASHBOARD_SAVED_PROVIDERS)
        if organisation.kind == OrganisationKind.ASSOCIATION
        else None,
    }
    return render(request, "dashboard/dashboard.html", context)
