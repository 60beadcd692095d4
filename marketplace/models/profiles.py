"""What associations and providers tell about themselves, and what the platform checks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..geography import Region
from .organisations import Organisation
from .taxonomy import Skill


class LegalForm(models.TextChoices):
    LOI_1901 = "loi_1901", _("Association loi 1901")
    ALSACE_MOSELLE = "alsace_moselle", _("Association de droit local (Alsace-Moselle)")
    FOUNDATION_RUP = "fondation_rup", _("Fondation reconnue d'utilité publique")
    ENDOWMENT_FUND = "fonds_dotation", _("Fonds de dotation")
    PUBLIC_LIBRARY = "bibliotheque_collectivite", _("Bibliothèque publique / collectivité")
    OTHER = "other", _("Autre forme juridique")


# Who the solidarity programme is for; any other form may browse but is not eligible.
ELIGIBLE_LEGAL_FORMS = frozenset(LegalForm.values) - {LegalForm.OTHER}


class FieldOfAction(models.TextChoices):
    CULTURE = "culture", _("Culture et patrimoine")
    SOCIAL = "social", _("Action sociale")
    HEALTH = "health", _("Santé")
    EDUCATION = "education", _("Éducation et formation")
    ENVIRONMENT = "environment", _("Environnement")
    SPORT = "sport", _("Sport")
    HUMANITARIAN = "humanitarian", _("Humanitaire et solidarité internationale")
    YOUTH = "youth", _("Jeunesse et éducation populaire")
    EMPLOYMENT = "employment", _("Emploi et insertion")
    HOUSING = "housing", _("Logement")
    RIGHTS = "rights", _("Droits humains et citoyenneté")
    ANIMALS = "animals", _("Protection animale")
    RESEARCH = "research", _("Recherche")
    OTHER = "other", _("Autre")


class BudgetBracket(models.TextChoices):
    """Annual budget; solidarity prices depend on it."""

    LT_10K = "lt10k", _("Moins de 10 k€")
    FROM_10K_TO_50K = "10k_50k", _("10 à 50 k€")
    FROM_50K_TO_200K = "50k_200k", _("50 à 200 k€")
    FROM_200K_TO_1M = "200k_1m", _("200 k€ à 1 M€")
    FROM_1M_TO_5M = "1m_5m", _("1 à 5 M€")
    GT_5M = "gt5m", _("Plus de 5 M€")


class PublicField(models.TextChoices):
    """What an association may choose to show on its public page (its name always shows)."""

    DESCRIPTION = "description", _("Présentation")
    PLACE = "place", _("Commune et région")
    FIELD_OF_ACTION = "field_of_action", _("Domaine d'action")
    WEBSITE = "website", _("Site internet")
    LOGO = "logo", _("Logo")
    TEAM = "team", _("Salariés et bénévoles")
    BUDGET = "budget", _("Budget annuel")


class AssociationProfile(models.Model):
    """An association's identity (checked at verification) and its public presentation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="association_profile"
    )
    legal_name = models.CharField(_("nom légal"), max_length=200)
    legal_form = models.CharField(_("forme juridique"), max_length=30, choices=LegalForm.choices)
    rna_number = models.CharField(_("numéro RNA"), max_length=10, blank=True)
    tribunal_registration = models.CharField(
        _("inscription au registre du tribunal"),
        max_length=120,
        blank=True,
        help_text=_("Pour les associations d'Alsace-Moselle : tribunal judiciaire, volume et folio."),
    )
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    address = models.CharField(_("adresse"), max_length=255)
    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.CharField(_("commune"), max_length=120)
    region = models.CharField(_("région"), max_length=40, choices=Region.choices)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    field_of_action = models.CharField(_("domaine d'action"), max_length=20, choices=FieldOfAction.choices)
    budget_bracket = models.CharField(_("budget annuel"), max_length=10, choices=BudgetBracket.choices)
    employees = models.PositiveIntegerField(_("salariés"), default=0)
    volunteers = models.PositiveIntegerField(_("bénévoles"), default=0)
    website = models.URLField(_("site internet"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/associations/", blank=True)
    description = models.TextField(_("présentation"), blank=True)
    is_public = models.BooleanField(_("page publique"), default=False)
    public_fields = models.JSONField(_("informations publiques"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil d'association")
        verbose_name_plural = _("profils d'associations")
        indexes = [models.Index(fields=["region"]), models.Index(fields=["budget_bracket"])]

    def __str__(self):
        return self.legal_name

    def shows(self, field: str) -> bool:
        return self.is_public and field in self.public_fields


class Certification(models.TextChoices):
    QUALIOPI = "qualiopi", _("Qualiopi")
    DATADOCK = "datadock", _("Datadock")
    MICROSOFT_NONPROFIT = "microsoft_nonprofit", _("Partenaire Microsoft pour les associations")
    GOOGLE_NONPROFIT = "google_nonprofit", _("Partenaire Google pour les associations")
    EXPERTCYBER = "expertcyber", _("Label ExpertCyber")
    NUMERIQUE_RESPONSABLE = "numerique_responsable", _("Label Numérique Responsable")
    ESUS = "esus", _("Agrément ESUS")


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    GERMAN = "de", _("Allemand")
    SPANISH = "es", _("Espagnol")
    ITALIAN = "it", _("Italien")
    ARABIC = "ar", _("Arabe")
    PORTUGUESE = "pt", _("Portugais")
    CREOLE = "cr", _("Créole")
    FRENCH_SIGN = "lsf", _("Langue des signes française")


class ProviderProfile(models.Model):
    """What a provider offers, at what rates, where: the material matching works on."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="provider_profile"
    )
    legal_name = models.CharField(_("raison sociale"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14)
    presentation = models.TextField(_("présentation"))
    services = models.TextField(_("services proposés"), blank=True)
    skills = models.ManyToManyField(Skill, related_name="providers", blank=True, verbose_name=_("compétences"))
    tools = models.JSONField(_("outils et technologies"), default=list, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.CharField(_("commune"), max_length=120)
    region = models.CharField(_("région"), max_length=40, choices=Region.choices)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    remote_ok = models.BooleanField(_("travail à distance"), default=True)
    day_rate_min_cents = models.PositiveIntegerField(_("tarif journalier minimum (centimes)"), null=True, blank=True)
    day_rate_max_cents = models.PositiveIntegerField(_("tarif journalier maximum (centimes)"), null=True, blank=True)
    min_project_cents = models.PositiveIntegerField(_("taille minimale de projet (centimes)"), default=0)
    solidarity_discount_percent = models.PositiveSmallIntegerField(_("remise solidaire (%)"), default=0)
    pro_bono = models.BooleanField(_("accepte du mécénat de compétences / pro bono"), default=False)
    pro_bono_details = models.CharField(_("capacité pro bono"), max_length=200, blank=True)
    languages = models.JSONField(_("langues"), default=list, blank=True)
    team_size = models.PositiveIntegerField(_("taille de l'équipe"), default=1)
    response_time_hours = models.PositiveIntegerField(_("délai de réponse habituel (heures)"), default=48)
    website = models.URLField(_("site internet"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/providers/", blank=True)
    # Mean of published reviews, kept up to date by the review services for sorting and matching.
    rating_average = models.DecimalField(_("note moyenne"), max_digits=3, decimal_places=2, null=True, blank=True)
    rating_count = models.PositiveIntegerField(_("nombre d'avis"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil de prestataire")
        verbose_name_plural = _("profils de prestataires")
        indexes = [models.Index(fields=["region"]), models.Index(fields=["solidarity_discount_percent"])]

    def __str__(self):
        return self.legal_name


class ServedRegion(models.Model):
    """A region a provider works in; a row each so directory filters work on every database."""

    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="served_regions")
    region = models.CharField(max_length=40, choices=Region.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "region"], name="served_region_unique")]
        indexes = [models.Index(fields=["region"])]

    def __str__(self):
        return self.get_region_display()


class ProviderCertification(models.Model):
    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="certifications")
    certification = models.CharField(max_length=30, choices=Certification.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "certification"], name="provider_certification_unique")
        ]
        indexes = [models.Index(fields=["certification"])]

    def __str__(self):
        return self.get_certification_display()


class PortfolioItem(models.Model):
    """A past project, ideally for an association, that shows what the provider can do."""

    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="portfolio")
    title = models.CharField(_("titre"), max_length=160)
    association_served = models.CharField(_("association accompagnée"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("lien"), blank=True)
    image = models.ImageField(_("image"), upload_to="portfolio/", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("réalisation")
        verbose_name_plural = _("réalisations")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title
