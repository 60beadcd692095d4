"""The user's notifications: the list, and marking one or all of them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..errors import NotFound
from ..selectors.notifications import notification_get, notification_list, notification_unread_count
from ..services.notifications import notification_mark_read

PER_PAGE = 30


@login_required
@require_GET
def notification_list_page(request):
    page = Paginator(notification_list(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "unread_count": notification_unread_count(user=request.user)}
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request, notification_id: int):
    try:
        notification_get(user=request.user, notification_id=notification_id)
    except NotFound as error:
        raise Http404(error.message) from error
    notification_mark_read(user=request.user, notification_id=notification_id)
    return redirect("profiles:notifications")


@login_required
@require_POST
def notification_read_all(request):
    marked = notification_mark_read(user=request.user)
    if marked:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("profiles:notifications")
