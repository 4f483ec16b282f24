"""A raw-socket HTTP server on 127.0.0.1 for fetch tests that need exact bytes on the wire: each request's path
picks a handler, which writes the response itself (or misbehaves: closes early, drips, stalls)."""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Callable

Handler = Callable[[socket.socket, "RawServer"], None]


def respond(
    conn: socket.socket,
    status: str = "200 OK",
    headers: tuple[tuple[str, str], ...] = (),
    body: bytes = b"",
    *,
    header_encoding: str = "latin-1",
) -> None:
    """A whole response with its Content-Length; ``header_encoding="utf-8"`` sends header values as raw UTF-8,
    as some servers do."""
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers)]
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode(header_encoding) + body)


def not_found(conn: socket.socket, server: RawServer) -> None:
    respond(conn, "404 Not Found", (("Content-Type", "text/plain"),), b"not here")


class RawServer:
    """Answers each request by its path's handler; robots.txt is 404 unless routed. ``hits`` counts the requests
    per path, ``served`` lists the paths in the order they arrived."""

    def __init__(self, routes: dict[str, Handler]) -> None:
        self.routes = {"/robots.txt": not_found, **routes}
        self.hits: Counter[str] = Counter()
        self.served: list[str] = []
        self._lock = threading.Lock()
        self.closing = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self, seconds: float) -> bool:
        """Sleep that ends when the server closes; True when it is closing."""
        return self.closing.wait(seconds)

    def close(self) -> None:
        self.closing.set()
        self._sock.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ", 2)[1].decode("latin-1")
                with self._lock:
                    self.hits[path] += 1
                    self.served.append(path)
                self.routes.get(path, not_found)(conn, self)
            except OSError:
                pass  # the client hung up: what several tests are about
