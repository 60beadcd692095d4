"""Sign-up, email confirmation and profile changes."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from ..emails import email_enqueue
from ..errors import AccountError
from ..models import User
from ..models.users import Language
from ..tokens import email_confirmation_token_make, email_confirmation_token_read
from .audit import audit_record


def _password_check(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), field="password") from exc


@transaction.atomic
def user_sign_up(
    *, email: str, password: str, first_name: str = "", last_name: str = "", preferred_language: str = "fr"
) -> User | None:
    """Create an account that must confirm its email before it can log in; None when the address is taken.

    A taken address is answered exactly as a new one (same checks, a password hashed, one email sent),
    so sign-up tells nobody which addresses have an account: the owner is told by email instead
    (`_sign_up_attempt_notify`), in their own language.
    """
    email = User.objects.normalize_email(email)
    if preferred_language not in Language.values:
        raise AccountError(_("Langue inconnue."), field="preferred_language")
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_language=preferred_language,
    )
    _password_check(password, user)
    user.set_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    try:
        user.full_clean(validate_unique=existing is None)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise AccountError(" ".join(messages), field=field) from exc
    if existing is not None:
        _sign_up_attempt_notify(existing)
        return None
    user.save()
    audit_record(actor=user, action="user.signed_up", target=user)
    email_confirmation_send(user=user)
    return user


def _sign_up_attempt_notify(user: User) -> None:
    """Someone signed up with an address that has an account: its owner hears of it, and nothing else changes.

    An account waiting for confirmation gets its link again, which is what its owner most likely
    needs; a suspended or deactivated one is sent nothing.
    """
    if not user.is_active:
        return
    if not user.email_confirmed:
        email_confirmation_send(user=user)
        return
    email_enqueue(
        to=user.email,
        template="sign_up_existing_account",
        context={
            "user": user,
            "login_url": conf.site_url() + reverse("accounts:login"),
            "password_reset_url": conf.site_url() + reverse("accounts:password_reset"),
        },
        language=user.preferred_language,
    )


def email_confirmation_send(*, user: User) -> None:
    """(Re)send the confirmation link; harmless for an already confirmed account."""
    if user.email_confirmed:
        return
    token = email_confirmation_token_make(user=user)
    url = conf.site_url() + reverse("accounts:confirm_email", kwargs={"token": token})
    email_enqueue(
        to=user.email,
        template="confirm_email",
        context={"user": user, "url": url, "days": conf.email_confirmation_timeout() // 86400},
        language=user.preferred_language,
    )


@transaction.atomic
def email_confirm(*, token: str) -> tuple[User, bool]:
    """Mark the address in the token as confirmed; returns the user and whether this click confirmed it.

    A second click on the same link is harmless but confirms nothing new, so
    the caller can refuse to treat an old link as a way to log in.
    """
    read = email_confirmation_token_read(token)
    if read is None:
        raise AccountError(_("Ce lien de confirmation est invalide ou a expiré. Demandez-en un nouveau."))
    user_id, email = read
    user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
    if user is None or user.email != email:
        raise AccountError(_("Ce lien de confirmation ne correspond plus à votre adresse e-mail."))
    if user.email_confirmed:
        return user, False
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    audit_record(actor=user, action="user.email_confirmed", target=user)
    return user, True


@transaction.atomic
def user_update_profile(*, user: User, first_name: str, last_name: str, preferred_language: str) -> User:
    if preferred_language not in Language.values:
        raise AccountError(_("Langue inconnue."), field="preferred_language")
    if not (first_name or "").strip():
        raise AccountError(_("Le prénom est obligatoire."), field="first_name")
    if not (last_name or "").strip():
        raise AccountError(_("Le nom est obligatoire."), field="last_name")
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language chosen with the switcher for the next emails and devices."""
    if language in Language.values and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
