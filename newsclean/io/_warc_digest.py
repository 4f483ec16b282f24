"""A WARC record's ``WARC-Block-Digest``, read so that its block can be checked against it: in an uncompressed WARC
nothing else tells a record whose bytes were damaged (a bit flipped in a page) from an intact one; in a ``.warc.gz``
it is a second net under gzip's CRC.

The digest covers the record's block: its Content-Length bytes after the header's blank line (WARC 1.1 §5.8).
Writers most often state it as ``sha1:`` and base32, but also name ``sha256``, ``sha512`` or ``md5``, spell the
algorithm ``SHA-1``, write base32 in lower case or the digest in hex: all of these are read. A value that cannot be
read (an algorithm not known here, a value that does not decode to a digest of its algorithm's size) is no sign of
damage, and checks nothing. ``WARC-Payload-Digest`` is not read: writers disagree on whether it covers a chunked or
content-coded payload as sent or as decoded, and it would reject intact records.
"""

from __future__ import annotations

import base64
import hashlib
import string
from dataclasses import dataclass

#: The algorithms a digest may name (in lower case, without dashes), and hashlib's names for them.
_ALGORITHMS = {
    "sha1": "sha1",
    "sha224": "sha224",
    "sha256": "sha256",
    "sha384": "sha384",
    "sha512": "sha512",
    "md5": "md5",
}
_HEX_DIGITS = frozenset(string.hexdigits)


@dataclass(frozen=True)
class BlockDigest:
    """A record's stated block digest: its algorithm (as a failure names it) and the digest's bytes."""

    algorithm: str
    expected: bytes

    def matches(self, *parts: bytes) -> bool:
        """Whether the block made of ``parts``, in order, has this digest (each part hashed where it is: the block is
        never joined into one more copy)."""
        hasher = hashlib.new(_ALGORITHMS[self.algorithm])
        for part in parts:
            hasher.update(part)
        return hasher.digest() == self.expected


def block_digest(value: str | None) -> BlockDigest | None:
    """The digest a ``WARC-Block-Digest`` value states, or None when there is none or it cannot be read."""
    if value is None:
        return None
    name, separator, encoded = value.strip().partition(":")
    algorithm = name.strip().lower().replace("-", "")
    if not separator or algorithm not in _ALGORITHMS:
        return None
    expected = _digest_bytes(encoded.strip(), hashlib.new(_ALGORITHMS[algorithm]).digest_size)
    return None if expected is None else BlockDigest(algorithm, expected)


def _digest_bytes(encoded: str, size: int) -> bytes | None:
    """The ``size`` bytes that ``encoded`` writes in hex or in base32 (either case, padded or not), or None. The two
    cannot be confused: base32 of ``size`` bytes is never ``2 * size`` characters long, or padded to it with ``=``."""
    if len(encoded) == 2 * size and set(encoded) <= _HEX_DIGITS:
        return bytes.fromhex(encoded)
    try:
        digest = base64.b32decode(encoded.upper() + "=" * (-len(encoded) % 8))
    except ValueError:  # binascii.Error (not base32), or characters that are not ASCII
        return None
    return digest if len(digest) == size else None
