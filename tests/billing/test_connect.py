"""Stripe Connect for providers, with the real `stripe` library against stripe-mock.

stripe-mock checks every request against Stripe's OpenAPI description, so a parameter Stripe would refuse
fails here too; a recording proxy in front of it shows the headers the library really sent.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest

from billing.errors import PaymentError
from billing.payments import get_connect_provider
from billing.payments.stripe_client import stripe_client
from billing.payments.stripe_connect import StripeConnect, connect_account

from ..localstripe_server import free_port
from ..stripe_mock_server import RecordingProxy


@pytest.fixture
def proxy(stripe_connect_settings, stripe_mock_server):
    """Connect calls go through a recording proxy to the session's stripe-mock."""
    recorder = RecordingProxy(stripe_mock_server.url).start()
    stripe_connect_settings.STRIPE_CONNECT_API_BASE = recorder.url
    yield recorder
    recorder.stop()


def sent(proxy, method, path):
    return [request for request in proxy.requests if request.method == method and request.path == path]


def form(request) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(request.body.decode()).items()}


@pytest.mark.stripe_mock
def test_a_provider_organisation_gets_an_express_account(proxy):
    account = get_connect_provider().account_create(organisation_id=42, email="compta@atelier.test")

    assert account.account_id.startswith("acct_")
    # A new account has everything left to fill in: nothing can be paid to it yet.
    assert not account.payable
    assert "external_account" in account.requirements_due
    (request,) = sent(proxy, "POST", "/v1/accounts")
    assert request.headers["Idempotency-Key"] == "passerelle-provider-42-connect-account"
    body = form(request)
    assert body["type"] == "express" and body["country"] == "FR" and body["email"] == "compta@atelier.test"
    assert body["capabilities[transfers][requested]"] == "true"
    assert body["metadata[passerelle_organisation_id]"] == "42"


@pytest.mark.stripe_mock
def test_an_onboarding_link_is_made_once_per_minute_and_account(proxy):
    connect = StripeConnect()
    noon = datetime(2026, 3, 2, 12, 0, 5, tzinfo=UTC)
    urls = {"refresh_url": "https://passerelle.test/connect/refresh/", "return_url": "https://passerelle.test/connect/"}

    link = connect.account_link_create(organisation_id=42, account_id="acct_42", now=noon, **urls)
    connect.account_link_create(organisation_id=42, account_id="acct_42", now=noon + timedelta(seconds=30), **urls)
    connect.account_link_create(organisation_id=42, account_id="acct_42", now=noon + timedelta(minutes=2), **urls)

    assert link.url.startswith("https://") and link.expires_at
    first, double_click, later = sent(proxy, "POST", "/v1/account_links")
    assert form(first) == {"account": "acct_42", "type": "account_onboarding", **urls}
    assert first.headers["Idempotency-Key"].startswith("passerelle-provider-42-account-link-acct_42-")
    assert double_click.headers["Idempotency-Key"] == first.headers["Idempotency-Key"]
    assert later.headers["Idempotency-Key"] != first.headers["Idempotency-Key"]


@pytest.mark.stripe_mock
def test_an_account_read_back_says_what_is_still_due(proxy):
    account = StripeConnect().account_retrieve(account_id="acct_1Provider")

    assert account.account_id == "acct_1Provider"
    assert not account.payable
    assert account.requirements_due  # stripe-mock's account has its onboarding to finish
    (request,) = sent(proxy, "GET", "/v1/accounts/acct_1Provider")
    assert "Idempotency-Key" not in request.headers  # reads carry none: Stripe ignores it on GET


COMPLETE_ACCOUNT = {
    "id": "acct_ok",
    "charges_enabled": True,
    "payouts_enabled": True,
    "details_submitted": True,
    "capabilities": {"card_payments": "active", "transfers": "active"},
    "requirements": {
        "currently_due": [],
        "past_due": [],
        "eventually_due": ["company.tax_id"],
        "disabled_reason": None,
    },
    "metadata": {"passerelle_organisation_id": "42"},
}


def test_an_onboarded_account_is_payable_even_with_something_eventually_due():
    account = connect_account(COMPLETE_ACCOUNT)

    assert account.payable and account.organisation_id == 42


@pytest.mark.parametrize(
    "change",
    [
        {"charges_enabled": False},
        {"payouts_enabled": False},
        {"capabilities": {"card_payments": "active", "transfers": "pending"}},
        {"requirements": {"currently_due": ["external_account"], "past_due": []}},
        {"requirements": {"currently_due": [], "past_due": ["tos_acceptance.date"]}},
        {"requirements": {"currently_due": [], "disabled_reason": "rejected.fraud"}},
    ],
    ids=["charges", "payouts", "transfers-capability", "currently-due", "past-due", "disabled"],
)
def test_an_account_missing_one_condition_is_not_payable(change):
    assert not connect_account({**COMPLETE_ACCOUNT, **change}).payable


