"""Refuse URLs that would reach the machine's own network: untrusted dumps carry ``http://169.254.169.254/``.

The check resolves the host and refuses it when any address is not globally routable. It runs before every
request, redirect hops included, so a bad URL fails early with its own reason. The connection itself goes only
to an address checked when it opens (``_pinning``), so a DNS server that answers differently the second time
(rebinding) does not get through either.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpx

from .._exceptions import FetchError

ALLOWED_SCHEMES = frozenset({"http", "https"})
_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_scheme(url: httpx.URL) -> None:
    if url.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            f"scheme {url.scheme or '(none)'!r} is not fetched; only http and https", url=str(url), reason="scheme"
        )
    if not url.host:
        raise FetchError("URL has no host", url=str(url), reason="invalid_url")


def is_public(address: _Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _literal(host: str) -> _Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _refuse(url: httpx.URL, address: object) -> FetchError:
    return FetchError(
        f"host {url.host!r} resolves to non-public address {address}; pass allow_private_addresses=True to allow",
        url=str(url),
        reason="private_address",
    )


def resolved_addresses(infos: Iterable[tuple[Any, ...]]) -> list[_Address]:
    """The distinct addresses of ``getaddrinfo`` results, in order, without IPv6 zone ids."""
    addresses: list[_Address] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _check_addresses(url: httpx.URL, infos: list[tuple[object, ...]]) -> None:
    addresses = resolved_addresses(infos)
    if not addresses:
        raise FetchError(f"host {url.host!r} did not resolve", url=str(url), reason="dns")
    refused = next((address for address in addresses if not is_public(address)), None)
    if refused is not None:
        raise _refuse(url, refused)


def check_url(url: httpx.URL, *, allow_private: bool) -> None:
    """Raise ``FetchError`` (reason ``scheme`` / ``private_address`` / ``dns``) for a URL we must not fetch."""
    check_scheme(url)
    if allow_private:
        return
    literal = _literal(url.host)
    if literal is not None:
        if not is_public(literal):
            raise _refuse(url, literal)
        return
    if url.host.lower() == "localhost" or url.host.lower().endswith(".localhost"):
        raise _refuse(url, "loopback")
    try:
        infos = socket.getaddrinfo(url.host, url.port or 0, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host {url.host!r} did not resolve: {exc}", url=str(url), reason="dns") from exc
    _check_addresses(url, list(infos))


async def acheck_url(url: httpx.URL, *, allow_private: bool) -> None:
    """``check_url`` without blocking the event loop on DNS."""
    check_scheme(url)
    if allow_private:
        return
    literal = _literal(url.host)
    if literal is not None or url.host.lower() == "localhost" or url.host.lower().endswith(".localhost"):
        check_url(url, allow_private=False)
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(url.host, url.port or 0, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host {url.host!r} did not resolve: {exc}", url=str(url), reason="dns") from exc
    _check_addresses(url, list(infos))
