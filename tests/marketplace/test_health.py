"""/healthz answers for each component actually configured, against the real engines where they run here."""

import pytest
from django.db import connection

from ..localstripe_server import free_port

pytestmark = pytest.mark.django_db


def components(client, expected_status):
    response = client.get("/healthz")
    assert response.status_code == expected_status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()["components"]


def test_every_configured_component_is_up(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "search", "channel_layer", "tasks"}
    assert body["components"]["search"]["engine"] == settings.SEARCH_ENGINE
    assert body["components"]["database"]["engine"] == connection.vendor
    assert all(component["status"] == "up" for component in body["components"].values())


def test_payments_appear_once_configured_and_are_up_with_localstripe(client, stripe_settings):
    payments = components(client, 200)["payments"]
    assert payments["status"] == "up"
    assert payments["api_base"] == stripe_settings.STRIPE_API_BASE


def test_payments_down_gives_503_and_says_which(client, stripe_settings):
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["components"]["payments"]["status"] == "down"
    assert body["components"]["database"]["status"] == "up"


def test_unreachable_search_cluster_gives_503(client, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URLS = [f"http://127.0.0.1:{free_port()}"]
    search = components(client, 503)["search"]
    assert search["status"] == "down"
    assert "opensearch unreachable" in search["error"]


def test_unreachable_elasticsearch_gives_503(client, settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_URLS = [f"http://127.0.0.1:{free_port()}"]
    assert components(client, 503)["search"]["status"] == "down"


@pytest.mark.opensearch
def test_opensearch_node_is_reported_up(client):
    search = components(client, 200)["search"]
    assert search["engine"] == "opensearch"
    assert search["cluster_status"] in {"green", "yellow"}


def test_unreachable_redis_channel_layer_gives_503(client, settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{free_port()}/0"]},
        }
    }
    layer = components(client, 503)["channel_layer"]
    assert layer["status"] == "down"


@pytest.mark.redis
def test_redis_channel_layer_round_trip(client):
    layer = components(client, 200)["channel_layer"]
    assert layer == {**layer, "status": "up", "backend": "RedisChannelLayer"}


def test_database_task_backend_reports_its_queue(client, settings):
    settings.TASKS_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks = components(client, 200)["tasks"]
    assert tasks["backend"] == "DatabaseBackend"
    assert tasks["ready"] == 0


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