@pytest.mark.stripe_mock
def test_a_milestone_is_transferred_to_its_provider(proxy):
    transfer = StripeConnect().transfer_create(
        milestone_id=7, engagement_id=3, amount=1250_00, destination="acct_1Provider", source_charge_id="ch_1Funding"
    )

    assert transfer.transfer_id.startswith("tr_")
    assert (transfer.amount, transfer.currency, transfer.destination) == (1250_00, "eur", "acct_1Provider")
    assert transfer.transfer_group == "passerelle-engagement-3"
    (request,) = sent(proxy, "POST", "/v1/transfers")
    assert request.headers["Idempotency-Key"] == "passerelle-milestone-7-transfer"
    body = form(request)
    assert body["source_transaction"] == "ch_1Funding"
    assert (body["metadata[passerelle_milestone_id]"], body["metadata[passerelle_engagement_id]"]) == ("7", "3")


@pytest.mark.stripe_mock
def test_a_lost_answer_is_retried_with_the_same_idempotency_key(proxy):
    proxy.drop_answers(1)

    transfer = StripeConnect().transfer_create(milestone_id=8, engagement_id=3, amount=500_00, destination="acct_1P")

    assert transfer.amount == 500_00
    first, retry = sent(proxy, "POST", "/v1/transfers")
    assert (first.answered, retry.answered) == (503, 200)
    assert first.headers["Idempotency-Key"] == retry.headers["Idempotency-Key"] == "passerelle-milestone-8-transfer"
    assert first.body == retry.body


@pytest.mark.stripe_mock
def test_asking_again_for_the_same_ids_sends_the_same_key(proxy):
    """A task run twice, or a second worker, builds its own client: the key still comes from our ids only."""
    for _attempt in range(2):
        StripeConnect().transfer_create(milestone_id=9, engagement_id=3, amount=100_00, destination="acct_1P")
        StripeConnect().account_create(organisation_id=43, email="contact@autre.test")
    StripeConnect().transfer_create(milestone_id=10, engagement_id=3, amount=100_00, destination="acct_1P")

    transfer_keys = [request.headers["Idempotency-Key"] for request in sent(proxy, "POST", "/v1/transfers")]
    account_keys = {request.headers["Idempotency-Key"] for request in sent(proxy, "POST", "/v1/accounts")}
    assert transfer_keys == [
        "passerelle-milestone-9-transfer",
        "passerelle-milestone-9-transfer",
        "passerelle-milestone-10-transfer",
    ]
    assert account_keys == {"passerelle-provider-43-connect-account"}


@pytest.mark.stripe_mock
def test_a_refusal_from_stripe_is_a_payment_error_with_its_reason(proxy):
    proxy.refuse_next("No such destination: 'acct_gone'")

    with pytest.raises(PaymentError, match="Stripe a refusé la demande : No such destination: 'acct_gone'"):
        StripeConnect().transfer_create(milestone_id=12, engagement_id=3, amount=100_00, destination="acct_gone")
    assert len(sent(proxy, "POST", "/v1/transfers")) == 1  # a refusal is final: not retried


@pytest.mark.stripe_mock
def test_a_transfer_is_read_back(proxy):
    transfer = StripeConnect().transfer_retrieve(transfer_id="tr_1Milestone")

    assert transfer.transfer_id == "tr_1Milestone"
    assert transfer.amount > 0 and transfer.currency
    assert sent(proxy, "GET", "/v1/transfers/tr_1Milestone")


@pytest.mark.stripe_mock
def test_payouts_are_listed_on_the_provider_account(proxy):
    payouts = StripeConnect().payout_list(account_id="acct_1Provider", limit=5)

    assert payouts and all(payout.payout_id.startswith("po_") and payout.amount > 0 for payout in payouts)
    (request,) = sent(proxy, "GET", "/v1/payouts?limit=5")
    assert request.headers["Stripe-Account"] == "acct_1Provider"


def test_an_unreachable_stripe_is_a_payment_error_not_a_crash(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_passerelle"
    nowhere = StripeConnect(stripe_client(api_base=f"http://127.0.0.1:{free_port()}", retries=0, timeout=2))

    with pytest.raises(PaymentError, match="indisponible"):
        nowhere.transfer_create(milestone_id=11, engagement_id=3, amount=100_00, destination="acct_1P")
