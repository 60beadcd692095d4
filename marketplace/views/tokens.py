"""Personal API tokens: list, create (secret shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..errors import DomainError, NotFound
from ..forms import add_domain_error
from ..forms.accounts import ApiTokenForm
from ..selectors.tokens import api_token_list
from ..services.tokens import api_token_create, api_token_revoke

_NEW_TOKEN_SESSION_KEY = "new_api_token"  # noqa: S105 - a session key name


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(user=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            # Shown on the next page only, then forgotten.
            request.session[_NEW_TOKEN_SESSION_KEY] = {"name": token.name, "raw": raw}
            return redirect("accounts:tokens")
    context = {
        "form": form,
        "tokens": api_token_list(user=request.user),
        "new_token": request.session.pop(_NEW_TOKEN_SESSION_KEY, None),
    }
    return render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    try:
        token = api_token_revoke(user=request.user, token_id=token_id)
    except NotFound as error:
        raise Http404(error.message) from error
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("accounts:tokens")
