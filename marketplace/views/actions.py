"""One-button actions of the pages: run a service, say how it went, go back.

Why one home: every such button answers the same way. A service's `NotFound` is a 404 (the object is not
this user's to act on, or does not exist); any other refusal (`DomainError`) is an error message on the page
the user comes back to; success is a message of the view's choosing.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse

from ..errors import DomainError, NotFound


def action_run(request, action: Callable[[], object], *, success: str, then: HttpResponse) -> HttpResponse:
    """Run `action`; then `then` (a redirect), with the success or the refusal as a message."""
    try:
        action()
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return then
