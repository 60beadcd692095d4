from marketplace.errors import DomainError


class AssessmentError(DomainError):
    """An assessment or questionnaire rule refused the operation (shown as a form error or a message)."""
