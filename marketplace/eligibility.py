"""What an organisation may do depending on its verification.

Enforced by the services that do those things (publishing a project, pricing
an order, matching), never only hidden in templates. Other packages call these
functions rather than reading `verification_status` themselves.
"""

from django.utils.translation import gettext as _

from .errors import PermissionDenied
from .models import Organisation
from .models.organisations import VerificationStatus
from .models.profiles import ELIGIBLE_LEGAL_FORMS


def legal_form_is_eligible(legal_form: str) -> bool:
    return legal_form in ELIGIBLE_LEGAL_FORMS


def can_publish_projects(organisation: Organisation) -> bool:
    """Only verified associations publish; unverified ones may draft and browse."""
    return organisation.is_association and organisation.is_verified


def require_can_publish_projects(organisation: Organisation) -> None:
    if not organisation.is_association:
        raise PermissionDenied(_("Seules les associations publient des projets."))
    if not organisation.is_verified:
        raise PermissionDenied(
            _(
                "Votre association doit être vérifiée avant de publier un projet. "
                "Vous pouvez préparer votre projet en brouillon en attendant."
            )
        )


def gets_solidarity_prices(organisation: Organisation | None) -> bool:
    """Solidarity prices are for verified associations; everyone else sees public prices."""
    return organisation is not None and organisation.is_association and organisation.is_verified


def appears_in_matches(organisation: Organisation) -> bool:
    """Providers are proposed to associations only once verified."""
    return organisation.is_provider and organisation.verification_status == VerificationStatus.VERIFIED


def require_verified_provider(organisation: Organisation) -> None:
    if not organisation.is_provider:
        raise PermissionDenied(_("Seuls les prestataires peuvent faire cela."))
    if not organisation.is_verified:
        raise PermissionDenied(_("Votre structure doit être vérifiée par l'équipe avant de pouvoir faire cela."))
