"""The ScrapingHub converter on a synthetic copy of its repository layout, read from disk and downloaded from a
real HTTP server on 127.0.0.1 (no other network in tests)."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from benchmarks import download
from benchmarks.__main__ import main
from benchmarks._data import iter_pages
from benchmarks.download import SOURCES, _scrapinghub_pages


def test_scrapinghub_layout_converts_to_the_harness_format(tmp_path: Path) -> None:
    root = tmp_path / "article-extraction-benchmark-4a3bc97"
    (root / "html").mkdir(parents=True)
    truth = {"b2": {"articleBody": "First paragraph.\nSecond paragraph.\n\n", "url": "https://example.com/b2"}}
    (root / "ground-truth.json").write_text(json.dumps(truth))
    (root / "html" / "b2.html.gz").write_bytes(gzip.compress("<html><p>Café</p></html>".encode()))

    pages = list(_scrapinghub_pages(root, SOURCES["scrapinghub"]))
    with gzip.open(tmp_path / "scrapinghub.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(page) + "\n" for page in pages)

    [page] = iter_pages("scrapinghub", tmp_path)
    assert page.id == "scrapinghub/b2" and page.url == "https://example.com/b2"
    assert page.gold_paragraphs == ["First paragraph.", "Second paragraph."]
    assert "Café" in page.html
    assert page.info["source_commit"] == SOURCES["scrapinghub"].commit


# -- the command, against a real HTTP server on 127.0.0.1 ---------------------------------------------------------


def _source_archive(*, with_page: bool = True) -> bytes:
    """A tar.gz of the repository's layout at one commit, as GitHub's codeload serves it."""
    truth = json.dumps({"b2": {"articleBody": "First paragraph.\nSecond paragraph.", "url": "https://example.com/b2"}})
    files = {"repo-4a3bc97/ground-truth.json": truth.encode()}
    if with_page:
        files["repo-4a3bc97/html/b2.html.gz"] = gzip.compress(b"<html><p>First paragraph.</p></html>")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture
def archive_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bytes]]:
    """Serves ``served["body"]`` for any path; the download command is pointed at it."""
    served: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = served["body"]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(download, "ARCHIVE_URL", f"http://127.0.0.1:{server.server_port}/{{repository}}/{{commit}}")
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


def _download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return CliRunner().invoke(main, ["download", "--datasets", "scrapinghub", "--out", str(tmp_path / "sets")])


def test_download_converts_the_set_and_leaves_no_unpacked_archive(
    archive_server: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive_server["body"] = _source_archive()
    result = _download(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    [page] = iter_pages("scrapinghub", tmp_path / "sets")
    assert page.gold_paragraphs == ["First paragraph.", "Second paragraph."]
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize(
    ("body", "phrase"),
    [(b"<html>rate limited</html>", "not a readable source archive"), (None, "not laid out as the converter reads")],
)
def test_a_damaged_download_or_an_unknown_layout_is_a_message_and_leaves_nothing_behind(
    archive_server: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    body: bytes | None,
    phrase: str,
) -> None:
    archive_server["body"] = body if body is not None else _source_archive(with_page=False)
    result = _download(tmp_path, monkeypatch)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), repr(result.exception)
    assert phrase in result.output
    assert list((tmp_path / "sets").iterdir()) == []  # no set, no partial file
    assert list((tmp_path / "tmp").iterdir()) == []
