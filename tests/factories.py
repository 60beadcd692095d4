"""factory_boy factories for the core's models."""

import factory
from django.utils import timezone

from marketplace.models import Membership, Organisation, User
from marketplace.models.organisations import OrganisationKind, Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Association numéro {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    postcode = "69001"
    city = "Lyon"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER
