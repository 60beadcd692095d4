"""A test that needs a missing service skips, or fails under REQUIRE_SERVICES=1; Elasticsearch, which CI does
not run, fails only when someone named a node with ELASTICSEARCH_URLS."""

import pytest

from .services import elasticsearch_urls, service_missing, unavailable_reason


def outcome(service: str, reason: str) -> str:
    try:
        service_missing(service, reason)
    except pytest.skip.Exception:
        return "skipped"
    except pytest.fail.Exception:
        return "failed"
    return "ran"


def test_a_missing_service_skips_unless_services_are_required(monkeypatch):
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    assert outcome("opensearch", "needs OpenSearch") == "skipped"
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    assert outcome("opensearch", "needs OpenSearch") == "failed"


def test_elasticsearch_nobody_configured_skips_even_when_services_are_required(monkeypatch):
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    monkeypatch.delenv("ELASTICSEARCH_URLS", raising=False)
    assert outcome("elasticsearch", "needs Elasticsearch 8") == "skipped"


def test_elasticsearch_named_but_not_answering_fails_when_services_are_required(monkeypatch):
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    monkeypatch.setenv("ELASTICSEARCH_URLS", "http://127.0.0.1:9, http://127.0.0.1:10")
    unavailable_reason.cache_clear()
    try:
        assert elasticsearch_urls() == ["http://127.0.0.1:9", "http://127.0.0.1:10"]
        reason = unavailable_reason("elasticsearch")
        assert reason == "Elasticsearch at http://127.0.0.1:9 does not answer"
        assert outcome("elasticsearch", reason) == "failed"
    finally:
        unavailable_reason.cache_clear()
