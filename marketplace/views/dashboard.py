"""The page a user lands on after logging in: their organisation at a glance, or how to get one."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..selectors.activity import activity_list_for_organisation
from ..selectors.dashboards import dashboard_projects_for
from ..selectors.organisations import invitation_list_pending, organisation_member_list


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
    }
    return render(request, "dashboard/dashboard.html", context)
