"""Supporting documents, streamed from private storage to members of their organisation and to staff only.

There is no public URL for them: anyone else, logged in or not, gets the same
404 as for a document that does not exist.
"""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from ..errors import NotFound
from ..selectors.profiles import verification_document_for_user


def document_response(document) -> FileResponse:
    """The file as a download: never rendered by the browser, whatever its bytes say."""
    try:
        handle = document.file.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def download(request, document_id: int):
    try:
        document = verification_document_for_user(user=request.user, document_id=document_id)
    except NotFound as error:
        raise Http404(error.message) from error
    return document_response(document)
