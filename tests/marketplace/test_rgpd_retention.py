"""Retention runs by itself: each kind of data is deleted its set time after it stopped being needed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.utils import timezone

from marketplace.models import PersonalDataExport, User, VerificationDocument, VerificationRequest
from marketplace.models.organisations import Role
from marketplace.models.personal_data import ExportState
from marketplace.models.verification import DocumentKind, RequestState, private_storage
from marketplace.services.personal_data import retention_purge

from ..factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def _request_with_document(organisation, *, state, reviewed_days_ago):
    request = VerificationRequest.objects.create(
        organisation=organisation,
        state=state,
        reviewed_at=_ago(reviewed_days_ago) if reviewed_days_ago is not None else None,
    )
    document = VerificationDocument.objects.create(
        request=request,
        kind=DocumentKind.STATUTES,
        file=ContentFile(b"%PDF-1.4 statuts", name="statuts.pdf"),
        original_name="statuts.pdf",
        content_type="application/pdf",
        size=16,
    )
    return request, document


def test_supporting_documents_go_a_set_time_after_the_decision(db, settings):
    settings.RETENTION_VERIFICATION_DOCUMENTS_DAYS = 90
    organisation = OrganisationFactory()
    old_request, old = _request_with_document(organisation, state=RequestState.VERIFIED, reviewed_days_ago=91)
    _refused_request, refused = _request_with_document(organisation, state=RequestState.REJECTED, reviewed_days_ago=200)
    _recent_request, recent = _request_with_document(organisation, state=RequestState.VERIFIED, reviewed_days_ago=10)
    _pending_request, pending = _request_with_document(organisation, state=RequestState.PENDING, reviewed_days_ago=None)

    assert retention_purge()["verification_documents"] == 2
    assert set(VerificationDocument.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    assert not private_storage.exists(old.file.name) and not private_storage.exists(refused.file.name)
    assert private_storage.exists(recent.file.name)
    old_request.refresh_from_db()
    assert old_request.state == RequestState.VERIFIED  # the decision itself stays in the history


def test_unconfirmed_accounts_go_a_set_time_after_sign_up(db, settings):
    settings.RETENTION_UNCONFIRMED_ACCOUNTS_DAYS = 30
    stale = UserFactory(email_confirmed_at=None, date_joined=_ago(31))
    fresh = UserFactory(email_confirmed_at=None, date_joined=_ago(5))
    confirmed = UserFactory(date_joined=_ago(400))
    # An account created by an organisation's import, never confirmed, still owns it: it stays.
    owner = MembershipFactory(user__email_confirmed_at=None, user__date_joined=_ago(90), role=Role.OWNER).user

    assert retention_purge()["unconfirmed_accounts"] == 1
    assert set(User.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk, owner.pk}
    assert not User.objects.filter(pk=stale.pk).exists()

    settings.RETENTION_UNCONFIRMED_ACCOUNTS_DAYS = 3
    assert retention_purge()["unconfirmed_accounts"] == 1
    assert not User.objects.filter(pk=fresh.pk).exists()


def test_expired_archives_and_sessions_go(db):
    user = UserFactory()
    expired = PersonalDataExport.objects.create(
        user=user, state=ExportState.READY, expires_at=_ago(1), file=ContentFile(b"zip", name="a.zip")
    )
    valid = PersonalDataExport.objects.create(
        user=user, state=ExportState.READY, expires_at=timezone.now() + timedelta(hours=2)
    )
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=_ago(1))
    live = SessionStore()
    live.create()

    report = retention_purge()
    assert report["personal_data_exports"] == 1 and report["expired_sessions"] == 1
    assert list(PersonalDataExport.objects.all()) == [valid]
    assert not private_storage.exists(expired.file.name)
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_the_command_runs_every_rule_and_says_what_it_deleted(db):
    UserFactory(email_confirmed_at=None, date_joined=_ago(400))
    out = StringIO()
    call_command("retention_purge", stdout=out)
    lines = out.getvalue().splitlines()
    assert "unconfirmed_accounts: 1" in lines
    assert {line.split(":")[0] for line in lines} >= {
        "unconfirmed_accounts",
        "verification_documents",
        "personal_data_exports",
        "expired_sessions",
        "search_logs",
    }


def test_a_period_below_one_day_is_refused_at_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import config.settings.privacy as privacy

    monkeypatch.setenv("RETENTION_SEARCH_LOGS_DAYS", "0")
    with pytest.raises(ImproperlyConfigured, match="RETENTION_SEARCH_LOGS_DAYS"):
        importlib.reload(privacy)
    monkeypatch.delenv("RETENTION_SEARCH_LOGS_DAYS")
    importlib.reload(privacy)
