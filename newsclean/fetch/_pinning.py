"""Connect only to the addresses just checked, so a DNS answer cannot change between check and connection.

``check_url`` resolves a host and refuses non-public addresses, but httpx would resolve the name again when
it connects: a DNS server that answers a public address first and ``127.0.0.1`` the second time (rebinding)
would get past the check. The backends below sit under httpx's connection pool, resolve the name once
themselves, refuse the connection if any address is not public, and connect to a checked address. TLS still
verifies the certificate against the host name (httpcore passes the URL's host as SNI), not the address.

Pools behind a proxy are left alone: the connection goes to the proxy, which the user chose.
"""

from __future__ import annotations

import socket
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from ._dns import alookup
from ._safety import is_public, resolved_addresses


class AddressRefused(httpcore.ConnectError):
    """The host resolved to an address that is not globally routable; raised when the connection opens."""


def _checked(host: str, infos: Iterable[tuple[Any, ...]]) -> list[str]:
    addresses = resolved_addresses(infos)
    if not addresses:
        raise httpcore.ConnectError(f"host {host!r} did not resolve")
    for address in addresses:
        if not is_public(address):
            raise AddressRefused(f"host {host!r} resolves to non-public address {address}")
    return [str(address) for address in addresses]


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"host {host!r} did not resolve: {exc}") from exc
    return _checked(host, infos)


async def _aresolve(host: str, port: int) -> list[str]:
    try:
        infos = await alookup(host, port)  # not anyio's: its threads are shared, and a silent resolver fills them
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"host {host!r} did not resolve: {exc}") from exc
    return _checked(host, infos)


def first_to_connect(
    host: str, addresses: Iterable[str], connect: Callable[[str], httpcore.NetworkStream]
) -> httpcore.NetworkStream:
    """The stream ``connect`` opens to the first of ``addresses`` that takes the connection, tried in turn as
    ``socket.create_connection`` tries them; the last failure when none does."""
    failure: httpcore.ConnectError | None = None
    for address in addresses:
        try:
            return connect(address)
        except httpcore.ConnectError as exc:
            failure = exc
    raise failure or httpcore.ConnectError(f"host {host!r} did not resolve")


class PinnedBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return first_to_connect(
            host,
            _resolve(host, port),
            lambda address: self._inner.connect_tcp(address, port, timeout, local_address, socket_options),
        )

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return self._inner.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class AsyncPinnedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        failure: httpcore.ConnectError | None = None
        for address in await _aresolve(host, port):
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return await self._inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def connection_pools(client: httpx.Client | httpx.AsyncClient) -> list[Any]:
    """The httpcore connection pools under ``client``'s transports (its mounts' too), whose network backend the
    fetchers wrap. httpx exposes no hook for the backend, so this reaches into its transports."""
    pools = (getattr(transport, "_pool", None) for transport in [client._transport, *client._mounts.values()])
    return [pool for pool in pools if pool is not None]


def pin_addresses(client: httpx.Client | httpx.AsyncClient) -> None:
    """Put the pinned backend under every direct (non-proxy) connection pool of ``client``."""
    pinned = 0
    for pool in connection_pools(client):
        if type(pool) is httpcore.ConnectionPool:
            pool._network_backend = PinnedBackend(pool._network_backend)
            pinned += 1
        elif type(pool) is httpcore.AsyncConnectionPool:
            pool._network_backend = AsyncPinnedBackend(pool._network_backend)
            pinned += 1
    if not pinned:
        warnings.warn(
            "newsclean could not reach httpx's connection pool on this httpx version: addresses are checked before "
            "each request but not pinned, so DNS rebinding is not prevented",
            RuntimeWarning,
            stacklevel=3,
        )
