"""Forms of the profile, portfolio and verification pages.

They check shapes only and hand the services a `data` dict of plain values
(strings, whole euros, lists of slugs, booleans); the services check the rules
and raise DomainError, which the views show next to the field it names.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..geography import Region
from ..models.profiles import BudgetBracket, Certification, FieldOfAction, Language, LegalForm, PublicField
from ..models.verification import DocumentKind
from ..money import to_euros
from ..services.profiles import ASSOCIATION_IDENTITY_FIELDS, PROVIDER_IDENTITY_FIELDS
from ..validators import UploadError, check_upload

BLANK = [("", "—")]
IMAGE_ACCEPT = "image/png,image/jpeg"
DOCUMENT_ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"


class AnyValuesField(forms.MultipleChoiceField):
    """Checkboxes whose values the service checks: it knows the taxonomy and names the unknown values."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return True


def _multiple(label, choices, help_text=""):
    return AnyValuesField(label=label, choices=choices, required=False, help_text=help_text)


def _euros(label, help_text=""):
    return forms.IntegerField(label=label, required=False, help_text=help_text, widget=forms.NumberInput({"step": 1}))


def _image(label):
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("PNG ou JPEG, 3 Mo au plus."),
        # No "clear" box: the services replace an image, they never remove one.
        widget=forms.FileInput({"accept": IMAGE_ACCEPT}),
    )


