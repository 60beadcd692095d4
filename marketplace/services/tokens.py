"""Personal API tokens: creation (secret shown once), revocation, authentication."""

import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..auth_backends import account_may_sign_in, sign_in_failure, sign_in_throttle
from ..errors import NotFound, TokenError
from ..models import ApiToken
from ..tokens import new_secret, secret_hash
from .audit import audit_record

TOKEN_SCHEME = "psl"  # noqa: S105 - a public prefix, not a secret
MAX_ACTIVE_TOKENS = 20
MAX_LIFETIME_DAYS = 366
# Writing last_used_at on every request would make each API call a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is never stored nor shown again."""
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Donnez un nom à ce jeton pour le reconnaître."), field="name")
    if len(name) > 100:
        raise TokenError(_("Le nom ne peut pas dépasser 100 caractères."), field="name")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_LIFETIME_DAYS:
        raise TokenError(
            _("La durée de validité doit être comprise entre 1 et %(max)s jours.") % {"max": MAX_LIFETIME_DAYS},
            field="expires_in_days",
        )
    now = timezone.now()
    active = (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .count()
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise TokenError(_("Vous avez déjà %(max)s jetons actifs : révoquez-en un.") % {"max": MAX_ACTIVE_TOKENS})
    prefix = secrets.token_hex(4)
    secret = new_secret(32)
    raw = f"{TOKEN_SCHEME}_{prefix}_{secret}"
    expires_at = now + timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, token_hash=secret_hash(raw), expires_at=expires_at
    )
    audit_record(actor=user, action="api_token.created", target=token, data={"name": name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; another user's token id is reported as unknown."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound(_("Jeton introuvable."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="api_token.revoked", target=token)
    return token


def api_token_authenticate(raw: str, *, request=None):
    """The user behind a raw token, or None. Constant-time comparison of hashes.

    Held to the rules of every way in (`marketplace.auth_backends`): an address that failed too
    often is refused (`SignInRefused`, 429), an unknown token counts as a failure, and the token of
    an account suspended, deactivated or not confirmed opens nothing.
    """
    sign_in_throttle(request=request)
    parts = (raw or "").strip().split("_", 2)
    token = None
    if len(parts) == 3 and parts[0] == TOKEN_SCHEME:
        token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.token_hash, secret_hash(raw.strip())):
        sign_in_failure(request=request)
        return None
    if not token.is_active or not account_may_sign_in(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
