"""The conversation socket /ws/conversations/<id>/: who may open it, what flows through it, and when it is cut."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from marketplace.models import Membership
from messaging import services
from messaging.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from messaging.models import Message

from ..factories import UserFactory
from ..project_factories import AssociationFactory, member_of

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
TIMEOUT = 3


def session_cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


async def open_socket(conversation_id: int, user=None):
    headers = [ORIGIN]
    if user is not None:
        headers.append((b"cookie", await sync_to_async(session_cookie_for)(user)))
    communicator = WebsocketCommunicator(application, f"/ws/conversations/{conversation_id}/", headers=headers)
    connected, code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected, code


async def joined(conversation_id: int, user):
    communicator, connected, code = await open_socket(conversation_id, user)
    assert connected, code
    return communicator


async def post(communicator, body: str, client_id: str | None = None) -> str:
    client_id = client_id or str(uuid.uuid4())
    await communicator.send_json_to({"action": "post", "client_id": client_id, "body": body})
    return client_id


async def frames(communicator, count: int) -> list[dict]:
    return [await communicator.receive_json_from(timeout=TIMEOUT) for _ in range(count)]


def by_type(received: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for frame in received:
        grouped.setdefault(frame["type"], []).append(frame)
    return grouped


async def assert_cut_off(communicator):
    assert await communicator.receive_output(timeout=TIMEOUT) == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}


async def test_anonymous_visitors_are_refused(parties):
    conversation, _association, _provider = parties
    _socket, connected, code = await open_socket(conversation.pk)
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_a_member_of_another_organisation_is_refused(parties):
    conversation, _association, _provider = parties
    stranger = await sync_to_async(member_of)(await sync_to_async(AssociationFactory)())
    _socket, connected, code = await open_socket(conversation.pk, stranger.user)
    assert not connected
    assert code == CLOSE_FORBIDDEN


@pytest.mark.parametrize(
    "account", [{"email_confirmed_at": None}, {"is_active": False}], ids=["unconfirmed", "suspended"]
)
async def test_a_session_of_an_account_that_may_not_sign_in_opens_no_socket(parties, account):
    """A session cookie is not enough: the account must still be allowed in (marketplace.auth_backends)."""
    conversation, association, _provider = parties
    cookie = await sync_to_async(session_cookie_for)(association.user)
    await sync_to_async(type(association.user).objects.filter(pk=association.user_id).update)(**account)
    for path in (f"/ws/conversations/{conversation.pk}/", "/ws/me/"):
        communicator = WebsocketCommunicator(application, path, headers=[ORIGIN, (b"cookie", cookie)])
        connected, code = await communicator.connect(timeout=TIMEOUT)
        assert not connected
        assert code == CLOSE_UNAUTHENTICATED


async def test_an_unknown_conversation_is_refused_like_a_foreign_one(parties):
    _conversation, association, _provider = parties
    _socket, connected, code = await open_socket(999_999, association.user)
    assert not connected
    assert code == CLOSE_FORBIDDEN


async def test_a_foreign_origin_is_refused(parties):
    conversation, association, _provider = parties
    cookie = await sync_to_async(session_cookie_for)(association.user)
    headers = [(b"origin", b"https://evil.example.com"), (b"cookie", cookie)]
    communicator = WebsocketCommunicator(application, f"/ws/conversations/{conversation.pk}/", headers=headers)
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert not connected


async def test_messages_reach_the_other_side_in_order_and_the_sender_gets_acks(parties):
    conversation, association, provider = parties
    association_socket = await joined(conversation.pk, association.user)
    provider_socket = await joined(conversation.pk, provider.user)

    client_ids = [await post(provider_socket, f"Message {n}") for n in range(1, 4)]

    received = await frames(association_socket, 3)
    assert [frame["type"] for frame in received] == ["message"] * 3
    assert [frame["message"]["body"] for frame in received] == ["Message 1", "Message 2", "Message 3"]
    assert [frame["message"]["seq"] for frame in received] == [1, 2, 3]
    assert received[0]["message"]["sender_org_id"] == provider.organisation_id
    assert received[0]["message"]["html"] == "Message 1"

    own = by_type(await frames(provider_socket, 6))
    assert [(ack["client_id"], ack["seq"]) for ack in own["ack"]] == list(zip(client_ids, [1, 2, 3], strict=True))
    assert [frame["message"]["client_id"] for frame in own["message"]] == client_ids
    assert await association_socket.receive_nothing(timeout=0.2)
    await association_socket.disconnect()
    await provider_socket.disconnect()


async def test_the_html_is_escaped_by_the_server(parties):
    conversation, association, provider = parties
    association_socket = await joined(conversation.pk, association.user)
    provider_socket = await joined(conversation.pk, provider.user)
    await post(provider_socket, "<script>alert(1)</script>")
    frame = await association_socket.receive_json_from(timeout=TIMEOUT)
    assert frame["message"]["html"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    await association_socket.disconnect()
    await provider_socket.disconnect()


async def test_resume_delivers_exactly_the_missed_messages_once(parties):
    conversation, association, provider = parties
    provider_socket = await joined(conversation.pk, provider.user)
    association_socket = await joined(conversation.pk, association.user)
    await post(provider_socket, "Vu")
    seen = await association_socket.receive_json_from(timeout=TIMEOUT)
    await association_socket.disconnect()

    for body in ("Manqué 1", "Manqué 2"):
        await post(provider_socket, body)
    await frames(provider_socket, 2 + 2 * 2)  # the first message and its ack, then the two others

    association_socket = await joined(conversation.pk, association.user)
    await association_socket.send_json_to({"action": "resume", "after_seq": seen["message"]["seq"]})
    received = await frames(association_socket, 3)
    assert [frame["message"]["body"] for frame in received[:2]] == ["Manqué 1", "Manqué 2"]
    assert received[2] == {"type": "resumed", "last_seq": 3}
    assert await association_socket.receive_nothing(timeout=0.3)
    await association_socket.disconnect()
    await provider_socket.disconnect()


async def test_resume_with_nothing_missed_says_so(parties):
    conversation, association, _provider = parties
    socket = await joined(conversation.pk, association.user)
    await socket.send_json_to({"action": "resume", "after_seq": 0})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {"type": "resumed", "last_seq": 0}
    await socket.disconnect()


async def test_posting_twice_with_the_same_client_id_stores_once_and_acks_both(parties):
    conversation, association, provider = parties
    association_socket = await joined(conversation.pk, association.user)
    provider_socket = await joined(conversation.pk, provider.user)
    client_id = str(uuid.uuid4())

    await post(provider_socket, "Une seule fois", client_id)
    await post(provider_socket, "Une seule fois", client_id)

    own = by_type(await frames(provider_socket, 3))
    assert len(own["ack"]) == 2
    assert (
        own["ack"][0]
        == own["ack"][1]
        == {
            "type": "ack",
            "client_id": client_id,
            "seq": 1,
            "id": own["message"][0]["message"]["id"],
        }
    )
    assert (await association_socket.receive_json_from(timeout=TIMEOUT))["message"]["body"] == "Une seule fois"
    assert await association_socket.receive_nothing(timeout=0.3)
    assert await Message.objects.filter(conversation=conversation).acount() == 1
    await association_socket.disconnect()
    await provider_socket.disconnect()


async def test_the_rate_limit_answers_with_an_error_frame(parties, monkeypatch):
    monkeypatch.setattr(services, "RATE_LIMIT_MESSAGES", 1)
    conversation, _association, provider = parties
    socket = await joined(conversation.pk, provider.user)
    await post(socket, "Premier")
    await frames(socket, 2)
    refused = await post(socket, "Second")
    assert await socket.receive_json_from(timeout=TIMEOUT) == {
        "type": "error",
        "client_id": refused,
        "message": "Vous envoyez trop de messages à la fois : patientez une minute avant de continuer.",
    }
    await socket.send_json_to({"action": "ping"})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {"type": "pong"}
    await socket.disconnect()


async def test_invalid_input_gets_an_error_frame_and_the_socket_stays_open(parties):
    conversation, _association, provider = parties
    socket = await joined(conversation.pk, provider.user)
    client_id = str(uuid.uuid4())
    await socket.send_json_to({"action": "post", "client_id": client_id, "body": "   "})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {
        "type": "error",
        "client_id": client_id,
        "message": "Le message est vide.",
    }
    await socket.send_json_to({"action": "post", "client_id": "pas-un-uuid", "body": "Bonjour"})
    assert (await socket.receive_json_from(timeout=TIMEOUT))["type"] == "error"
    await socket.send_to(text_data="{pas du json")
    assert (await socket.receive_json_from(timeout=TIMEOUT))["type"] == "error"
    await socket.send_json_to({"action": "voler"})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {
        "type": "error",
        "client_id": "",
        "message": "Action inconnue.",
    }
    await socket.send_json_to({"action": "ping"})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {"type": "pong"}
    assert await Message.objects.acount() == 0
    await socket.disconnect()


async def test_an_unexpected_failure_is_logged_and_reported_without_closing(parties, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "message_post", broken)
    conversation, _association, provider = parties
    socket = await joined(conversation.pk, provider.user)
    client_id = await post(socket, "Bonjour")
    frame = await socket.receive_json_from(timeout=TIMEOUT)
    assert frame == {"type": "error", "client_id": client_id, "message": "Une erreur est survenue, veuillez réessayer."}
    assert "boom" in caplog.text
    await socket.send_json_to({"action": "ping"})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {"type": "pong"}
    await socket.disconnect()


async def test_typing_reaches_the_other_side_only_and_is_throttled(parties):
    conversation, association, provider = parties
    association_socket = await joined(conversation.pk, association.user)
    provider_socket = await joined(conversation.pk, provider.user)

    await provider_socket.send_json_to({"action": "typing"})
    await provider_socket.send_json_to({"action": "typing"})

    frame = await association_socket.receive_json_from(timeout=TIMEOUT)
    assert frame == {
        "type": "typing",
        "organisation_id": provider.organisation_id,
        "organisation_name": provider.organisation.name,
        "name": provider.user.get_full_name(),
    }
    assert await association_socket.receive_nothing(timeout=0.3)
    assert await provider_socket.receive_nothing(timeout=0.1)
    assert await Message.objects.acount() == 0
    await association_socket.disconnect()
    await provider_socket.disconnect()


async def test_read_receipts_reach_the_sender(parties):
    conversation, association, provider = parties
    association_socket = await joined(conversation.pk, association.user)
    provider_socket = await joined(conversation.pk, provider.user)
    await post(provider_socket, "Lu ?")
    await frames(provider_socket, 2)
    message = await association_socket.receive_json_from(timeout=TIMEOUT)

    await association_socket.send_json_to({"action": "read", "seq": message["message"]["seq"]})

    assert await provider_socket.receive_json_from(timeout=TIMEOUT) == {
        "type": "read",
        "organisation_id": association.organisation_id,
        "seq": 1,
    }
    await association_socket.disconnect()
    await provider_socket.disconnect()


async def test_a_member_removed_from_the_organisation_is_cut_off_at_the_next_action(parties):
    conversation, association, _provider = parties
    socket = await joined(conversation.pk, association.user)
    await socket.send_json_to({"action": "ping"})
    assert await socket.receive_json_from(timeout=TIMEOUT) == {"type": "pong"}

    await Membership.objects.filter(pk=association.pk).adelete()

    await socket.send_json_to({"action": "ping"})
    await assert_cut_off(socket)


async def test_a_member_removed_meanwhile_receives_no_more_messages(parties, monkeypatch):
    """Relayed events re-check membership every few seconds; here at once."""
    monkeypatch.setattr("messaging.consumers.ACCESS_RECHECK_SECONDS", 0)
    conversation, association, provider = parties
    association_socket = await joined(conversation.pk, association.user)
    provider_socket = await joined(conversation.pk, provider.user)
    await Membership.objects.filter(pk=association.pk).adelete()

    await post(provider_socket, "Confidentiel")

    await assert_cut_off(association_socket)
    await provider_socket.disconnect()


async def test_staff_outside_the_conversation_may_follow_it(parties):
    conversation, _association, provider = parties
    moderator = await sync_to_async(UserFactory)(is_staff=True)
    moderator_socket = await joined(conversation.pk, moderator)
    provider_socket = await joined(conversation.pk, provider.user)
    await post(provider_socket, "Bonjour")
    assert (await moderator_socket.receive_json_from(timeout=TIMEOUT))["message"]["body"] == "Bonjour"
    await moderator_socket.disconnect()
    await provider_socket.disconnect()


async def test_a_hidden_message_reaches_no_socket_with_its_text(parties):
    """Hiding tells open pages at once, without the text; a later resume does not bring it back either."""
    conversation, association, provider = parties
    moderator = await sync_to_async(UserFactory)(is_staff=True)
    message, _created = await sync_to_async(services.message_post)(
        user=provider.user, conversation_id=conversation.pk, body="Mon IBAN : FR76 3000 6000"
    )
    sockets = [await joined(conversation.pk, user) for user in (association.user, provider.user, moderator)]

    await sync_to_async(services.message_hide)(user=moderator, message_id=message.pk)

    for socket in sockets:
        changed = await socket.receive_json_from(timeout=TIMEOUT)
        assert changed["type"] == "message_changed"
        assert "FR76" not in str(changed)
        await socket.send_json_to({"action": "resume", "after_seq": 0})
        resumed = await frames(socket, 2)
        assert [frame["type"] for frame in resumed] == ["message", "resumed"]
        assert "FR76" not in str(resumed)
        await socket.disconnect()
