"""The self-assessment's part of a person's archive: the assessments they started, with their answers, no others."""

import pytest

from assessment.personal_data import assessment_export_section

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db


def test_the_person_gets_the_assessments_they_started_and_not_another_association():
    version = build_version()
    mine = association_member()
    theirs = association_member()
    take(mine, version)
    take(theirs, version, default="Non")

    data = assessment_export_section(mine.user).data["assessments_started"]
    assert [entry["organisation"] for entry in data] == [mine.organisation.name]
    assert data[0]["state"] == "completed"
    assert data[0]["answers"] and {answer["answer"] for answer in data[0]["answers"]} == {"Oui"}
    assert theirs.organisation.name not in str(data)
    assert assessment_export_section(theirs.user).data["assessments_started"][0]["organisation"] == (
        theirs.organisation.name
    )
