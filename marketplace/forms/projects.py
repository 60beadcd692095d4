"""Forms of the project pages: the guided posting form, quotes, reviews and the small action forms.

They check shapes only and hand the services a `data` dict of plain values
(strings, whole euros, dates, lists of slugs); the services check the rules
and raise DomainError naming a field, which `add_service_error` shows next to
that field, including the fields of the type's questions and of a quote's
lines.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ..errors import DomainError
from ..models import Project
from ..models.organisations import OrganisationKind
from ..models.projects import Visibility
from ..models.reviews import CRITERIA, ReviewReportReason, criteria_labels
from ..money import to_decimal_euros, to_euros
from ..project_types import AnswerKind, ProjectType, Question, spec_for
from ..services.proposals import VAT_RATES_BP
from . import add_domain_error
from .profiles import AnyValuesField

# Plain-French explanations shown on the cards of step 1, for volunteers who do not know the jargon.
TYPE_EXPLANATIONS = {
    ProjectType.WEBSITE: _(
        "Créer ou refaire le site de l'association : présenter vos actions, vos actualités, trouver des bénévoles."
    ),
    ProjectType.DONATIONS: _("Recevoir des dons, des adhésions ou vendre en ligne, avec des reçus fiscaux si besoin."),
    ProjectType.CRM: _(
        "Un seul fichier pour vos adhérents, donateurs et bénévoles : cotisations, relances, envois d'e-mails."
    ),
    ProjectType.CLOUD: _("Messagerie, agendas et documents partagés en ligne : accessibles de partout et sauvegardés."),
    ProjectType.SECURITY: _(
        "Vérifier que vos données et celles de vos bénéficiaires sont protégées, et que vous respectez le RGPD."
    ),
    ProjectType.DATA: _("Rassembler vos chiffres pour suivre votre activité et montrer votre impact aux financeurs."),
    ProjectType.HARDWARE: _("Ordinateurs, imprimantes, wifi : équiper l'équipe et faire fonctionner le réseau."),
    ProjectType.TRAINING: _("Aider salariés et bénévoles à prendre en main les outils numériques."),
    ProjectType.OTHER: _(
        "Un autre besoin numérique ? Décrivez-le avec vos mots, un prestataire vous aidera à le cadrer."
    ),
}

PLACE_ORGANISATION = "organisation"
PLACE_OTHER = "other"
YES_NO_CHOICES = [("yes", _("Oui")), ("no", _("Non"))]
DATE_WIDGET = {"type": "date"}


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(DATE_WIDGET, format="%Y-%m-%d"),
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks each one (type by content, size, count)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput({"accept": "application/pdf,image/png,image/jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


def add_service_error(form: forms.Form, error: DomainError) -> None:
    """`add_domain_error`, knowing that the service's `answers.<key>` is the form's `q_<key>`."""
    field = error.field or ""
    if field.startswith("answers."):
        field = "q_" + field.removeprefix("answers.")
        error = type(error)(error.message, field=field)
    add_domain_error(form, error)


def _question_field(question: Question) -> forms.Field:
    common = {"label": question.label, "required": question.required}
    if question.kind == AnswerKind.CHOICE:
        return forms.ChoiceField(choices=question.choices, widget=forms.RadioSelect, **common)
    if question.kind == AnswerKind.MULTIPLE:
        return forms.MultipleChoiceField(choices=question.choices, widget=forms.CheckboxSelectMultiple, **common)
    if question.kind == AnswerKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
    if question.kind == AnswerKind.NUMBER:
        return forms.IntegerField(min_value=0, max_value=question.maximum, **common)
    return forms.CharField(max_length=300, **common)


def _answer_initial(question: Question, value):
    if question.kind == AnswerKind.YES_NO and isinstance(value, bool):
        return "yes" if value else "no"
    return value


class ProjectForm(forms.Form):
    """Step 2 of posting (and the edit page): the type's questions, then what every project says."""

    project_type = forms.ChoiceField(choices=ProjectType.choices, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Titre du projet"),
        max_length=160,
        help_text=_("En une phrase : « Refaire le site de la ludothèque », « Passer nos e-mails sur Nextcloud »."),
    )
    description = forms.CharField(
        label=_("Votre besoin, avec vos mots"),
        widget=forms.Textarea({"rows": 8}),
        help_text=_("Qui êtes-vous, ce qui ne va pas aujourd'hui, ce que vous aimeriez. Pas besoin de jargon."),
    )
    skills = AnyValuesField(
        label=_("Compétences recherchées"),
        choices=[],
        required=False,
        help_text=_("Nous avons coché celles que demande habituellement ce type de projet ; ajustez si besoin."),
    )
    budget_min = forms.IntegerField(
        label=_("Budget minimum (€)"), required=False, widget=forms.NumberInput({"step": 1})
    )
    budget_max = forms.IntegerField(
        label=_("Budget maximum (€)"), required=False, widget=forms.NumberInput({"step": 1})
    )
    budget_unknown = forms.BooleanField(label=_("Je ne sais pas"), required=False)
    desired_start = _date_field(_("Début souhaité"))
    deadline = _date_field(_("Échéance du projet"), _("La date à laquelle tout doit être terminé, s'il y en a une."))
    answer_deadline = _date_field(
        _("Date limite pour recevoir les devis"), _("Sans devis retenu à cette date, le projet expire.")
    )
    place = forms.ChoiceField(
        label=_("Où se déroule le projet ?"),
        choices=[(PLACE_ORGANISATION, _("À l'adresse de l'association")), (PLACE_OTHER, _("Ailleurs"))],
        initial=PLACE_ORGANISATION,
        widget=forms.RadioSelect,
    )
    postcode = forms.CharField(
        label=_("Code postal du lieu"),
        max_length=10,
        required=False,
        help_text=_("Seulement si vous avez choisi « Ailleurs »."),
    )
    commune = forms.CharField(label=_("Commune du lieu"), max_length=120, required=False)
    remote_ok = forms.BooleanField(label=_("Le prestataire peut travailler à distance"), required=False, initial=True)
    visibility = forms.ChoiceField(
        label=_("Qui peut voir le projet ?"),
        choices=Visibility.choices,
        initial=Visibility.VERIFIED_PROVIDERS,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(
        label=_("Pièces jointes"),
        required=False,
        help_text=_("Cahier des charges, captures, devis précédents… PDF, PNG ou JPEG, 10 fichiers au plus."),
    )

    def __init__(self, *args, project_type: str, skill_domains=(), address=None, published=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec_for(project_type)
        self.fields["project_type"].initial = project_type
        self.questions = [(question, f"q_{question.key}") for question in self.spec.questions]
        for question, name in self.questions:
            self.fields[name] = _question_field(question)
        self.fields["skills"].initial = list(self.spec.skills)
        self.skill_domains = list(skill_domains)
        self.fields["skills"].choices = [
            (skill.slug, skill.label) for domain in self.skill_domains for skill in domain.active_skills
        ]
        self.address = address
        if address is not None:
            self.fields["place"].choices = [
                (
                    PLACE_ORGANISATION,
                    _("À l'adresse de l'association (%(postcode)s %(commune)s)")
                    % {"postcode": address.postcode, "commune": address.commune},
                ),
                (PLACE_OTHER, _("Ailleurs")),
            ]
        self.published = published
        if published:
            # The service refuses the change anyway; a disabled field keeps the saved value.
            self.fields["visibility"].disabled = True
            self.fields["visibility"].help_text = _("La visibilité d'un projet publié ne change plus.")

    @property
    def typical_budget_cents(self) -> tuple[int, int]:
        low, high = self.spec.typical_budget_euros
        return low * 100, high * 100

    def question_fields(self):
        return [self[name] for _question, name in self.questions]

    def skill_groups(self) -> list[dict]:
        """Each domain with its skills, checked from the posted or suggested values; suggested ones flagged."""
        checked = set(self["skills"].value() or [])
        suggested = set(self.spec.skills)
        groups = []
        for domain in self.skill_domains:
            skills = [
                {"slug": s.slug, "label": s.label, "checked": s.slug in checked, "suggested": s.slug in suggested}
                for s in domain.active_skills
            ]
            groups.append(
                {"domain": domain, "skills": skills, "checked_count": sum(skill["checked"] for skill in skills)}
            )
        return groups

    def data_for_service(self) -> dict:
        cleaned = self.cleaned_data
        other_place = cleaned["place"] == PLACE_OTHER
        return {
            "project_type": cleaned["project_type"],
            "title": cleaned["title"],
            "description": cleaned["description"],
            "answers": {question.key: cleaned.get(name) for question, name in self.questions},
            "skills": cleaned["skills"],
            "budget_unknown": cleaned["budget_unknown"],
            "budget_min": cleaned["budget_min"],
            "budget_max": cleaned["budget_max"],
            "desired_start": cleaned["desired_start"],
            "deadline": cleaned["deadline"],
            "answer_deadline": cleaned["answer_deadline"],
            "use_organisation_address": not other_place,
            "postcode": cleaned["postcode"].strip() if other_place else "",
            "commune": cleaned["commune"] if other_place else "",
            "remote_ok": cleaned["remote_ok"],
            "visibility": cleaned["visibility"],
        }

    @staticmethod
    def initial_from(project, address=None) -> dict:
        spec = spec_for(project.project_type)
        initial = {
            "project_type": project.project_type,
            "title": project.title,
            "description": project.description,
            "skills": [skill.slug for skill in project.skills.all()],
            "budget_unknown": not project.budget_known,
            "budget_min": to_euros(project.budget_min_cents),
            "budget_max": to_euros(project.budget_max_cents),
            "desired_start": project.desired_start,
            "deadline": project.deadline,
            "answer_deadline": project.answer_deadline,
            "remote_ok": project.remote_ok,
            "visibility": project.visibility,
        }
        for question in spec.questions:
            if question.key in project.answers:
                initial[f"q_{question.key}"] = _answer_initial(question, project.answers[question.key])
        at_address = address is not None and project.postcode == address.postcode
        if at_address or not project.postcode:
            initial["place"] = PLACE_ORGANISATION
        else:
            initial.update(place=PLACE_OTHER, postcode=project.postcode, commune=project.commune)
        return initial


def answers_for_display(project) -> list[tuple[str, str]]:
    """The answers to the type's questions as (question, readable answer), in the questionnaire's order."""
    rows = []
    for question in spec_for(project.project_type).questions:
        if question.key in (project.answers or {}):
            rows.append((question.label, readable_answer(question, project.answers[question.key])))
    return rows


def readable_answer(question: Question, value) -> str:
    labels = dict(question.choices)
    if question.kind == AnswerKind.YES_NO:
        return str(_("Oui") if value else _("Non"))
    if question.kind == AnswerKind.CHOICE:
        return str(labels.get(value, value))
    if question.kind == AnswerKind.MULTIPLE:
        return ", ".join(str(labels.get(item, item)) for item in value or [])
    return str(value)


# How each watched field of a change is named and shown; see services.projects.WATCHED_FIELDS.
CHANGE_LABELS = {
    "title": _("Titre"),
    "description": _("Description"),
    "budget_min_cents": _("Budget minimum"),
    "budget_max_cents": _("Budget maximum"),
    "desired_start": _("Début souhaité"),
    "deadline": _("Échéance"),
    "answer_deadline": _("Date limite des devis"),
    "postcode": _("Code postal"),
    "commune": _("Commune"),
    "remote_ok": _("À distance possible"),
}
CHANGE_KINDS = {
    "budget_min_cents": "money",
    "budget_max_cents": "money",
    "desired_start": "date",
    "deadline": "date",
    "answer_deadline": "date",
    "remote_ok": "bool",
    "description": "long",
}


def changes_for_display(project, changes) -> list[dict]:
    """Each change of a published project as rows of (label, kind, old, new) a volunteer can read."""
    questions = {question.key: question for question in spec_for(project.project_type).questions}
    readable = []
    for change in changes:
        rows = []
        for name, (old, new) in change.fields.items():
            if name == "answers":
                rows.extend(_answer_changes(questions, old or {}, new or {}))
                continue
            kind = CHANGE_KINDS.get(name, "text")
            if kind == "date":
                old, new = (None if v is None else datetime.date.fromisoformat(v) for v in (old, new))
            label = CHANGE_LABELS.get(name) or Project._meta.get_field(name).verbose_name
            rows.append({"label": label, "kind": kind, "old": old, "new": new})
        readable.append({"change": change, "rows": rows})
    return readable


def _answer_changes(questions: dict, old: dict, new: dict) -> list[dict]:
    rows = []
    for key, question in questions.items():
        if old.get(key) != new.get(key):
            before, after = (readable_answer(question, side[key]) if key in side else None for side in (old, new))
            rows.append({"label": question.label, "kind": "text", "old": before, "new": after})
    return rows


# The providers' board


def board_form_for_people(form: forms.Form) -> forms.Form:
    """The board's filter form (from `ProjectFilterSet`) with widgets a person can use without a mouse trick:
    checkboxes instead of multiple selects, date pickers, and "no matter" rather than "unknown" for remote work."""
    for name in ("type", "region", "skills"):
        if name in form.fields:
            form.fields[name].widget = forms.CheckboxSelectMultiple(choices=form.fields[name].choices)
    if "remote" in form.fields:
        form.fields["remote"].widget = forms.Select(
            choices=[("", _("Peu importe")), ("true", _("Oui")), ("false", _("Non"))]
        )
    for name in ("answer_deadline_after", "answer_deadline_before"):
        if name in form.fields:
            form.fields[name].widget = forms.DateInput(DATE_WIDGET, format="%Y-%m-%d")
    for name in ("budget_min", "budget_max"):
        if name in form.fields:
            form.fields[name].widget = forms.NumberInput({"step": 1, "min": 0})
    return form


# Quotes


# Far above any quantity or price the service accepts, low enough that its arithmetic cannot overflow.
_DECIMAL_CEILING = Decimal(10) ** 12


def _decimal_text(value: str) -> str:
    """A number as typed ("12,50", "1 200"), normalised for the service; "NaN" or "1e999999" are not numbers
    to a person, and would make the service's arithmetic raise instead of refusing the line."""
    text = (value or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= _DECIMAL_CEILING:
        raise forms.ValidationError(_("Un nombre est attendu, par exemple 12,50."))
    return text


class ProposalLineForm(forms.Form):
    """One line of a quote. An empty row is skipped, so the page can offer spare rows without JavaScript."""

    label = forms.CharField(label=_("Libellé"), max_length=200, required=False)
    quantity = forms.CharField(
        label=_("Quantité"),
        max_length=12,
        required=False,
        widget=forms.TextInput({"inputmode": "decimal", "placeholder": "1"}),
    )
    unit_price = forms.CharField(
        label=_("Prix unitaire HT (€)"), max_length=14, required=False, widget=forms.TextInput({"inputmode": "decimal"})
    )

    def clean_quantity(self):
        value = self.cleaned_data["quantity"]
        return _decimal_text(value) if value.strip() else ""

    def clean_unit_price(self):
        value = self.cleaned_data["unit_price"]
        return _decimal_text(value) if value.strip() else ""

    def clean(self):
        cleaned = super().clean()
        if self.is_blank_row():
            return cleaned
        if not cleaned.get("label") and "label" not in self.errors:
            self.add_error("label", _("Donnez un libellé à cette ligne."))
        if not cleaned.get("unit_price") and "unit_price" not in self.errors:
            self.add_error("unit_price", _("Indiquez le prix unitaire HT."))
        return cleaned

    def is_blank_row(self) -> bool:
        return not any(str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields)


class MilestoneForm(forms.Form):
    label = forms.CharField(label=_("Étape"), max_length=200, required=False)
    date = _date_field(_("Date"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("label") and not cleaned.get("date") and "date" not in self.errors:
            self.add_error("date", _("Datez cette étape."))
        if cleaned.get("date") and not cleaned.get("label"):
            self.add_error("label", _("Nommez cette étape."))
        return cleaned


VAT_LABELS = {0: _("0 % (exonéré)"), 550: _("5,5 %"), 1000: _("10 %"), 2000: _("20 %")}


class ProposalForm(forms.Form):
    vat_rate_bp = forms.TypedChoiceField(
        label=_("Taux de TVA"),
        choices=[(rate, VAT_LABELS[rate]) for rate in VAT_RATES_BP],
        coerce=int,
        initial=2000,
    )
    start_date = _date_field(_("Date de début proposée"))
    message = forms.CharField(
        label=_("Message à l'association"),
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("Votre compréhension du besoin, votre méthode, ce qui est compris ou non."),
    )
    attachments = MultipleFileField(
        label=_("Pièces jointes"),
        required=False,
        help_text=_(
            "Devis détaillé, références, planning… PDF, PNG ou JPEG, 5 fichiers au plus. "
            "Les pièces de la version précédente sont conservées."
        ),
    )


class ProposalEditor:
    """The quote form as one piece: the main fields, the lines and the milestones.

    Totals are not fields: the service computes them from the lines and the
    provider's published solidarity discount, whatever else is posted.
    """

    def __init__(self, data=None, files=None, *, version=None, spare_lines: int = 5, spare_milestones: int = 3):
        initial, lines, milestones = {}, [], []
        if version is not None:
            initial = {"vat_rate_bp": version.vat_rate_bp, "start_date": version.start_date, "message": version.message}
            lines = [
                {
                    "label": line.label,
                    "quantity": _plain(line.quantity),
                    "unit_price": _plain(to_decimal_euros(line.unit_price_cents)),
                }
                for line in version.lines.all()
            ]
            milestones = [{"label": item["label"], "date": item["date"]} for item in version.milestones]
        line_class = forms.formset_factory(ProposalLineForm, extra=spare_lines, max_num=50, absolute_max=50)
        milestone_class = forms.formset_factory(MilestoneForm, extra=spare_milestones, max_num=20, absolute_max=20)
        self.form = ProposalForm(data, files, initial=initial)
        self.lines = line_class(data, initial=lines or None, prefix="lines")
        self.milestones = milestone_class(data, initial=milestones or None, prefix="milestones")
        self.line_errors: list[str] = []
        self.milestone_errors: list[str] = []
        self._line_rows: list[int] = []
        self._milestone_rows: list[int] = []

    @property
    def errors(self) -> bool:
        return bool(
            self.form.errors
            or self.line_errors
            or self.milestone_errors
            or any(f.errors for f in self.lines.forms)
            or any(f.errors for f in self.milestones.forms)
            or self.lines.non_form_errors()
            or self.milestones.non_form_errors()
        )

    def is_valid(self) -> bool:
        valid = [self.form.is_valid(), self.lines.is_valid(), self.milestones.is_valid()]
        return all(valid)

    def data_for_service(self) -> dict:
        lines, milestones = [], []
        self._line_rows, self._milestone_rows = [], []
        for index, form in enumerate(self.lines.forms):
            if form.is_blank_row():
                continue
            cleaned = form.cleaned_data
            lines.append(
                {"label": cleaned["label"], "quantity": cleaned["quantity"] or "1", "unit_price": cleaned["unit_price"]}
            )
            self._line_rows.append(index)
        for index, form in enumerate(self.milestones.forms):
            cleaned = form.cleaned_data
            if cleaned.get("label") and cleaned.get("date"):
                milestones.append({"label": cleaned["label"], "date": cleaned["date"].isoformat()})
                self._milestone_rows.append(index)
        data = {key: value for key, value in self.form.cleaned_data.items() if key != "attachments"}
        return {**data, "lines": lines, "milestones": milestones}

    @property
    def attachments(self) -> list:
        return self.form.cleaned_data.get("attachments") or []

    def add_service_error(self, error: DomainError) -> None:
        """Put the service's refusal where it belongs: a line's cell, a milestone's, or the main form."""
        parts = (error.field or "").split(".")
        for name, formset, rows, overall in (
            ("lines", self.lines, self._line_rows, self.line_errors),
            ("milestones", self.milestones, self._milestone_rows, self.milestone_errors),
        ):
            if parts[0] != name:
                continue
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(rows):
                form = formset.forms[rows[int(parts[1])]]
                field = parts[2] if len(parts) == 3 and parts[2] in form.fields else None
                form.add_error(field, error.message)
            else:
                overall.append(error.message)
            return
        add_domain_error(self.form, error)


def _plain(number) -> str:
    """12.5 -> "12,5", 3.0 -> "3": how a person would type it back."""
    text = f"{Decimal(number).normalize():f}"
    return text.replace(".", ",")


# Decisions and reviews


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (facultatif)"),
        required=False,
        max_length=500,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Le prestataire le lira : quelques mots aident à progresser."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi annulez-vous ce projet ?"),
        required=False,
        max_length=500,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Facultatif. Les prestataires qui ont envoyé un devis en seront informés."),
    )


class InviteSearchForm(forms.Form):
    q = forms.CharField(label=_("Nom du prestataire ou compétence"), max_length=200, required=False)


class InviteForm(forms.Form):
    provider = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


STARS = [(str(n), _("%(n)s sur 5") % {"n": n}) for n in range(1, 6)]


def _stars(label):
    return forms.ChoiceField(label=label, choices=STARS, widget=forms.RadioSelect)


class ReviewForm(forms.Form):
    """The four marks the service averages, an optional comment and, for an association, anonymity.

    The criteria's labels follow who is reviewed: a provider's work, or how an association behaved as a client.
    """

    quality = _stars(_("Qualité du travail"))
    communication = _stars(_("Communication"))
    deadlines = _stars(_("Respect des délais"))
    value = _stars(_("Rapport qualité-prix"))
    comment = forms.CharField(
        label=_("Votre avis en quelques mots"), required=False, max_length=3000, widget=forms.Textarea({"rows": 4})
    )
    is_anonymous = forms.BooleanField(
        label=_("Publier sans le nom de notre association"),
        help_text=_("Le public lira seulement votre secteur, par exemple « une association du secteur culture »."),
        required=False,
    )

    def __init__(self, *args, subject_kind: str = OrganisationKind.PROVIDER, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion, label in criteria_labels(subject_kind).items():
            self.fields[criterion].label = label
        # Only an association may stay anonymous: a provider's review is part of its professional record.
        if subject_kind != OrganisationKind.PROVIDER:
            del self.fields["is_anonymous"]

    def criteria_fields(self):
        return [self[criterion] for criterion in CRITERIA]


class ReviewReportForm(forms.Form):
    """Anyone's report of a review: a reason from the list and, if they wish, a few words for staff."""

    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous cet avis ?"), choices=ReviewReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Précisions pour l'équipe de modération (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )
