import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_configured_component(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {"database", "search", "channel_layer", "tasks"} <= set(body["components"])
    assert all(component["status"] == "up" for component in body["components"].values())
