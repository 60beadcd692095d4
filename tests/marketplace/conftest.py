import pytest

from marketplace.models.organisations import OrganisationKind, Role

from ..factories import PASSWORD, MembershipFactory, OrganisationFactory


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def association(db):
    return OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Les Amis du Quartier")


@pytest.fixture
def other_association(db):
    return OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Club Sportif Voisin")


@pytest.fixture
def owner(association):
    return MembershipFactory(organisation=association, role=Role.OWNER, user__email="owner@amis.test").user


@pytest.fixture
def admin(association):
    return MembershipFactory(organisation=association, role=Role.ADMIN, user__email="admin@amis.test").user


@pytest.fixture
def member(association):
    return MembershipFactory(organisation=association, role=Role.MEMBER, user__email="member@amis.test").user


@pytest.fixture
def outsider(other_association):
    """Owner of another organisation: must never see or change the first one's data."""
    return MembershipFactory(organisation=other_association, role=Role.OWNER, user__email="boss@voisin.test").user


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client