class _ProfileForm(forms.Form):
    identity_fields: tuple[str, ...] = ()
    file_fields = ("logo",)

    def __init__(self, *args, identity_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity_locked = identity_locked
        if identity_locked:
            # Disabled fields keep their saved value whatever is posted; the service refuses a change anyway.
            for name in self.identity_fields:
                self.fields[name].disabled = True

    def data_for_service(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name not in self.file_fields}


class AssociationProfileForm(_ProfileForm):
    identity_fields = ASSOCIATION_IDENTITY_FIELDS

    legal_name = forms.CharField(label=_("Nom légal"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Forme juridique"), choices=BLANK + LegalForm.choices)
    rna_number = forms.CharField(
        label=_("Numéro RNA"),
        max_length=20,
        required=False,
        help_text=_("W suivi de 9 chiffres, sur le récépissé de la préfecture. Sauf en Alsace-Moselle."),
    )
    tribunal_registration = forms.CharField(
        label=_("Inscription au registre du tribunal"),
        max_length=120,
        required=False,
        help_text=_("Associations d'Alsace-Moselle : tribunal judiciaire, volume et folio."),
    )
    siren = forms.CharField(label=_("SIREN"), max_length=20, required=False)
    siret = forms.CharField(label=_("SIRET"), max_length=30, required=False, help_text=_("Si vous en avez un."))
    address = forms.CharField(label=_("Adresse"), max_length=255)
    postcode = forms.CharField(
        label=_("Code postal"), max_length=10, help_text=_("La région en est déduite automatiquement.")
    )
    commune = forms.CharField(label=_("Commune"), max_length=120)
    field_of_action = forms.ChoiceField(label=_("Domaine d'action"), choices=BLANK + FieldOfAction.choices)
    budget_bracket = forms.ChoiceField(
        label=_("Budget annuel"),
        choices=BLANK + BudgetBracket.choices,
        help_text=_("Les prix solidaires en dépendent."),
    )
    employees = forms.IntegerField(label=_("Salariés"), required=False, initial=0)
    volunteers = forms.IntegerField(label=_("Bénévoles"), required=False, initial=0)
    website = forms.CharField(label=_("Site internet"), max_length=200, required=False)
    logo = _image(_("Logo"))
    description = forms.CharField(label=_("Présentation"), required=False, widget=forms.Textarea({"rows": 6}))
    is_public = forms.BooleanField(label=_("Publier une page publique de l'association"), required=False)
    public_fields = _multiple(
        _("Informations visibles sur la page publique"),
        PublicField.choices,
        help_text=_("Le nom de l'association est toujours visible."),
    )

    @classmethod
    def initial_from(cls, profile) -> dict:
        if profile is None:
            return {}
        return {name: getattr(profile, name) for name in cls.base_fields if name != "logo"}


class ProviderProfileForm(_ProfileForm):
    identity_fields = PROVIDER_IDENTITY_FIELDS

    legal_name = forms.CharField(label=_("Raison sociale"), max_length=200)
    siret = forms.CharField(label=_("SIRET"), max_length=30)
    presentation = forms.CharField(label=_("Présentation"), widget=forms.Textarea({"rows": 6}))
    services = forms.CharField(label=_("Services proposés"), required=False, widget=forms.Textarea({"rows": 4}))
    skills = _multiple(_("Compétences"), [], help_text=_("Trente au plus : les plus représentatives."))
    tools = forms.CharField(
        label=_("Outils et technologies"),
        required=False,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Un par ligne (WordPress, Nextcloud, Odoo…)."),
    )
    postcode = forms.CharField(
        label=_("Code postal"), max_length=10, help_text=_("La région en est déduite automatiquement.")
    )
    commune = forms.CharField(label=_("Commune"), max_length=120)
    regions = _multiple(
        _("Régions où vous intervenez"),
        Region.choices,
        help_text=_("Sans choix, la région de votre adresse."),
    )
    remote_ok = forms.BooleanField(label=_("J'interviens aussi à distance"), required=False, initial=True)
    day_rate_min = _euros(_("Tarif journalier minimum (€ HT)"))
    day_rate_max = _euros(_("Tarif journalier maximum (€ HT)"))
    min_project = _euros(_("Taille minimale de projet (€ HT)"), help_text=_("Laissez vide s'il n'y en a pas."))
    solidarity_discount_percent = forms.IntegerField(
        label=_("Remise solidaire (%)"),
        required=False,
        initial=0,
        help_text=_("La remise accordée aux associations vérifiées, de 0 à 100."),
    )
    pro_bono = forms.BooleanField(label=_("J'accepte des missions pro bono"), required=False)
    pro_bono_details = forms.CharField(
        label=_("Capacité pro bono"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : deux jours par trimestre."),
    )
    certifications = _multiple(_("Certifications et labels"), Certification.choices)
    languages = _multiple(_("Langues de travail"), Language.choices)
    team_size = forms.IntegerField(label=_("Taille de l'équipe"), required=False, initial=1)
    response_time_hours = forms.IntegerField(label=_("Délai de réponse habituel (heures)"), required=False, initial=48)
    website = forms.CharField(label=_("Site internet"), max_length=200, required=False)
    logo = _image(_("Logo"))

    def __init__(self, *args, skill_domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.skill_domains = list(skill_domains)
        self.fields["skills"].choices = [
            (skill.slug, skill.label) for domain in self.skill_domains for skill in domain.active_skills
        ]

    def clean_tools(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["tools"].splitlines() if line.strip()]

    def skill_groups(self) -> list[dict]:
        """(domain, its skills with their checked state) for the template, from the posted or saved values."""
        checked = set(self["skills"].value() or [])
        groups = []
        for domain in self.skill_domains:
            skills = [{"slug": s.slug, "label": s.label, "checked": s.slug in checked} for s in domain.active_skills]
            groups.append(
                {"domain": domain, "skills": skills, "checked_count": sum(skill["checked"] for skill in skills)}
            )
        return groups

    @classmethod
    def initial_from(cls, profile) -> dict:
        if profile is None:
            return {"languages": [Language.FRENCH]}

        return {
            "legal_name": profile.legal_name,
            "siret": profile.siret,
            "presentation": profile.presentation,
            "services": profile.services,
            "skills": [skill.slug for skill in profile.skills.all()],
            "tools": "\n".join(profile.tools),
            "postcode": profile.postcode,
            "commune": profile.commune,
            "regions": [row.region for row in profile.served_regions.all()],
            "remote_ok": profile.remote_ok,
            "day_rate_min": to_euros(profile.day_rate_min_cents),
            "day_rate_max": to_euros(profile.day_rate_max_cents),
            "min_project": to_euros(profile.min_project_cents) or None,
            "solidarity_discount_percent": profile.solidarity_discount_percent,
            "pro_bono": profile.pro_bono,
            "pro_bono_details": profile.pro_bono_details,
            "certifications": [row.certification for row in profile.certifications.all()],
            "languages": profile.languages,
            "team_size": profile.team_size,
            "response_time_hours": profile.response_time_hours,
            "website": profile.website,
        }


class PortfolioItemForm(_ProfileForm):
    file_fields = ("image",)

    title = forms.CharField(label=_("Titre"), max_length=160)
    association_served = forms.CharField(label=_("Association accompagnée"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea({"rows": 5}))
    link = forms.CharField(label=_("Lien"), max_length=200, required=False)
    image = _image(_("Image"))

    @classmethod
    def initial_from(cls, item) -> dict:
        if item is None:
            return {}
        return {name: getattr(item, name) for name in ("title", "association_served", "description", "link")}


class VerificationSubmitForm(forms.Form):
    """Several documents, each in its own row with its kind, so the page works without JavaScript.

    `documents` is never rendered as an input: it carries the errors about the
    set of documents (one that is missing, too many), which the service names
    with that field.
    """

    documents = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    note = forms.CharField(
        label=_("Message à l'équipe"),
        required=False,
        max_length=3000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Facultatif : une précision sur vos documents ou votre situation."),
    )

    def __init__(self, *args, slots: int = 5, suggested_kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        suggested = list(suggested_kinds)
        for i in range(slots):
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=_("Type du document %(n)s") % {"n": i + 1},
                choices=BLANK + DocumentKind.choices,
                required=False,
                initial=suggested[i] if i < len(suggested) else "",
            )
            self.fields[f"file_{i}"] = forms.FileField(
                label=_("Fichier %(n)s") % {"n": i + 1},
                required=False,
                widget=forms.FileInput({"accept": DOCUMENT_ACCEPT}),
            )

    def rows(self) -> list[tuple]:
        return [(self[f"kind_{i}"], self[f"file_{i}"]) for i in range(self.slots)]

    def clean(self):
        cleaned = super().clean()
        uploads = []
        for i in range(self.slots):
            upload, kind = cleaned.get(f"file_{i}"), cleaned.get(f"kind_{i}")
            if upload is None:
                continue
            if not kind:
                self.add_error(f"kind_{i}", _("Indiquez de quel document il s'agit."))
            try:
                # The same check the service makes, here so the message sits next to the right file.
                check_upload(upload, field=f"file_{i}")
            except UploadError as error:
                self.add_error(f"file_{i}", error.message)
            uploads.append((kind, upload))
        cleaned["uploads"] = uploads
        return cleaned
