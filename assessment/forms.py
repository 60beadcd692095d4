"""Forms of the self-assessment: one step of the questionnaire, and the project brief to edit before publishing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.project_types import ProjectType
from marketplace.services.projects import MAX_BUDGET_EUROS


def question_field_name(question) -> str:
    return f"q{question.pk}"


class StepForm(forms.Form):
    """The questions of one axis as radio groups. Answers may be left out when saving to finish later, not when
    moving on (`require_all`)."""

    def __init__(self, *args, axis, require_all: bool, initial_choices: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.axis = axis
        self.questions = list(axis.questions.all())
        for question in self.questions:
            self.fields[question_field_name(question)] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.why,
                choices=[(choice.pk, choice.label) for choice in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                required=require_all,
                initial=initial_choices.get(question.pk),
                error_messages={"required": _("Choisissez une réponse.")},
            )

    def answers(self) -> dict[int, int]:
        """question id -> choice id, for the questions answered."""
        chosen = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if value not in (None, ""):
                chosen[question.pk] = value
        return chosen

    def rows(self):
        """(question, bound field) pairs in order, for the template."""
        return [(question, self[question_field_name(question)]) for question in self.questions]


class BriefForm(forms.Form):
    """The drafted brief, editable before it is published as a project."""

    project_type = forms.ChoiceField(label=_("Type de projet"), choices=ProjectType.choices)
    title = forms.CharField(label=_("Titre du projet"), min_length=5, max_length=160)
    description = forms.CharField(
        label=_("Description"),
        min_length=20,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Rédigée d'après vos réponses : complétez-la avec ce que vous savez de votre besoin."),
    )
    budget_min = forms.IntegerField(label=_("Budget minimum (€ HT)"), min_value=1, max_value=MAX_BUDGET_EUROS)
    budget_max = forms.IntegerField(label=_("Budget maximum (€ HT)"), min_value=1, max_value=MAX_BUDGET_EUROS)

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("Le budget maximum doit être supérieur au minimum."))
        return data
