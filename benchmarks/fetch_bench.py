"""Fetch throughput: pages/s and peak memory fetching many pages from a local server with many hosts.

The server runs in its own process and listens on distinct addresses of 127.0.0.0/8 (one per "host"), serving
real news pages from ``../shared/datasets/naeb.jsonl.gz`` (gzip-encoded, as most sites send them) or, without
the dataset, a synthetic article. Phases, each timed on its own:

1. ``async fetch``   ``AsyncFetcher.get_many``: fetching only (robots.txt on, per-host limit 2).
2. ``sync fetch``    ``Fetcher.get_many`` (thread pool) on the same URLs.
3. ``clean only``    ``Pipeline.clean_html`` on the fetched bytes, and trafilatura's ``extract`` on the same
                     bytes, in this process, for the ratio that says whether the fetcher is the bottleneck.
4. ``fetch+clean``   ``AsyncFetcher.fetch_many`` end to end on ``--clean-pages`` URLs.

Fetch phases run in their own process, so each reports its own peak RSS (records are counted, not kept);
the cleaning phases report the main process's peak RSS. This is a benchmark, not a test.

    python benchmarks/fetch_bench.py --pages 2000 --hosts 100 --concurrency 64
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_pages(limit: int) -> list[bytes]:
    if str(REPO) not in sys.path:  # run from a checkout without installing
        sys.path.insert(0, str(REPO))
    from benchmarks._data import data_dir  # as ``python -m benchmarks`` finds the sets

    source = data_dir() / "naeb.jsonl.gz"
    pages: list[bytes] = []
    if source.exists():
        with gzip.open(source, "rt", encoding="utf-8") as stream:
            for line in stream:
                pages.append(json.loads(line)["html"].encode("utf-8"))
                if len(pages) >= limit:
                    break
    if not pages:
        paragraph = "<p>" + "The council met on Tuesday to discuss the harbour bridge budget. " * 8 + "</p>"
        pages = [
            f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"{paragraph * 8}</article></body></html>".encode()
            for n in range(limit)
        ]
    return pages


def host_address(index: int) -> str:
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


def serve(hosts: int, port_queue: multiprocessing.Queue, page_limit: int) -> None:  # type: ignore[type-arg]
    pages = [gzip.compress(page, compresslevel=5) for page in load_pages(page_limit)]

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                if path.startswith("/p/"):
                    body = pages[int(path[3:]) % len(pages)]
                    headers = b"Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
                    status = b"200 OK"
                else:
                    body, headers, status = b"not found", b"Content-Type: text/plain\r\n", b"404 Not Found"
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\n" + headers + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        first = await asyncio.start_server(handle, host_address(0), 0, backlog=512)
        port = first.sockets[0].getsockname()[1]
        servers = [first] + [
            await asyncio.start_server(handle, host_address(i), port, backlog=512) for i in range(1, hosts)
        ]
        port_queue.put(port)
        await asyncio.sleep(3600)  # the parent terminates this process when done
        for server in servers:
            server.close()

    asyncio.run(main())


def fetch_phase(kind: str, urls: list[str], options: dict[str, object], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """One fetch phase in its own process, so its peak RSS is its own. Records are counted and dropped."""
    from newsclean.fetch import AsyncFetcher, Fetcher, FetchResult

    totals = [0, 0, 0]

    def count(record: object) -> None:
        if isinstance(record, FetchResult):
            totals[0] += 1
            totals[1] += record.wire_bytes
            totals[2] += len(record.content)

    async def run_async() -> None:
        async with AsyncFetcher(**options) as fetcher:  # type: ignore[arg-type]
            async for record in fetcher.get_many(urls):
                count(record)

    started = time.perf_counter()
    if kind == "async":
        asyncio.run(run_async())
    else:
        with Fetcher(**options) as fetcher:  # type: ignore[arg-type]
            for record in fetcher.get_many(urls):
                count(record)
    queue.put((*totals, time.perf_counter() - started, peak_rss_mb()))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--clean-pages", type=int, default=300, help="pages for the clean and fetch+clean phases")
    parser.add_argument("--distinct-pages", type=int, default=200, help="distinct dataset pages served")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO))
    from newsclean import Failure, Pipeline
    from newsclean.fetch import AsyncFetcher, Fetcher, FetchResult

    ports: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=serve, args=(args.hosts, ports, args.distinct_pages), daemon=True)
    server.start()
    try:
        port = ports.get(timeout=60)
        urls = [f"http://{host_address(n % args.hosts)}:{port}/p/{n}" for n in range(args.pages)]
        options = {
            "concurrency": args.concurrency,
            "per_host_concurrency": args.per_host,
            "allow_private_addresses": True,
            "retries": 1,
            "backoff": 0.1,
        }
        print(
            f"pages={args.pages} hosts={args.hosts} concurrency={args.concurrency} per_host={args.per_host} "
            f"start_rss={peak_rss_mb():.0f}MB"
        )

        for kind in ("async", "sync"):
            queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
            phase = multiprocessing.Process(target=fetch_phase, args=(kind, urls, options, queue))
            phase.start()
            ok, wire, body, elapsed, rss = queue.get(timeout=600)
            phase.join(30)
            print(
                f"{kind:5} fetch : {ok}/{len(urls)} ok in {elapsed:.2f}s = {len(urls) / elapsed:.0f} pages/s, "
                f"{wire / elapsed / 1e6:.1f} MB/s wire, {body / elapsed / 1e6:.1f} MB/s decoded, "
                f"peak_rss={rss:.0f}MB (own process)"
            )

        with Fetcher(**options) as sampler:
            sample = [r for r in sampler.get_many(urls[: args.clean_pages]) if isinstance(r, FetchResult)]

        import trafilatura

        pipeline = Pipeline()
        started = time.perf_counter()
        for result in sample:
            with contextlib.suppress(Exception):  # a page the cleaner rejects still cost its time
                pipeline.clean_html(result.content, url=result.final_url, headers=result.headers)
        clean_elapsed = time.perf_counter() - started
        started = time.perf_counter()
        for result in sample:
            trafilatura.extract(result.content, url=result.final_url, deduplicate=False)
        trafilatura_elapsed = time.perf_counter() - started
        print(
            f"clean only  : newsclean {len(sample) / clean_elapsed:.0f} pages/s, trafilatura.extract "
            f"{len(sample) / trafilatura_elapsed:.0f} pages/s (ratio {trafilatura_elapsed / clean_elapsed:.2f}), "
            f"peak_rss={peak_rss_mb():.0f}MB"
        )

        async def fetch_and_clean() -> int:
            async with AsyncFetcher(pipeline=pipeline, **options) as fetcher:
                return sum([not isinstance(r, Failure) async for r in fetcher.fetch_many(urls[: args.clean_pages])])

        started = time.perf_counter()
        articles = asyncio.run(fetch_and_clean())
        elapsed = time.perf_counter() - started
        print(
            f"fetch+clean : {articles}/{args.clean_pages} articles in {elapsed:.2f}s = "
            f"{args.clean_pages / elapsed:.0f} pages/s, peak_rss={peak_rss_mb():.0f}MB"
        )
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()
