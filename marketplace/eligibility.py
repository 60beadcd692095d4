"""What an organisation may do depending on its verification.

Enforced by the services that do those things (publishing a project, pricing
an order, matching), never only hidden in templates. Other packages call these
functions rather than reading `verification_status` themselves.
"""

from django.utils.translation import gettext as _

from .errors import PermissionDenied
from .models import AssociationProfile, Organisation
from .models.organisations import VerificationStatus
from .models.profiles import ELIGIBLE_LEGAL_FORMS, LegalForm
from .models.verification import DocumentKind


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


K = DocumentKind
# Each inner tuple is "one of these"; every inner tuple must be satisfied.
_ASSOCIATION_DOCUMENTS = {
    LegalForm.ALSACE_MOSELLE: ((K.STATUTES,), (K.REGISTER_EXTRACT,)),
    LegalForm.PUBLIC_LIBRARY: ((K.STATUTES, K.OTHER),),
}
_DEFAULT_ASSOCIATION_DOCUMENTS = ((K.STATUTES,), (K.DECLARATION_RECEIPT, K.JO_PUBLICATION))
_PROVIDER_DOCUMENTS = ((K.SIRET_CERTIFICATE,), (K.INSURANCE,), (K.OWNER_IDENTITY,))


def required_documents(organisation: Organisation) -> tuple[tuple[str, ...], ...]:
    """The documents staff need for this organisation, as groups of acceptable alternatives."""
    if organisation.is_provider:
        return _PROVIDER_DOCUMENTS
    profile = AssociationProfile.objects.filter(organisation=organisation).first()
    legal_form = profile.legal_form if profile else LegalForm.LOI_1901
    return _ASSOCIATION_DOCUMENTS.get(legal_form, _DEFAULT_ASSOCIATION_DOCUMENTS)
