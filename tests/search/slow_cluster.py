"""A slow or failing search cluster for tests: an HTTP proxy in front of the real OpenSearch.

Chosen requests are answered late (the cluster has done the work, the answer comes after the client's
timeout, as from an overloaded node) or refused with an error status without reaching the cluster (as from
a node that fails mid-operation). Everything else passes through unchanged, so the engine under test talks
to a real cluster.

    with SlowCluster(settings.SEARCH_URLS[0]) as cluster:
        cluster.delay(r"/_refresh", seconds=3)
        settings.SEARCH_URLS = [cluster.url]
"""

import http.client
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

# Headers that belong to one connection, not to the request: never relayed.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}


@dataclass
class Rule:
    """What to do with requests whose "METHOD /path?query" matches `pattern`, after letting `skip` through."""

    pattern: re.Pattern
    delay: float = 0.0
    status: int | None = None
    skip: int = 0
    matched: int = 0
    applied: int = 0


class SlowCluster:
    def __init__(self, upstream: str):
        parsed = urlparse(upstream)
        self.upstream = (parsed.hostname or "127.0.0.1", parsed.port or 9200)
        self.rules: list[Rule] = []
        self.requests: Counter = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def delay(self, pattern: str, *, seconds: float, skip: int = 0) -> Rule:
        """Forward matching requests, then hold the cluster's answer `seconds` before sending it."""
        rule = Rule(re.compile(pattern), delay=seconds, skip=skip)
        self.rules.append(rule)
        return rule

    def fail(self, pattern: str, *, status: int = 500, skip: int = 0) -> Rule:
        """Answer matching requests with `status` and an error body; the cluster never sees them."""
        rule = Rule(re.compile(pattern), status=status, skip=skip)
        self.rules.append(rule)
        return rule

    def rule_for(self, request_line: str) -> Rule | None:
        with self._lock:
            self.requests[request_line.split("?")[0]] += 1
            for rule in self.rules:
                if rule.pattern.search(request_line):
                    rule.matched += 1
                    if rule.matched > rule.skip:
                        rule.applied += 1
                        return rule
        return None

    def __enter__(self) -> "SlowCluster":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(cluster: SlowCluster) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002  the base class's name
            pass

        def relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            rule = cluster.rule_for(f"{self.command} {self.path}")
            if rule is not None and rule.status is not None:
                error = {"error": {"type": "test_injected_failure", "reason": "refused by the test"}, "status": 500}
                self.answer(rule.status, [("Content-Type", "application/json")], json.dumps(error).encode())
                return
            headers = {
                name: value
                for name, value in self.headers.items()
                if name.lower() not in HOP_BY_HOP | {"host", "content-length"}
            }
            upstream = http.client.HTTPConnection(*cluster.upstream, timeout=120)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                payload = response.read()
            finally:
                upstream.close()
            if rule is not None and rule.delay:
                time.sleep(rule.delay)
            self.answer(response.status, response.getheaders(), payload)

        def answer(self, status: int, headers, payload: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP | {"content-length"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped waiting: what a timeout is

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = relay

    return Handler
