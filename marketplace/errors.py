"""Domain errors of the core. Their messages are translated and shown to users as they are."""


class DomainError(Exception):
    """A rule of the domain refused the operation; `field` names the input at fault, if any."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class AccountError(DomainError):
    pass


class OrganisationError(DomainError):
    pass


class TokenError(DomainError):
    pass


class ProjectError(DomainError):
    pass


class ProposalError(DomainError):
    pass


class ReviewError(DomainError):
    pass


class SecondFactorError(DomainError):
    pass


class SecondFactorThrottled(SecondFactorError):
    """Too many wrong codes in a row: the device refuses any code for a while."""

    status_code = 429


class SignInRefused(AccountError):
    """A way in (login form, Wagtail admin, API token) refused the attempt; `code` says why.

    `code` is one of `throttled`, `invalid_login`, `inactive` and `unconfirmed`, so each way in can
    word it (the site's login form offers a new confirmation link); `user` is set only once the
    password was right, for the unconfirmed case.
    """

    def __init__(self, message, *, code: str, user=None):
        super().__init__(message)
        self.code = code
        self.user = user
        self.status_code = 429 if code == "throttled" else 400
