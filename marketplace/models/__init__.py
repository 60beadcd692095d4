from .audit import AuditEntry
from .notifications import Notification
from .organisations import Membership, Organisation, OrganisationInvitation
from .profiles import AssociationProfile, PortfolioItem, ProviderCertification, ProviderProfile, ServedRegion
from .taxonomy import Skill, SkillDomain
from .tokens import ApiToken
from .users import User
from .verification import VerificationDocument, VerificationRequest

__all__ = [
    "ApiToken",
    "AssociationProfile",
    "AuditEntry",
    "Membership",
    "Notification",
    "Organisation",
    "OrganisationInvitation",
    "PortfolioItem",
    "ProviderCertification",
    "ProviderProfile",
    "ServedRegion",
    "Skill",
    "SkillDomain",
    "User",
    "VerificationDocument",
    "VerificationRequest",
]
