"""A localstripe server for the test session, started from the installed package on a free port."""

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStripe:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.gettempdir()) / f"localstripe-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 20) -> None:
        with self.log.open("w") as log:
            # cwd in a temp dir: localstripe may persist its store in the working directory.
            self.process = subprocess.Popen(  # noqa: S603 - fixed argv, our interpreter
                [sys.executable, "-m", "localstripe", "--port", str(self.port), "--from-scratch"],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=tempfile.gettempdir(),
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"localstripe exited: {self.log.read_text()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("localstripe did not start in time")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
