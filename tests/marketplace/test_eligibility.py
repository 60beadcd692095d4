"""What an organisation may do depends on its kind and on its verification, and on nothing else."""

import pytest

from marketplace.eligibility import (
    appears_in_matches,
    can_publish_projects,
    gets_solidarity_prices,
    legal_form_is_eligible,
    require_can_publish_projects,
    require_verified_provider,
)
from marketplace.errors import PermissionDenied
from marketplace.models import Organisation
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.profiles import LegalForm

NOT_VERIFIED = [status for status in VerificationStatus.values if status != VerificationStatus.VERIFIED]
EVERY_CASE = [(kind, status) for kind in OrganisationKind.values for status in VerificationStatus.values]


def organisation(kind: str, status: str) -> Organisation:
    # These rules read two columns; no database needed.
    return Organisation(kind=kind, name="Test", slug="test", verification_status=status)


def case_id(case) -> str:
    return "-".join(case)


@pytest.mark.parametrize("case", EVERY_CASE, ids=case_id)
def test_only_verified_associations_publish_projects(case):
    kind, status = case
    expected = kind == OrganisationKind.ASSOCIATION and status == VerificationStatus.VERIFIED
    assert can_publish_projects(organisation(kind, status)) is expected


@pytest.mark.parametrize("case", EVERY_CASE, ids=case_id)
def test_only_verified_associations_get_solidarity_prices(case):
    kind, status = case
    expected = kind == OrganisationKind.ASSOCIATION and status == VerificationStatus.VERIFIED
    assert gets_solidarity_prices(organisation(kind, status)) is expected


def test_visitors_without_an_organisation_see_public_prices():
    assert gets_solidarity_prices(None) is False


@pytest.mark.parametrize("case", EVERY_CASE, ids=case_id)
def test_only_verified_providers_appear_in_matches(case):
    kind, status = case
    expected = kind == OrganisationKind.PROVIDER and status == VerificationStatus.VERIFIED
    assert appears_in_matches(organisation(kind, status)) is expected


def test_a_verified_association_may_publish():
    require_can_publish_projects(organisation(OrganisationKind.ASSOCIATION, VerificationStatus.VERIFIED))


@pytest.mark.parametrize("status", VerificationStatus.values)
def test_providers_never_publish_projects(status):
    with pytest.raises(PermissionDenied) as error:
        require_can_publish_projects(organisation(OrganisationKind.PROVIDER, status))

    assert error.value.message == "Seules les associations publient des projets."


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_unverified_associations_are_told_they_may_draft_meanwhile(status):
    with pytest.raises(PermissionDenied) as error:
        require_can_publish_projects(organisation(OrganisationKind.ASSOCIATION, status))

    assert "doit être vérifiée avant de publier" in error.value.message
    assert "brouillon" in error.value.message
    assert error.value.status_code == 403


def test_a_verified_provider_passes():
    require_verified_provider(organisation(OrganisationKind.PROVIDER, VerificationStatus.VERIFIED))


@pytest.mark.parametrize("status", VerificationStatus.values)
def test_associations_are_not_providers(status):
    with pytest.raises(PermissionDenied) as error:
        require_verified_provider(organisation(OrganisationKind.ASSOCIATION, status))

    assert error.value.message == "Seuls les prestataires peuvent faire cela."


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_unverified_providers_wait_for_the_team(status):
    with pytest.raises(PermissionDenied) as error:
        require_verified_provider(organisation(OrganisationKind.PROVIDER, status))

    assert error.value.message == "Votre structure doit être vérifiée par l'équipe avant de pouvoir faire cela."


@pytest.mark.parametrize("legal_form", [form for form in LegalForm.values if form != LegalForm.OTHER])
def test_the_programme_is_for_associations_foundations_endowment_funds_and_libraries(legal_form):
    assert legal_form_is_eligible(legal_form)


@pytest.mark.parametrize("legal_form", [LegalForm.OTHER, "", "sarl", None])
def test_other_legal_forms_are_not_eligible(legal_form):
    assert not legal_form_is_eligible(legal_form)
