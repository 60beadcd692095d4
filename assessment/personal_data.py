"""The self-assessment's part of a person's data: the assessments they started, with their answers.

Registered in `AssessmentConfig.ready()` (see `marketplace.personal_data`). Assessments belong to the
association and feed its history and the barometer; an account deletion only removes who started them.
"""

from marketplace.personal_data import ExportSection

from .models import Assessment


def _when(value):
    return value.isoformat() if value else None


def assessment_export_section(user) -> ExportSection:
    assessments = (
        Assessment.objects.filter(started_by=user)
        .select_related("organisation")
        .prefetch_related("answers__question", "answers__choice")
        .order_by("pk")
    )
    return ExportSection(
        data={
            "assessments_started": [
                {
                    "organisation": assessment.organisation.name,
                    "state": assessment.state,
                    "score": assessment.score,
                    "started_at": _when(assessment.started_at),
                    "completed_at": _when(assessment.completed_at),
                    "answers": [
                        {"question": answer.question.text, "answer": answer.choice.label}
                        for answer in assessment.answers.all()
                    ],
                }
                for assessment in assessments
            ]
        }
    )
