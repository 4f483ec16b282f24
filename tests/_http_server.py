"""A real HTTP server on 127.0.0.x for the fetch tests: serves fixture pages and misbehaves on purpose.

It counts requests per path and requests in flight (the peak is what the per-host concurrency test reads),
and records when each request started (for crawl-delay). Stalls wake up as soon as the server is closed.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import Counter, defaultdict
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import zstandard

PARAGRAPHS = [
    "The harbour bridge reopened to traffic on Monday morning after eleven months of repairs that cost the "
    "city far more than the council had planned when the work began last spring.",
    "Engineers replaced more than four hundred corroded steel cables and resurfaced the entire deck, which had "
    "been closed to heavy vehicles since inspectors found cracks in two of the main supports.",
    "Commuters who had spent the year on crowded ferries and long detours welcomed the news, although several "
    "said the new toll, set at three dollars a crossing, would change how often they drive into town.",
    "The mayor told reporters that the project had finished two weeks ahead of the revised schedule and that "
    "an independent audit of the budget overrun would be published before the end of the summer.",
    "Local businesses near the southern approach, many of which lost customers during the closure, said they "
    "hoped the reopening would bring back the weekend visitors who once crossed for the markets.",
]
TITLE = "Harbour bridge reopens after months of repairs"


def article_html(title: str = TITLE, paragraphs: list[str] = PARAGRAPHS, charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="{charset}"><title>{title}</title></head><body>'
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>\n{body}\n</article><footer>Copyright Example News</footer></body></html>"
    )


ARTICLE = article_html().encode("utf-8")
CYRILLIC_PARAGRAPHS = [
    "Мост через гавань снова открыт для движения после одиннадцати месяцев ремонта, который обошёлся городу "
    "намного дороже, чем планировал совет.",
    "Инженеры заменили более четырёхсот стальных тросов и полностью обновили покрытие моста, закрытого для "
    "грузовиков с прошлой весны.",
    "Жители, которые весь год ездили на переполненных паромах, встретили новость с радостью, хотя многие "
    "недовольны новым сбором за проезд.",
]


def _with_head(markup: str) -> bytes:
    return ARTICLE.replace(b"<title>", markup.encode() + b"<title>", 1)


# Pages carrying a <meta http-equiv="refresh">: a stub that sends the reader on, and pages that must stand.
REFRESH_PAGES = {
    "stub": b'<html><head><meta http-equiv="refresh" content="0; url=/article"><title>Redirecting</title></head>'
    b'<body><p>If you are not redirected, <a href="/article">click here</a>.</p></body></html>',
    "stub-to-stub": b"<html><head><meta content='1;URL=\"stub\"' http-equiv=Refresh></head><body></body></html>",
    "reload": _with_head('<meta http-equiv="refresh" content="300">'),
    "late": _with_head('<meta http-equiv="refresh" content="600; url=/">'),
    "noscript": _with_head('<noscript><meta http-equiv="refresh" content="0; url=/nojs"></noscript>'),
    "itself": _with_head('<meta http-equiv="refresh" content="0; url=/refresh/itself">'),
    "loop-a": b'<meta http-equiv="refresh" content="0; url=/refresh/loop-b">',
    "loop-b": b'<meta http-equiv="refresh" content="0; url=/refresh/loop-a">',
}
CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b'<div id="challenge-body-text">Checking your browser before accessing the site.</div>'
    b'<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>'
)
HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 64 * 1024 * 1024


@cache
def bomb(encoding: str) -> bytes:
    zeros = b"\0" * BOMB_BYTES
    if encoding == "gzip":
        return gzip.compress(zeros, compresslevel=9)
    if encoding == "br":
        return bytes(brotli.compress(zeros, quality=5))
    return bytes(zstandard.ZstdCompressor(level=3).compress(zeros))


def encode(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data)
    if encoding == "br":
        return bytes(brotli.compress(data))
    if encoding == "zstd":
        return bytes(zstandard.ZstdCompressor().compress(data))
    return data


class FixtureServer:
    def __init__(self, host: str = "127.0.0.1", robots_txt: str | None = None) -> None:
        self.robots_txt = robots_txt
        self.hits: Counter[str] = Counter()
        self.starts: defaultdict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.huge_sent = 0
        self.closing = threading.Event()
        self.httpd = _QuietServer((host, 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fixture = self  # type: ignore[attr-defined]
        self.host, self.port = self.httpd.server_address[:2]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def reset_counts(self) -> None:
        with self.lock:
            self.hits.clear()
            self.starts.clear()
            self.max_in_flight = 0

    def close(self) -> None:
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets and hang-ups are what these fixtures are for; tests assert on the client side


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FixtureServer/1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    @property
    def fixture(self) -> FixtureServer:
        return self.server.fixture  # type: ignore[attr-defined,no-any-return]

    def send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302, headers: dict[str, str] | None = None) -> None:
        self.send(status, b"", headers={"Location": location, **(headers or {})})

    def do_GET(self) -> None:
        fixture = self.fixture
        path = self.path.split("?", 1)[0]
        with fixture.lock:
            fixture.hits[path] += 1
            hit = fixture.hits[path]
            fixture.starts[path].append(time.monotonic())
            fixture.in_flight += 1
            fixture.max_in_flight = max(fixture.max_in_flight, fixture.in_flight)
        try:
            self.route(path, hit)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with fixture.lock:
                fixture.in_flight -= 1

    def route(self, path: str, hit: int) -> None:
        fixture = self.fixture
        if path == "/robots.txt":
            if fixture.robots_txt is None:
                self.send(404, b"not found", "text/plain")
            else:
                self.send(200, fixture.robots_txt.encode(), "text/plain")
        elif path in ("/article", "/private/article") or path.startswith("/page/"):
            self.send(200, ARTICLE, "text/html; charset=utf-8")
        elif path.startswith("/slow/"):
            fixture.closing.wait(0.3)
            self.send(200, ARTICLE, "text/html; charset=utf-8")
        elif path.startswith("/encoded/"):
            encoding = path.rsplit("/", 1)[1]
            self.send(200, encode(ARTICLE, encoding), "text/html; charset=utf-8", {"Content-Encoding": encoding})
        elif path == "/meta-charset":
            page = article_html("Мост через гавань снова открыт", CYRILLIC_PARAGRAPHS, "windows-1251")
            self.send(200, page.encode("cp1251"), "text/html")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect("/article" if left == 0 else f"/redirect/{left - 1}", 301 if left % 2 else 302)
        elif path == "/set-cookie":
            self.redirect("/needs-cookie", headers={"Set-Cookie": "session=abc123; Path=/"})
        elif path == "/needs-cookie":
            if "session=abc123" in (self.headers.get("Cookie") or ""):
                self.send(200, ARTICLE, "text/html; charset=utf-8")
            else:
                self.send(403, b"no cookie", "text/plain")
        elif path.startswith("/flaky/"):
            self.send(500, b"oops", "text/plain") if hit == 1 else self.send(200, ARTICLE)
        elif path.startswith("/ratelimited/"):
            if hit == 1:
                self.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self.send(200, ARTICLE)
        elif path == "/missing":
            self.send(404, b"not here", "text/plain")
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE) * 10))
            self.end_headers()
            self.wfile.write(ARTICLE[:500])
            self.wfile.flush()
            fixture.closing.wait(10)
            self.close_connection = True
        elif path == "/reset":
            # SO_LINGER with a zero timeout turns close() into a TCP RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path.startswith("/bad-location/"):
            kind = path.rsplit("/", 1)[1]
            locations = {"data": "data:text/html,<p>hi</p>", "javascript": "javascript:alert(1)", "port": "http://[::1"}
            self.redirect(locations[kind])
        elif path.startswith("/refresh/"):
            self.send(200, REFRESH_PAGES[path.rsplit("/", 1)[1]], "text/html; charset=utf-8")
        elif path == "/loop/a":
            self.redirect("/loop/b")
        elif path == "/loop/b":
            self.redirect("/loop/a")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
            sent = 0
            try:
                while sent < HUGE_BYTES and not fixture.closing.is_set():
                    self.wfile.write(chunk)
                    sent += len(chunk)
            finally:
                fixture.huge_sent = sent
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            self.close_connection = True
            self.wfile.write(b"<html>" + b"x" * 1024)
        elif path.startswith("/bomb/"):
            encoding = path.rsplit("/", 1)[1]
            self.send(200, bomb(encoding), "text/html", {"Content-Encoding": encoding})
        elif path == "/pdf":
            self.send(200, b"%PDF-1.7\n" + b"0" * 2048, "application/pdf")
        elif path == "/challenge":
            self.send(200, CHALLENGE, "text/html; charset=utf-8")
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                with fixture.lock:
                    fixture.hits["/etag:304"] += 1
                self.send(304, b"", None, {"ETag": '"v1"'})
            else:
                self.send(200, ARTICLE, "text/html; charset=utf-8", {"ETag": '"v1"'})
        elif path == "/feed.xml":
            items = "".join(f"<item><title>{n}</title><link>/page/{n}</link></item>" for n in ("a", "b", "a"))
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
            self.send(200, feed.encode(), "application/rss+xml")
        elif path == "/sitemap-index.xml":
            index = (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                "<sitemap><loc>/sitemap.xml.gz</loc></sitemap></sitemapindex>"
            )
            self.send(200, index.encode(), "application/xml")
        elif path == "/sitemap.xml.gz":
            urls = "".join(f"<url><loc>{self.fixture.url(f'/page/{n}')}</loc></url>" for n in ("c", "d"))
            sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            self.send(200, gzip.compress(sitemap.encode()), "application/x-gzip")
        else:
            self.send(404, b"unknown fixture", "text/plain")
