"""In-app notifications: the list, the unread count in the header, marking read, on the pages and in the API."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import Notification
from marketplace.services.tokens import api_token_create

from ..factories import UserFactory
from .test_profiles_views import page_text, plain_text

pytestmark = pytest.mark.django_db

LIST = "/mon-organisation/notifications/"
API = "/api/v1/my-organisation/notifications"


def notify(user, title, *, minutes_ago=0, read=False, url="/mon-organisation/verification/") -> Notification:
    notification = Notification.objects.create(
        user=user, kind="verification.info_requested", title=title, body=f"Détails : {title}.", url=url
    )
    created = timezone.now() - timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=notification.pk).update(created_at=created, read_at=created if read else None)
    notification.refresh_from_db()
    return notification


@pytest.fixture
def inbox(owner, outsider):
    return {
        "old": notify(owner, "Vérification : informations demandées", minutes_ago=60, read=True),
        "new": notify(owner, "« Les Amis du Quartier » est vérifiée", minutes_ago=5),
        "newer": notify(owner, "Nouveau devis reçu", minutes_ago=1, url=""),
        "other": notify(outsider, "Notification d'un autre"),
    }


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="Intégration")
    return {"Authorization": f"Bearer {raw}"}


def test_the_list_shows_my_notifications_newest_first(owner_client, inbox):
    response = owner_client.get(LIST)

    assert response.status_code == 200
    text = plain_text(response)
    assert "2 notifications non lues." in text
    assert text.index("Nouveau devis reçu") < text.index("est vérifiée") < text.index("informations demandées")
    assert "Notification d'un autre" not in text
    assert "Détails : Nouveau devis reçu." in text
    assert page_text(response).count('<span class="badge">Nouveau</span>') == 2
    assert f'action="/mon-organisation/notifications/{inbox["new"].pk}/lue/"' in page_text(response)
    assert f'action="/mon-organisation/notifications/{inbox["old"].pk}/lue/"' not in page_text(response)


def header(response) -> str:
    return page_text(response).split('<nav class="site-nav site-nav--account"', 1)[1].split("</nav>", 1)[0]


def test_the_header_shows_the_unread_count(owner_client, inbox):
    nav = header(owner_client.get("/tableau-de-bord/"))
    assert (
        '<a href="/mon-organisation/notifications/" >Notifications <span class="badge">2'
        '<span class="visually-hidden"> non lues</span></span></a>'
    ) in nav

    Notification.objects.filter(user=inbox["new"].user).update(read_at=timezone.now())

    nav = header(owner_client.get("/tableau-de-bord/"))
    assert '<a href="/mon-organisation/notifications/" >Notifications</a>' in nav


def test_the_dashboard_shows_the_latest_unread_notifications(owner_client, inbox):
    text = plain_text(owner_client.get("/tableau-de-bord/"))
    unread = text.split("Notifications non lues", 1)[1]

    assert unread.index("Nouveau devis reçu") < unread.index("est vérifiée")
    assert "informations demandées" not in unread
    assert f'<a href="{inbox["new"].url}">' in page_text(owner_client.get("/tableau-de-bord/"))


def test_marking_one_notification_read(owner_client, inbox):
    response = owner_client.post(f"{LIST}{inbox['new'].pk}/lue/")

    assert response.status_code == 302
    assert response["Location"] == LIST
    inbox["new"].refresh_from_db()
    inbox["newer"].refresh_from_db()
    assert inbox["new"].read_at is not None
    assert inbox["newer"].read_at is None
    assert "1 notification non lue." in plain_text(owner_client.get(LIST))


def test_marking_all_read(owner_client, owner, inbox):
    response = owner_client.post(f"{LIST}tout-lire/")

    assert response.status_code == 302
    assert not Notification.objects.filter(user=owner, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=inbox["other"].pk).read_at is None
    text = plain_text(owner_client.get(LIST))
    assert "Toutes vos notifications sont marquées comme lues." in text
    assert "Tout est lu." in text


def test_marking_read_needs_a_post_and_ones_own_notification(owner_client, inbox):
    assert owner_client.get(f"{LIST}{inbox['new'].pk}/lue/").status_code == 405
    assert owner_client.get(f"{LIST}tout-lire/").status_code == 405
    assert owner_client.post(f"{LIST}{inbox['other'].pk}/lue/").status_code == 404
    assert owner_client.post(f"{LIST}999999/lue/").status_code == 404
    assert Notification.objects.get(pk=inbox["other"].pk).read_at is None


def test_notifications_need_a_login_but_no_organisation(client, inbox):
    assert client.get(LIST)["Location"].startswith("/compte/connexion/")

    lonely = UserFactory()
    notify(lonely, "Bienvenue")
    client.force_login(lonely)
    assert "Bienvenue" in plain_text(client.get(LIST))


def test_an_empty_list(owner_client):
    text = plain_text(owner_client.get(LIST))

    assert "Aucune notification pour l'instant." in text
    assert "Tout marquer comme lu" not in text


# --- API ---------------------------------------------------------------------------------------


def test_the_api_lists_my_notifications(client, owner, inbox):
    auth = bearer(owner)

    body = client.get(API, headers=auth).json()

    assert (body["count"], body["unread_count"]) == (3, 2)
    assert [item["title"] for item in body["items"]] == [
        "Nouveau devis reçu",
        "« Les Amis du Quartier » est vérifiée",
        "Vérification : informations demandées",
    ]
    body = client.get(f"{API}?unread=true&limit=1", headers=auth).json()
    assert (body["count"], [item["id"] for item in body["items"]]) == (2, [inbox["newer"].pk])
    assert client.get(f"{API}?limit=0", headers=auth).status_code == 422


def test_the_api_marks_one_or_all_read(client, owner, inbox):
    auth = bearer(owner)

    def read(payload):
        return client.post(f"{API}/read", json.dumps(payload), content_type="application/json", headers=auth)

    response = read({"id": inbox["new"].pk})
    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unread_count": 1}

    response = read({"id": inbox["other"].pk})
    assert response.status_code == 404
    assert response.json() == {"message": "Notification introuvable.", "errors": {}}

    assert read({}).json() == {"marked": 1, "unread_count": 0}
    assert Notification.objects.get(pk=inbox["other"].pk).read_at is None
