"""factory_boy factories for provider and association profiles, for any test package to reuse.

    ProviderProfileFactory()                                   # a verified provider in Lyon, no skills
    ProviderProfileFactory(skills=["wordpress"], regions=["bretagne"], certifications=["qualiopi"])
    ProviderProfileFactory(organisation__verification_status=VerificationStatus.PENDING)
    AssociationProfileFactory(is_public=True, public_fields=["description", "place"])

`skills` takes slugs of the taxonomy (loaded by a migration, so present in every test database) or Skill
objects. `regions` defaults to the provider's own region, as the profile service does.
"""

import factory
from django.utils import timezone

from marketplace.geography import Region
from marketplace.models import AssociationProfile, ProviderCertification, ProviderProfile, ServedRegion, Skill
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.profiles import BudgetBracket, FieldOfAction, LegalForm

from .factories import OrganisationFactory


class ProviderOrganisationFactory(OrganisationFactory):
    """A provider organisation, verified unless told otherwise."""

    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: f"Prestataire numérique {n}")
    slug = factory.Sequence(lambda n: f"prestataire-{n}")
    verification_status = VerificationStatus.VERIFIED
    verified_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.verification_status == VerificationStatus.VERIFIED else None
    )


class ProviderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderProfile
        skip_postgeneration_save = True

    organisation = factory.SubFactory(ProviderOrganisationFactory)
    legal_name = factory.LazyAttribute(lambda o: f"{o.organisation.name} SAS")
    siret = "73282932000074"
    presentation = "Nous accompagnons les associations dans leurs projets numériques."
    services = "Conseil, réalisation et formation."
    tools = factory.LazyFunction(lambda: ["WordPress", "Nextcloud"])
    postcode = "69001"
    commune = "Lyon"
    region = Region.AUVERGNE_RHONE_ALPES
    latitude = 45.764
    longitude = 4.8357
    remote_ok = True
    day_rate_min_cents = 400_00
    day_rate_max_cents = 600_00
    solidarity_discount_percent = 10
    languages = factory.LazyFunction(lambda: ["fr"])

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            slugs = [skill for skill in extracted if isinstance(skill, str)]
            objects = [skill for skill in extracted if not isinstance(skill, str)]
            found = list(Skill.objects.filter(slug__in=slugs))
            missing = set(slugs) - {skill.slug for skill in found}
            if missing:
                raise ValueError(f"Unknown skill slugs: {sorted(missing)}")
            self.skills.set([*found, *objects])

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            regions = self.region if extracted is None else extracted
            regions = [regions] if isinstance(regions, str) else regions
            ServedRegion.objects.bulk_create([ServedRegion(profile=self, region=region) for region in regions])

    @factory.post_generation
    def certifications(self, create, extracted, **kwargs):
        if create and extracted:
            ProviderCertification.objects.bulk_create(
                [ProviderCertification(profile=self, certification=value) for value in extracted]
            )


class AssociationProfileFactory(factory.django.DjangoModelFactory):
    """An association's profile; private (no public page) unless `is_public=True`."""

    class Meta:
        model = AssociationProfile

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.ASSOCIATION)
    legal_name = factory.LazyAttribute(lambda o: o.organisation.name)
    legal_form = LegalForm.LOI_1901
    rna_number = factory.Sequence(lambda n: f"W69{n:07d}")
    address = "1 place Bellecour"
    postcode = "69002"
    commune = "Lyon"
    region = Region.AUVERGNE_RHONE_ALPES
    field_of_action = FieldOfAction.CULTURE
    budget_bracket = BudgetBracket.FROM_10K_TO_50K
    employees = 2
    volunteers = 25
    website = "https://asso.example.org"
    description = "Une association de quartier qui fait vivre la culture."
    is_public = False
    public_fields = factory.LazyFunction(list)
