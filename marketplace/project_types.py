"""The kinds of digital projects associations post, and what the guided form asks for each.

A table, not an `if` ladder: each type has its questions (stored as structured
answers on the project), the skills it usually needs (suggested to the
association, used by matching) and a typical budget range (shown when the
association does not know its budget).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProjectType(models.TextChoices):
    WEBSITE = "website", _("Site internet")
    DONATIONS = "donations", _("Dons en ligne / boutique")
    CRM = "crm", _("Gestion des adhérents / CRM")
    CLOUD = "cloud", _("Passage au cloud (Microsoft 365, Google Workspace, Nextcloud)")
    SECURITY = "security", _("Audit cybersécurité & RGPD")
    DATA = "data", _("Données et tableaux de bord")
    HARDWARE = "hardware", _("Matériel et réseau")
    TRAINING = "training", _("Formation de l'équipe")
    OTHER = "other", _("Autre projet")


class AnswerKind(models.TextChoices):
    CHOICE = "choice"
    MULTIPLE = "multiple"
    YES_NO = "yes_no"
    NUMBER = "number"
    TEXT = "text"


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    kind: str
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    maximum: int = 10_000


@dataclass(frozen=True)
class TypeSpec:
    questions: tuple[Question, ...]
    skills: tuple[str, ...]
    typical_budget_euros: tuple[int, int]
    hints: tuple[str, ...] = field(default=())


_YES_NO_UNSURE = (("yes", _("Oui")), ("no", _("Non")), ("unsure", _("Je ne sais pas")))

SPECS: dict[str, TypeSpec] = {
    ProjectType.WEBSITE: TypeSpec(
        questions=(
            Question("pages", _("Combien de pages environ ?"), AnswerKind.NUMBER, maximum=500),
            Question("content_ready", _("Les textes et images sont-ils prêts ?"), AnswerKind.CHOICE, _YES_NO_UNSURE),
            Question(
                "languages",
                _("En quelles langues ?"),
                AnswerKind.MULTIPLE,
                (("fr", _("Français")), ("en", _("Anglais")), ("other", _("Autre"))),
            ),
            Question("accessibility", _("Besoins d'accessibilité (RGAA) ?"), AnswerKind.CHOICE, _YES_NO_UNSURE),
            Question(
                "hosting",
                _("Hébergement"),
                AnswerKind.CHOICE,
                (("have", _("Nous avons un hébergement")), ("need", _("À prévoir")), ("unsure", _("Je ne sais pas"))),
            ),
            Question("donations", _("Recevoir des dons sur le site ?"), AnswerKind.YES_NO),
        ),
        skills=("site-vitrine", "wordpress", "hebergement-web", "accessibilite-rgaa"),
        typical_budget_euros=(1500, 8000),
    ),
    ProjectType.DONATIONS: TypeSpec(
        questions=(
            Question(
                "what",
                _("Que voulez-vous encaisser ?"),
                AnswerKind.MULTIPLE,
                (("donations", _("Des dons")), ("memberships", _("Des adhésions")), ("shop", _("Des ventes"))),
                required=True,
            ),
            Question("tax_receipts", _("Faut-il émettre des reçus fiscaux ?"), AnswerKind.YES_NO),
            Question("existing_site", _("Avez-vous déjà un site internet ?"), AnswerKind.YES_NO),
        ),
        skills=("dons-en-ligne", "helloasso", "recus-fiscaux", "paiement-en-ligne"),
        typical_budget_euros=(500, 5000),
    ),
    ProjectType.CRM: TypeSpec(
        questions=(
            Question("contacts", _("Combien de contacts (adhérents, donateurs) ?"), AnswerKind.NUMBER, maximum=10**7),
            Question("current_tool", _("Quel outil utilisez-vous aujourd'hui ?"), AnswerKind.TEXT),
            Question("emailing", _("Envoyer des e-mails aux adhérents ?"), AnswerKind.YES_NO),
        ),
        skills=("crm-associatif", "gestion-des-adherents", "migration-donnees", "emailing"),
        typical_budget_euros=(2000, 12000),
    ),
    ProjectType.CLOUD: TypeSpec(
        questions=(
            Question(
                "target",
                _("Vers quelle solution ?"),
                AnswerKind.CHOICE,
                (
                    ("microsoft-365", _("Microsoft 365")),
                    ("google-workspace", _("Google Workspace")),
                    ("nextcloud", _("Nextcloud")),
                    ("unsure", _("Je ne sais pas")),
                ),
                required=True,
            ),
            Question("users", _("Combien d'utilisateurs ?"), AnswerKind.NUMBER, required=True, maximum=100_000),
            Question("mail_migration", _("Faut-il migrer les e-mails existants ?"), AnswerKind.YES_NO),
        ),
        skills=("migration-cloud", "microsoft-365", "google-workspace", "nextcloud"),
        typical_budget_euros=(1000, 6000),
    ),
    ProjectType.SECURITY: TypeSpec(
        questions=(
            Question("computers", _("Combien de postes de travail ?"), AnswerKind.NUMBER, maximum=100_000),
            Question("personal_data", _("Traitez-vous des données sensibles (santé, mineurs...) ?"), AnswerKind.YES_NO),
            Question("incident", _("Avez-vous subi un incident récemment ?"), AnswerKind.YES_NO),
        ),
        skills=("audit-securite", "rgpd-conformite", "sauvegarde", "sensibilisation-phishing"),
        typical_budget_euros=(1500, 7000),
    ),
    ProjectType.DATA: TypeSpec(
        questions=(
            Question("sources", _("D'où viennent vos données ?"), AnswerKind.TEXT),
            Question("audience", _("Pour qui sont les tableaux de bord ?"), AnswerKind.TEXT),
        ),
        skills=("tableaux-de-bord", "tableur-avance", "mesure-impact", "automatisation"),
        typical_budget_euros=(1500, 9000),
    ),
    ProjectType.HARDWARE: TypeSpec(
        questions=(
            Question("computers", _("Combien de postes ?"), AnswerKind.NUMBER, maximum=100_000),
            Question("sites", _("Combien de lieux ?"), AnswerKind.NUMBER, maximum=1000),
            Question("refurbished", _("Du matériel reconditionné vous convient-il ?"), AnswerKind.YES_NO),
        ),
        skills=("parc-informatique", "reseau-wifi", "installation-postes", "materiel-reconditionne"),
        typical_budget_euros=(800, 10000),
    ),
    ProjectType.TRAINING: TypeSpec(
        questions=(
            Question("people", _("Combien de personnes à former ?"), AnswerKind.NUMBER, required=True, maximum=10_000),
            Question("topic", _("Sur quel sujet ?"), AnswerKind.TEXT, required=True),
            Question(
                "format",
                _("Format"),
                AnswerKind.CHOICE,
                (("onsite", _("Sur place")), ("online", _("À distance")), ("either", _("Peu importe"))),
            ),
        ),
        skills=("formation-bureautique", "formation-outils-collaboratifs", "accompagnement-changement"),
        typical_budget_euros=(400, 3000),
    ),
    ProjectType.OTHER: TypeSpec(questions=(), skills=(), typical_budget_euros=(500, 10000)),
}


def spec_for(project_type: str) -> TypeSpec:
    return SPECS[project_type]


def clean_answers(project_type: str, raw: dict) -> dict:
    """Keep only the type's questions, each in its expected shape; raise ValueError(key, message) otherwise."""
    answers = {}
    raw = raw or {}
    for question in spec_for(project_type).questions:
        value = raw.get(question.key)
        if value in (None, "", []):
            if question.required:
                raise ValueError(question.key, gettext("Répondez à cette question."))
            continue
        answers[question.key] = _clean_answer(question, value)
    return answers


def _clean_answer(question: Question, value):
    allowed = {key for key, _label in question.choices}
    if question.kind == AnswerKind.CHOICE:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(question.key, gettext("Choisissez une réponse dans la liste."))
        return value
    if question.kind == AnswerKind.MULTIPLE:
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and v in allowed for v in values):
            raise ValueError(question.key, gettext("Choisissez des réponses dans la liste."))
        return list(dict.fromkeys(values))
    if question.kind == AnswerKind.YES_NO:
        if value in (True, "yes", "true", "1", "on"):
            return True
        if value in (False, "no", "false", "0"):
            return False
        raise ValueError(question.key, gettext("Répondez par oui ou non."))
    if question.kind == AnswerKind.NUMBER:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(question.key, gettext("Un nombre entier est attendu.")) from None
        if not 0 <= number <= question.maximum:
            raise ValueError(question.key, gettext("Nombre hors des limites."))
        return number
    text = " ".join(str(value).split())
    if len(text) > 300:
        raise ValueError(question.key, gettext("Au plus 300 caractères."))
    return text
