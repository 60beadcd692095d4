from .audit import AuditEntry
from .organisations import Membership, Organisation, OrganisationInvitation
from .tokens import ApiToken
from .users import User

__all__ = ["ApiToken", "AuditEntry", "Membership", "Organisation", "OrganisationInvitation", "User"]
