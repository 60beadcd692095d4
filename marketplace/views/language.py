from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from ..services.accounts import user_set_language


@require_POST
def switch_language(request):
    """Django's set_language, plus remembering the choice on the account for emails and other devices."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        user_set_language(user=request.user, language=language)
    return response
