"""HTTPS and HTTP/2 against a real TLS server on 127.0.0.1 (hypercorn, certificates from a throwaway CA).

The fetcher verifies certificates against certifi's bundle, plus ``ca_bundle`` when given; these tests check
that HTTP/2 is really negotiated (ALPN), that an unknown CA is refused, and that a bad CA file is a clear error.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from _http_server import ARTICLE, TITLE
from click.testing import CliRunner
from hypercorn.asyncio import serve
from hypercorn.config import Config

from newsclean import Article, Failure, FetchError
from newsclean.cli import main
from newsclean.fetch import AsyncFetcher, Fetcher

pytestmark = pytest.mark.timeout(60)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    if scope["path"] == "/robots.txt":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"not found"})
        return
    # The protocol the server saw, so a test can tell HTTP/2 from HTTP/1.1 on the server's side too.
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"x-served-over", scope["http_version"].encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": ARTICLE})


class TlsServer:
    def __init__(self, directory: Path) -> None:
        self.ca = trustme.CA()
        certificate = self.ca.issue_cert("127.0.0.1", "localhost")
        self.ca_pem = directory / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_pem))
        cert_pem, key_pem = directory / "server.pem", directory / "server.key"
        certificate.cert_chain_pems[0].write_to_path(str(cert_pem))
        certificate.private_key_pem.write_to_path(str(key_pem))
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        config = Config()
        # Handing over a bound socket (hypercorn owns and closes it) avoids racing for a free port.
        config.bind = [f"fd://{listener.detach()}"]
        config.certfile, config.keyfile = str(cert_pem), str(key_pem)
        config.accesslog = config.errorlog = None
        self._config = config
        self._loop = asyncio.new_event_loop()
        self._stop = asyncio.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(serve(app, self._config, shutdown_trigger=self._stop.wait))  # type: ignore[arg-type]

    def url(self, path: str = "/article") -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    server = TlsServer(tmp_path_factory.mktemp("tls"))
    yield server
    server.close()


def test_http2_is_negotiated_and_the_page_becomes_an_article(tls_server: TlsServer) -> None:
    with Fetcher(http2=True, ca_bundle=tls_server.ca_pem, allow_private_addresses=True) as fetcher:
        result = fetcher.get(tls_server.url())
        article = fetcher.fetch(tls_server.url())
    assert result.http_version == "HTTP/2"
    assert result.headers["x-served-over"] == "2"
    assert result.content == ARTICLE
    assert isinstance(article, Article)
    assert article.title == TITLE


def test_without_http2_the_same_server_speaks_http1(tls_server: TlsServer) -> None:
    with Fetcher(ca_bundle=tls_server.ca_pem, allow_private_addresses=True) as fetcher:
        result = fetcher.get(tls_server.url())
    assert result.http_version == "HTTP/1.1"
    assert result.headers["x-served-over"] == "1.1"


def test_async_http2_many_pages_keep_their_order(tls_server: TlsServer) -> None:
    urls = [tls_server.url(f"/article/{number}") for number in range(6)]

    async def fetch_all() -> list[Article | Failure]:
        async with AsyncFetcher(http2=True, ca_bundle=tls_server.ca_pem, allow_private_addresses=True) as fetcher:
            return [record async for record in fetcher.fetch_many(urls)]

    records = asyncio.run(fetch_all())
    assert [record.url for record in records] == urls
    assert all(isinstance(record, Article) and record.title == TITLE for record in records)


def test_a_certificate_from_an_unknown_authority_is_refused(tls_server: TlsServer) -> None:
    with Fetcher(http2=True, allow_private_addresses=True, retries=0) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(tls_server.url())
    assert caught.value.reason == "connection"
    assert "certificate" in str(caught.value).lower()


def test_an_unreadable_ca_bundle_is_a_clear_error(tmp_path: Path) -> None:
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("this is not a certificate\n")
    with pytest.raises(ValueError, match=r"ca_bundle .*ca\.pem"):
        Fetcher(ca_bundle=not_pem)
    with pytest.raises(ValueError, match=r"ca_bundle .*missing\.pem"):
        AsyncFetcher(ca_bundle=tmp_path / "missing.pem")


def test_cli_ca_bundle(tls_server: TlsServer, tmp_path: Path) -> None:
    runner = CliRunner()
    arguments = ["fetch", "--allow-private", "--http2", "--ca-bundle", str(tls_server.ca_pem), tls_server.url()]
    ok = runner.invoke(main, arguments)
    assert ok.exit_code == 0, ok.output
    assert f'"title":"{TITLE}"' in ok.stdout

    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("this is not a certificate\n")
    bad = runner.invoke(main, ["fetch", "--allow-private", "--ca-bundle", str(not_pem), tls_server.url()])
    assert bad.exit_code == 2
    assert "ca_bundle" in bad.output and "Traceback" not in bad.output
