"""Private services for fault tests: a redis-server on its own free port, started and stopped by
the test (never the shared one), and a TCP relay to PostgreSQL that a test can cut."""

import contextlib
import shutil
import socket
import subprocess
import threading
import time

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15.0, up: bool = True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if (sock.connect_ex(("127.0.0.1", port)) == 0) == up:
                return
        time.sleep(0.1)
    raise TimeoutError(f"port {port} did not come {'up' if up else 'down'}")


class PrivateRedis:
    """redis-server --port N with no persistence; start() and stop() as often as needed."""

    def __init__(self):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is not installed (apt-get install -y redis-server)")
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
            wait_for_port(self.port, up=False)


class TcpRelay:
    """Forwards 127.0.0.1:<port> to a target port. ``cut()`` closes the listener and every open
    connection (the database "goes away"); ``restore()`` listens again on the same port."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.listener = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        if self.listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave the
            # port listening until then.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def private_redis():
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()


# What a copy of the project for a subprocess test leaves out: environments, build output,
# local data and caches (a developer's own .env included).
PROJECT_COPY_IGNORES = (
    ".venv",
    ".git",
    "media",
    "staticfiles",
    ".pytest-media",
    "node_modules",
    "*.sqlite3",
    "__pycache__",
    "bench",
    ".ruff_cache",
    ".pytest_cache",
    ".env",
    "test-results",
)


def copy_of_project(root, destination):
    """The project's sources copied to ``destination``, for commands that write into it."""
    shutil.copytree(root, destination, ignore=shutil.ignore_patterns(*PROJECT_COPY_IGNORES))
    return destination
