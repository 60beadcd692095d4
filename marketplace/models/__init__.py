from .audit import AuditEntry
from .notifications import Notification, NotificationPreference
from .organisations import Membership, Organisation, OrganisationInvitation
from .personal_data import PersonalDataExport
from .profiles import AssociationProfile, PortfolioItem, ProviderCertification, ProviderProfile, ServedRegion
from .projects import (
    Project,
    ProjectAttachment,
    ProjectChange,
    ProjectInvitation,
    Proposal,
    ProposalAttachment,
    ProposalLine,
    ProposalVersion,
)
from .reviews import Reputation, Review, ReviewReport
from .saved_providers import SavedProvider
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
    "NotificationPreference",
    "Project",
    "ProjectAttachment",
    "ProjectChange",
    "ProjectInvitation",
    "Proposal",
    "ProposalAttachment",
    "ProposalLine",
    "ProposalVersion",
    "Reputation",
    "Review",
    "ReviewReport",
    "SavedProvider",
    "Organisation",
    "OrganisationInvitation",
    "PersonalDataExport",
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
