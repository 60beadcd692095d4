"""How API callers authenticate: the browser's session (with CSRF), or a personal token."""

from ninja.security import HttpBearer, SessionAuth

from ..services.tokens import api_token_authenticate


class BrowserSession(SessionAuth):
    """The logged-in browser session; unsafe methods must carry the CSRF token."""


class PersonalToken(HttpBearer):
    """`Authorization: Bearer psl_…`, a token created in the account settings."""

    def authenticate(self, request, token):
        return api_token_authenticate(token, request=request)


session_auth = BrowserSession()
token_auth = PersonalToken()
