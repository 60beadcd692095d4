"""PostgreSQL restarted: the request it cuts gets a clear 503 page, the next ones are served as usual.

Requests go through the real WSGI handler (which opens and recycles connections as in production, unlike the
test client) with the production connection settings: persistent connections checked before reuse.
A restart is its effect on the application: every server process of our connections ends
(pg_terminate_backend, sent from another connection).
"""

import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from config.settings.env import parse_database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

UNAVAILABLE = "Service momentanément indisponible"


@pytest.fixture
def production_connections(monkeypatch):
    """The connection settings a deployment gets from DATABASE_URL (the test profile turns them off)."""
    deployed = parse_database_url("postgres://user:secret@db.example/passerelle")
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", deployed["CONN_MAX_AGE"])
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", deployed["CONN_HEALTH_CHECKS"])
    yield
    connection.close()


def _get(path: str) -> tuple[int, dict, str]:
    """One GET through the WSGI handler, as a server calls it; (status, headers, body)."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    body = WSGIHandler()(RequestFactory().get(path).environ, start_response)
    try:
        content = b"".join(body).decode()
    finally:
        body.close()  # the server's call that ends the request: Django recycles broken connections here
    return answer["status"], answer["headers"], content


def _restart_backends() -> None:
    """End every server process of this database but the one sending the order, as a restart does."""

    def terminate():
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                # Wait until they are gone, as the next statement of the cut request would find them.
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                )
        finally:
            connection.close()

    thread = threading.Thread(target=terminate)
    thread.start()
    thread.join(timeout=30)


def test_a_restart_between_requests_goes_unnoticed(production_connections):
    page = reverse("directory:provider_list")
    assert _get(page)[0] == 200
    assert connection.connection is not None  # kept open for the next request

    _restart_backends()

    status, _headers, content = _get(page)
    assert status == 200, content[:500]


def test_a_request_cut_by_a_restart_gets_a_503_page_and_the_next_one_succeeds(production_connections):
    page = reverse("directory:provider_list")
    assert _get(page)[0] == 200

    def restart_during_the_request(execute, sql, params, many, context):
        _restart_backends()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restart_during_the_request):
        status, headers, content = _get(page)

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert f"<h1>{UNAVAILABLE}</h1>" in content
    assert '<main id="main"' in content  # the site's layout, as on the other error pages
    assert "Traceback" not in content

    status, _headers, content = _get(page)
    assert status == 200, content[:500]
    assert UNAVAILABLE not in content


def test_the_api_answers_503_in_json_while_the_database_is_down(production_connections):
    assert _get("/api/v1/directory/skills")[0] == 200

    def restart_during_the_request(execute, sql, params, many, context):
        _restart_backends()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restart_during_the_request):
        status, headers, content = _get("/api/v1/directory/skills")

    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert UNAVAILABLE not in content and "indisponible" in content
    assert _get("/api/v1/directory/skills")[0] == 200
