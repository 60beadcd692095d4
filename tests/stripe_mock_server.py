"""stripe-mock for the test session, and a recording proxy in front of it.

stripe-mock (Stripe's own mock server, built by `make services` into var/services/bin) answers every
request from Stripe's OpenAPI description and refuses any parameter that description does not allow.
It keeps no state: an object read back is a fixture carrying the id that was asked for.

The proxy forwards to it and records what went over the wire (method, path, headers, body), so a test can
see the idempotency key the real `stripe` library sent; it can also swallow stripe-mock's answer and reply
503 instead, as when a response is lost on the way back, which makes the library retry.
"""

import http.client
import json
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .localstripe_server import free_port
from .services import port_open


class StripeMock:
    def __init__(self, binary: str):
        self.binary = binary
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.gettempdir()) / f"stripe-mock-{self.port}.log"
        self.https_socket = Path(tempfile.gettempdir()) / f"stripe-mock-{self.port}.sock"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 20) -> None:
        # `-http-addr` alone leaves stripe-mock's default HTTPS listener on port 12112, which another run may
        # hold: that one goes to a socket file of its own, which nothing here uses.
        self.https_socket.unlink(missing_ok=True)
        argv = [self.binary, "-http-addr", f"127.0.0.1:{self.port}", "-https-unix", str(self.https_socket)]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 - fixed argv
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"stripe-mock exited: {self.log.read_text()[-500:]}")
            if port_open("127.0.0.1", self.port, timeout=0.5):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("stripe-mock did not start in time")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.https_socket.unlink(missing_ok=True)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int


class RecordingProxy:
    """Forwards to `upstream` and records every request.

    `drop_answers(n)` turns the next n answers into a 503, as if they were lost; `refuse_next(message)` turns
    the next one into the 400 Stripe gives for a request it refuses (an account that no longer exists...),
    which stripe-mock, answering from fixtures, never does.
    """

    def __init__(self, upstream: str):
        self.upstream = upstream.removeprefix("http://")
        self.requests: list[RecordedRequest] = []
        self._replacements: list[tuple[int, bytes]] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "RecordingProxy":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def drop_answers(self, count: int) -> None:
        error = b'{"error": {"type": "api_error", "message": "answer lost on the way back"}}'
        with self._lock:
            self._replacements += [(503, error)] * count

    def refuse_next(self, message: str) -> None:
        error = json.dumps({"error": {"type": "invalid_request_error", "message": message}}).encode()
        with self._lock:
            self._replacements.append((400, error))

    def _replacement(self) -> tuple[int, bytes] | None:
        with self._lock:
            return self._replacements.pop(0) if self._replacements else None

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # noqa: A002 - the base class's name
                pass

            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                upstream = http.client.HTTPConnection(proxy.upstream, timeout=10)
                upstream.request(self.command, self.path, body=body, headers=dict(self.headers))
                answer = upstream.getresponse()
                payload = answer.read()
                upstream.close()
                status, headers = answer.status, answer.getheaders()
                replacement = proxy._replacement()
                if replacement:
                    # stripe-mock did the work; the caller hears something else, as when a connection drops.
                    (status, payload), headers = replacement, [("Content-Type", "application/json")]
                proxy.requests.append(RecordedRequest(self.command, self.path, dict(self.headers), body, status))
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _forward

        return Handler
