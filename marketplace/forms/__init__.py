"""Forms of the core. They check shapes; services check the rules and raise DomainError."""

from django import forms

from ..errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal next to the field it names, or at the top of the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
