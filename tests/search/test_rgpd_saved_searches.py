"""A person's archive holds the board searches they saved; not a colleague's, not another organisation's.

Deleting their account leaves the search with its organisation, without their name.
"""

import io
import json
import zipfile

import pytest

from marketplace.models import User
from marketplace.models.organisations import Role
from marketplace.services.personal_data import (
    account_delete,
    personal_data_export_build,
    personal_data_export_request,
)
from search.models import SavedSearch
from tests.factories import PASSWORD
from tests.profile_factories import ProviderOrganisationFactory
from tests.project_factories import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    atelier = ProviderOrganisationFactory(name="Atelier Numérique")
    alice = member_of(atelier, Role.MEMBER, user__email="alice@atelier.test").user
    colleague = member_of(atelier, Role.OWNER, user__email="boss@atelier.test").user
    other = ProviderOrganisationFactory(name="Cyber Nord")
    stranger = member_of(other, Role.OWNER, user__email="contact@cyber-nord.test").user
    SavedSearch.objects.create(
        organisation=atelier, created_by=alice, name="Sites WordPress en Bretagne", query="q=wordpress&region=53"
    )
    SavedSearch.objects.create(organisation=atelier, created_by=colleague, name="Recherche du patron", query="q=audit")
    SavedSearch.objects.create(organisation=other, created_by=stranger, name="Recherche du voisin", query="q=cyber")
    return alice


def test_the_archive_holds_the_searches_the_person_saved_only(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        export = personal_data_export_request(user=people)
    export = personal_data_export_build(export_id=export.pk)

    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        data = json.loads(archive.read("recherches/donnees.json"))
    assert data == {
        "saved_searches": [
            {
                "organisation": "Atelier Numérique",
                "name": "Sites WordPress en Bretagne",
                "query": "q=wordpress&region=53",
                "in_app_alert": True,
                "email_alert": "instant",
                "created_at": data["saved_searches"][0]["created_at"],
            }
        ]
    }


def test_an_erased_account_leaves_its_searches_with_the_organisation_without_its_name(people):
    account_delete(user=people, password=PASSWORD)

    assert not User.objects.filter(email="alice@atelier.test").exists()

    search = SavedSearch.objects.get(name="Sites WordPress en Bretagne")
    assert search.created_by is None
    assert search.organisation.name == "Atelier Numérique"
