"""Refuse URLs that would reach the machine's own network: untrusted dumps carry ``http://169.254.169.254/``.

The check resolves the host and refuses it when any address is not globally routable. It runs before every
request, redirect hops included, so a bad URL fails early with its own reason. The connection itself goes only
to an address checked when it opens (``_pinning``), so a DNS server that answers differently the second time
(rebinding) does not get through either.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from typing import Any

import httpx

from .._exceptions import FetchError
from ._dns import Bound, LookupTimeout, alookup, lookup

ALLOWED_SCHEMES = frozenset({"http", "https"})
_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_scheme(url: httpx.URL) -> None:
    """Raise ``FetchError`` (reason ``scheme`` / ``invalid_url``) for a URL that is not http(s) or names no
    host or port a connection could go to."""
    if url.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            f"scheme {url.scheme or '(none)'!r} is not fetched; only http and https", url=str(url), reason="scheme"
        )
    _check_host(url)
    if url.port is not None and not 0 < url.port < 65536:
        raise FetchError(f"port {url.port} is out of range", url=str(url), reason="invalid_url")


# What an IDNA-encoded host name cannot hold: letters, digits, "-", "_" (in use, though not in the standard) and
# the dots between labels are all there is.
_NOT_IN_HOST_NAMES = re.compile(rb"[^A-Za-z0-9._-]")


def _check_host(url: httpx.URL) -> None:
    # httpx keeps a malformed host as it came and fails only when it is used: ``url.host`` decodes an "xn--"
    # label (idna.IDNAError), and the resolver encodes the name (UnicodeError for an empty or overlong label).
    try:
        host = url.host
    except ValueError as exc:  # idna.IDNAError and UnicodeError are ValueErrors
        raise FetchError(
            f"invalid host name {url.raw_host.decode('ascii', 'replace')!r}: {exc}", url=str(url), reason="invalid_url"
        ) from exc
    if not host:
        raise FetchError("URL has no host", url=str(url), reason="invalid_url")
    if literal_address(host) is not None:
        return
    # A space or another character no host name holds ("exa mple.com", percent-encoded by httpx) would go to DNS
    # and fail there as "dns", a network fault, for what is a malformed URL.
    if _NOT_IN_HOST_NAMES.search(url.raw_host) is not None:
        raise FetchError(f"invalid host name {host!r}", url=str(url), reason="invalid_url")
    name = url.raw_host.rstrip(b".")  # IDNA-encoded: what DNS is asked for
    if len(name) > 253 or any(not 0 < len(label) <= 63 for label in name.split(b".")):
        raise FetchError(
            f"invalid host name {host!r}: a label is empty or longer than 63 characters",
            url=str(url),
            reason="invalid_url",
        )


# The well-known NAT64 prefix (RFC 6052): a gateway there forwards to the IPv4 address in the last 32 bits. The
# local-use one (64:ff9b:1::/48, RFC 8215) is not globally reachable, whatever it carries.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


def is_public(address: _Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv6 address that carries an IPv4 one reaches that one: mapped, 6to4 (2002::/16) or NAT64. Python
        # calls 2002:7f00:1:: and 64:ff9b::7f00:1 global, and they led to 127.0.0.1 where such routes exist.
        if address in _LOCAL_NAT64:
            return False
        if address in _NAT64:
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast


def literal_address(host: str) -> _Address | None:
    """The address a host written as one names ("93.184.216.34", "[::1]"), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


#: How to let such an address through, in the library and on the command line (where the failure is a record).
ALLOW_PRIVATE_HINT = "pass allow_private_addresses=True (--allow-private on the command line) to allow"


def _refuse(url: httpx.URL, address: object) -> FetchError:
    return FetchError(
        f"host {url.host!r} resolves to non-public address {address}; {ALLOW_PRIVATE_HINT}",
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


def check_url(url: httpx.URL, *, allow_private: bool, deadline: Bound | None = None) -> None:
    """Raise ``FetchError`` (reason ``scheme`` / ``private_address`` / ``dns``) for a URL we must not fetch; the
    name lookup ends with ``deadline`` (reason ``timeout``)."""
    check_scheme(url)
    if allow_private:
        return
    literal = literal_address(url.host)
    if literal is not None:
        if not is_public(literal):
            raise _refuse(url, literal)
        return
    if url.host.lower() == "localhost" or url.host.lower().endswith(".localhost"):
        raise _refuse(url, "loopback")
    try:
        infos = lookup(url.host, url.port or 0, deadline)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host {url.host!r} did not resolve: {exc}", url=str(url), reason="dns") from exc
    except LookupTimeout as exc:
        raise FetchError(str(exc), url=str(url), reason="timeout") from exc
    _check_addresses(url, list(infos))


async def acheck_url(url: httpx.URL, *, allow_private: bool) -> None:
    """``check_url`` without blocking the event loop on DNS."""
    check_scheme(url)
    if allow_private:
        return
    literal = literal_address(url.host)
    if literal is not None or url.host.lower() == "localhost" or url.host.lower().endswith(".localhost"):
        check_url(url, allow_private=False)
        return
    try:
        infos = await alookup(url.host, url.port or 0)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host {url.host!r} did not resolve: {exc}", url=str(url), reason="dns") from exc
    _check_addresses(url, list(infos))
