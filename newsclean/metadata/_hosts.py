"""Host names as people read them: IDNA (punycode) labels decoded, serving prefixes ("www3.", "m.", "amp.") off."""

from __future__ import annotations

import re
import unicodedata

from courlan import extract_domain

_ACE_PREFIX = "xn--"
# Labels a publisher puts before its registered name to serve the same site another way: numbered web hosts
# ("www3.nhk.or.jp"), mobile editions ("m.", "mobile.") and AMP caches ("amp."). A subdomain that names a part of
# the site ("news.", "edition.", "blogs.") is kept: it is what the reader sees as the site.
_SERVING_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)$")


def _readable_label(label: str) -> str:
    """One IDNA label as Unicode ("xn--mnchen-3ya" → "münchen"). Invalid punycode ("xn--a", or one that decodes to
    symbols no host name may hold) stays as written: a host is a hint, never a reason to fail."""
    if not label.startswith(_ACE_PREFIX):
        return label
    try:
        decoded = label.encode("ascii").decode("idna")
    except UnicodeError:
        return label
    # IDNA 2008 allows letters, marks, digits and hyphens; Python's codec (IDNA 2003) decodes more.
    if not decoded or not all(char == "-" or unicodedata.category(char)[0] in "LMN" for char in decoded):
        return label
    return decoded


def unicode_host(host: str) -> str:
    """``host`` with each punycode label decoded: "www.xn--mnchen-3ya.de" → "www.münchen.de"."""
    if _ACE_PREFIX not in host:
        return host
    return ".".join(_readable_label(label) for label in host.split("."))


def without_serving_prefixes(host: str) -> str:
    """``host`` without the labels that only say how the site is served ("www3.", "m.", "amp."), as long as the
    registered domain stays whole: "m.example.co.uk" → "example.co.uk", but "m.me" and "amp.dev" are names."""
    registered = extract_domain(f"http://{host}/")
    labels = host.split(".")
    # A host the public suffix list does not know ("localhost", an address) keeps its last label.
    kept = len(registered.split(".")) if isinstance(registered, str) and registered else 1
    while len(labels) > kept and _SERVING_PREFIX.match(labels[0]):
        labels.pop(0)
    return ".".join(labels)
