"""WARC input (plain or ``.warc.gz``), read with FastWARC: the pages of its response, resource and conversion
records (and the text of WET conversions), a record a document; a damaged record, or damage to the archive's
framing, is a failure in its place, and reading resumes at the next record."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from .._decode import decode_html
from .._exceptions import FetchError
from .._models import Failure
from .._pipeline import Document
from ..fetch._content import check_interstitial, looks_like_html
from ..fetch._options import HTML_CONTENT_TYPES
from ._formats import MAX_DOCUMENT_BYTES
from ._http_payload import PayloadError, page_bytes
from ._media_types import SNIFF_BYTES, known_no_page
from ._open import base_suffix, compression_of
from ._records import Item, noted_when_empty, path_text, read_failure
from ._warc_digest import block_digest
from ._warc_framing import (
    MemberOverrun,
    block_before,
    block_start,
    gzip_block_head,
    gzip_damage,
    gzip_member_overrun,
    gzip_size_before,
    is_gzip,
    member_damage,
    next_gzip_record_start,
    next_record_start,
    opens_gzip_record,
    record_follows,
    record_in_header,
    record_inside,
    record_over_block,
    shortened_gzip_record,
    shortened_record,
)
from ._warc_framing import record_end as warc_record_end
from ._warc_headers import misread_length, misread_type, page_record_types, type_problem

#: What a resource record's Content-Type says when its writer did not know the type (warcio writes the first when
#: given none): its content is sniffed, as an untyped response's is.
_UNTYPED_RECORD_TYPES = frozenset({"application/warc-record", "application/octet-stream"})
#: The types of a resource's or a conversion's content that is read as a text dump: Common Crawl's WET text, and
#: the Markdown that crawlers for language models archive (Markdown is read as text dumps are, as a ``.md`` file is).
_TEXT_DUMP_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
#: 2xx statuses that have no body (RFC 9110 §15.3.5, §15.3.6): an empty payload is what they are.
_STATUSES_WITHOUT_BODY = frozenset({204, 205})
#: An HTTP status code is three digits (RFC 9110 §15); servers use the whole range (LinkedIn's 999 for a refused
#: crawler), which is an answer that is no page, not damage.
MIN_STATUS, MAX_STATUS = 100, 999


class WarcReader:
    """The pages of a WARC (plain or ``.gz``), read with FastWARC.

    Documents are ``response`` records with a 2xx HTTP status and an HTML content type (or none, and a payload
    that starts as HTML); ``resource`` records (a file archived as it is, with no HTTP exchange: warcit, browser
    archives) typed HTML or typed as nothing and starting as HTML; and ``resource`` or ``conversion`` records of
    ``text/plain`` or ``text/markdown``, read as text dumps (Common Crawl's WET files hold a ``conversion`` record
    of each page's text); ``conversion`` records are otherwise pages as ``resource`` records are. An untyped payload
    is sniffed in the Unicode form its byte order mark names (UTF-16 HTML).
    Requests, metadata, revisits, redirects and other content are not documents. A response payload stored as it
    came over the wire has its chunked transfer coding and content codings undone (``_http_payload``). A record
    cut short is rejected (its record, or its payload against the HTTP Content-Length), and so is one whose
    content, or inflated payload, is longer than ``max_document_bytes`` (it is not read), and a response whose HTTP
    head does not parse. A record read whose ``WARC-Block-Digest`` does not match its block is rejected as damaged
    (``_warc_digest``). Damage to an uncompressed WARC's framing, or to a ``.warc.gz``'s gzip members, is one
    failure, and reading resumes at the next record (``_warc_framing``); a record of an uncompressed WARC whose
    Content-Length runs over the next record's header, and states no digest, is read up to that header besides, and
    a record of a ``.warc.gz`` whose Content-Length runs past its own gzip member up to its member's end.
    ``name`` is what positions call the input (default: its path; a byte of it that is not UTF-8 written
    ``\\xNN``, as ``path_text`` writes it).
    """

    def __init__(
        self, path: str | Path, *, max_document_bytes: int = MAX_DOCUMENT_BYTES, name: str | None = None
    ) -> None:
        self.path = Path(path)
        self.max_document_bytes = max_document_bytes
        self.name = name

    def __iter__(self) -> Iterator[Item]:
        return noted_when_empty(
            self._documents(),
            "pages (it is empty, or its records are requests, metadata, or responses that are no HTML or text page)",
            path_text(self.name or str(self.path)),
        )

    def _documents(self) -> Iterator[Item]:
        position = path_text(self.name or str(self.path))
        if base_suffix(self.path) == ".arc":
            # FastWARC reads WARC only; an ARC file read as one failed as "corrupt after offset 0".
            message = (
                "ARC (the format before WARC) is not read: convert it with"
                f" 'warcio recompress {path_text(self.path.name)} {path_text(self.path.stem)}.warc.gz' first"
            )
            yield read_failure(message, position)
            return
        if compression_of(self.path) == "zstd":
            # The framing checks read the file's own bytes as WARC: a zstd WARC failed as a wrong Content-Length.
            message = (
                "a zstd-compressed WARC is not read: decompress it (zstd -d), or recompress it as .warc.gz"
                " (one gzip member a record)"
            )
            yield read_failure(message, position)
            return
        try:
            stream = self.path.open("rb")
        except OSError as exc:
            yield read_failure(exc, position)
            return
        with stream:
            start: int | None = 0
            while start is not None:
                start = yield from self._records_from(stream, start, position)

    def _records_from(self, stream: IO[bytes], start: int, position: str) -> Generator[Item, None, int | None]:
        """The items of the records from offset ``start`` on; returns where reading resumes after damage (the next
        record), or None at the end. Damage is one failure naming its offset: a record whose Content-Length does not
        end it at a record boundary, or bytes where a record should start (a ``.warc.gz``: ``_gzip_records_from``).
        A record whose Content-Length runs over the next record's header is read up to it, and said so
        (``_overrun_items``)."""
        from fastwarc.warc import ArchiveIterator

        fd = stream.fileno()
        if is_gzip(fd) or (compression_of(self.path) == "gzip" and os.pread(fd, 5, 0) != b"WARC/"):
            # A .warc.gz whose first bytes are damaged is still one: read as an uncompressed WARC, its records (in
            # members after the damage) were lost to one "invalid WARC header"
            return (yield from self._gzip_records_from(stream, start, position))
        kinds = page_record_types()
        size = os.fstat(fd).st_size
        stream.seek(start)
        offset = end = start  # the last record's offset, and where the records read so far end
        reported = False  # whether the last record's item was a failure
        try:
            # All record types: a request's or a metadata record's length is checked as a page's is.
            for record in ArchiveIterator(stream, parse_http=True, min_content_length=0):
                offset = record.stream_pos
                start_of_block = block_start(fd, offset)
                length = int(record.headers.get("Content-Length") or 0)
                if misread_type(record):
                    # FastWARC reads its own fields by their exact case: with "warc-type:" the type is unknown (the
                    # record passed over unsaid), and with "content-length:" the next record misread.
                    message = (
                        "WARC record whose header FastWARC cannot read (field names in another case than the"
                        f" standard's, such as 'warc-type'?){_resumed(next_record_start(fd, offset + 1))}"
                    )
                    yield read_failure(
                        message, f"{position}@{offset}", source_id=record.record_id, url=_target_uri(record)
                    )
                    return next_record_start(fd, offset + 1)
                inner_record = None if start_of_block is None else record_in_header(fd, offset, start_of_block)
                if inner_record is not None:
                    message = (
                        f"WARC record's header runs into the record at offset {inner_record} (a header line cut"
                        f" short, no blank line after it?){_resumed(inner_record)}"
                    )
                    yield read_failure(message, f"{position}@{offset}")
                    return inner_record
                record_end = None if start_of_block is None else warc_record_end(fd, start_of_block, length)
                if record_end is None:
                    message = (
                        "WARC record's Content-Length does not end it where a record ends (a wrong length, or"
                        f" bytes added or lost inside it){_resumed(next_record_start(fd, offset + 1))}"
                    )
                    yield read_failure(
                        message,
                        f"{position}@{offset}",
                        source_id=record.record_id,
                        url=_target_uri(record),
                    )
                    return next_record_start(fd, offset + 1)
                end = record_end
                if end > size:  # whatever its HTTP head says, the record is cut short: it cannot be read whole
                    # ... or its Content-Length is wrong (a digit added, a huge value): when a record starts after
                    # it, the length is what is damaged, and the records after it are read (they were lost unread).
                    resume = next_record_start(fd, offset + 1)
                    if resume is None:
                        message = (
                            f"WARC is corrupt at offset {offset}: the file ends inside the record that starts there"
                        )
                        message += " (truncated?)"
                    else:
                        message = (
                            f"WARC record's Content-Length ({length:,}) runs past the end of the file, and a record"
                            f" starts after it (a wrong length?){_resumed(resume)}"
                        )
                    yield read_failure(
                        message,
                        f"{position}@{offset}",
                        source_id=record.record_id,
                        url=_target_uri(record),
                    )
                    return resume
                if start_of_block is not None and not record_follows(fd, end):
                    # It ends on bytes that only pass for a record's end: its length may run over the next header.
                    inner = record_over_block(fd, start_of_block, length)
                    if inner is not None:
                        yield from self._overrun_items(record, fd, offset, start_of_block, inner, position)
                        return inner
                if record.record_type in kinds or type_problem(record):
                    place = _RecordPlace(fd, offset, compressed=False, block_start=start_of_block)
                    item = self._item(record, f"{position}@{offset}", kind=record.record_type, place=place)
                    if item is not None:
                        yield item
                    reported = isinstance(item, Failure)
                else:
                    reported = False
        except Exception as exc:  # FastWARC raises plain exceptions on corrupt archives
            # Where the records read so far end, a record may start that FastWARC did not find, having misread the
            # one before (a repeated header field): resumed there, it is read; skipped, it was lost. The records
            # at ``offset`` must have been read whole for that (``end`` past it): otherwise it is the one in doubt.
            resume = next_record_start(fd, end if end > offset else end + 1)
            inner = record_inside(fd, offset, end) if end > offset and resume != end else None
            if inner is not None:
                message = (
                    f"WARC is corrupt at offset {end}: {exc}; the record at offset {offset} runs there by its"
                    f" Content-Length, over the header of a record at offset {inner} (a length too long?)"
                    f"{_resumed(inner)}"
                )
                yield read_failure(message, f"{position}@{end}")
                return inner
            if resume != end or end <= offset:
                yield read_failure(f"WARC is corrupt at offset {end}: {exc}{_resumed(resume)}", f"{position}@{end}")
            elif not reported:  # the record at ``offset`` (not a page, or one read whole) was misread: said once
                message = (
                    f"FastWARC misread the WARC record at offset {offset} and lost its place after it ({exc}; a header"
                    f" field repeated?){_resumed(resume)}"
                )
                yield read_failure(message, f"{position}@{offset}")
            return resume
        return None

    def _overrun_items(
        self, record: Any, fd: int, offset: int, start_of_block: int, inner: int, position: str
    ) -> Iterator[Item]:
        """The items of the record at ``offset``, whose Content-Length runs over the header of the record at
        ``inner`` (``record_over_block``), and the failure that says so: its block read as ending before that
        header, unless it states a digest, which decides on its block as declared, as on any record's. Read whole,
        its page held the next record's header, and the record after it was lost. A record that is a failure
        besides (its digest does not match) is one failure saying both: one record, one failure in its place."""
        where = f"{position}@{offset}"
        length = int(record.headers.get("Content-Length") or 0)
        stated = block_digest(record.headers.get("WARC-Block-Digest")) is not None
        read = record
        problems: list[str] = []
        named: Failure | None = None  # the record's own failure, whose id and URL the one failure keeps
        if not stated:
            try:
                read = _shortened(fd, offset, start_of_block, block_before(fd, start_of_block, inner))
            except Exception as exc:  # FastWARC raises plain exceptions; StopIteration too: no record read
                read = None
                message = f"WARC record cannot be read up to the record after it: {exc!r}"
                named = read_failure(message, where, source_id=record.record_id, url=_target_uri(record))
                problems.append(message)
        if read is not None and (read.record_type in page_record_types() or type_problem(read)):
            place = _RecordPlace(fd, offset, compressed=False, block_start=start_of_block)
            item = self._item(read, where, kind=read.record_type, place=place)
            if isinstance(item, Failure):
                named = item
                problems.append(item.message)
            elif item is not None:
                yield item
        cut = "" if stated else ": its block is read as ending before that header"
        problems.append(
            f"WARC record's Content-Length ({length:,}) runs over the header of the record at offset {inner} (a"
            f" length too long?){cut}{_resumed(inner)}"
        )
        source_id, url = (named.source_id, named.url) if named is not None else (None, None)
        yield read_failure("; ".join(problems), where, source_id=source_id, url=url)

    def _gzip_records_from(self, stream: IO[bytes], start: int, position: str) -> Generator[Item, None, int | None]:
        """``_records_from`` for a ``.warc.gz``, whose offsets are compressed ones (a record's is its gzip member's).

        FastWARC stops at the first member that does not decompress, and silently at one that decompresses to
        nothing; wherever it stops, the members from the last record read on are walked (``gzip_damage``). Damage
        is one failure naming the compressed offset it was found at, in the place of the record whose member it is
        in (that record's item is held back until the next record is read, or its member is found intact), and
        reading resumes at the next member that opens a record. A record whose block runs past its own member
        (``_member_overrun``: it took in the records of the members after it, or the start of one) is read up to its
        member's end, and said so (``_gzip_overrun_items``); reading resumes at the member after its own."""
        from fastwarc.warc import ArchiveIterator

        kinds = page_record_types()
        fd = stream.fileno()
        stream.seek(start)
        records = iter(ArchiveIterator(stream, parse_http=True, min_content_length=0))
        last: _GzipRecord | None = None
        error: Exception | None = None
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # FastWARC raises plain exceptions on corrupt archives
                error = exc
                break
            if last is not None:
                overrun = _member_overrun(fd, last, record.stream_pos)
                if overrun is not None:  # it took in the records up to this one: they are read after it
                    return (yield from self._gzip_overrun_items(last, fd, overrun, position))
                if last.item is not None:
                    yield last.item
            last = _gzip_record(record)
            if record.record_type in kinds or type_problem(record):
                where = f"{position}@{last.offset}"
                place = _RecordPlace(fd, last.offset, compressed=True)
                try:
                    last.item = self._item(record, where, kind=record.record_type, place=place)
                except Exception as exc:  # the block is inflated as it is read: a corrupt member raises here
                    message = f"WARC record cannot be read: {exc}"
                    last.item = read_failure(message, where, source_id=last.record_id, url=last.url)
        member = start  # where the walk starts: the last record's member, when its offset is one's start
        if last is not None and last.offset > start and opens_gzip_record(fd, last.offset):
            member = last.offset  # (a file compressed as one member gives records offsets inside it)
        damage, following = gzip_damage(fd, member, check_first=last is None)
        if damage is None and following is not None and last is not None:
            overrun = _member_overrun(fd, last, following)
            if overrun is not None:
                return (yield from self._gzip_overrun_items(last, fd, overrun, position))
        if damage is None and error is not None and following is not None:
            damage = member_damage(fd, following)  # the member FastWARC failed in starts as a record's should
        owner: _GzipRecord | None = None  # the record read last, when the failure takes its place
        if damage is not None:
            resume = next_gzip_record_start(fd, damage.member + 1)
            at, blamed, reason = damage.member, f"at compressed offset {damage.at}", damage.reason
            # A page read whole stands (only its member's gzip trailer may be lost, or a file compressed as one
            # member holds it and the records after it); one that could not be read is the damage's, as is the
            # last record of a file that ends inside a member.
            if last is not None and not isinstance(last.item, Document):
                owner = last if last.offset == damage.member or (damage.cut and error is None) else None
        elif error is None:  # the end, or a member of blanks FastWARC took for it
            if last is not None and last.item is not None:
                yield last.item
            return following
        elif last is None:  # the member at ``start`` is intact, and opens a record that does not parse
            resume, at, blamed, reason = following, start, f"at compressed offset {start}", str(error)
        elif following is not None and not _parses_at(stream, following):
            resume = next_gzip_record_start(fd, following + 1)
            at, blamed, reason = following, f"at compressed offset {following}", str(error)
        else:  # what the last record's intact member holds goes on after the record, which is in doubt with it
            resume, at, owner = following, last.offset, last
            blamed = f"inside the gzip member at compressed offset {last.offset}, after its record's Content-Length"
            reason = str(error)
        if last is not None and last.item is not None and owner is None:
            yield last.item
        message = (
            f"WARC is corrupt {blamed} (offsets in the .gz file, not in the WARC it decompresses to): {reason}"
            f"{_resumed(resume, compressed=True)}"
        )
        yield read_failure(
            message,
            f"{position}@{at}",
            source_id=owner.record_id if owner else None,
            url=owner.url if owner else None,
        )
        return resume

    def _gzip_overrun_items(
        self, last: _GzipRecord, fd: int, overrun: MemberOverrun, position: str
    ) -> Generator[Item, None, int | None]:
        """The items of the ``.warc.gz`` record ``last``, whose block runs past the end of its gzip member
        (``gzip_member_overrun``), and the failure that says so; returns where reading resumes, at the member after
        its own. Its block is read as ending at its member's end, unless it states a digest, which decides on its
        block as declared, as on any record's (``_overrun_items``). Read whole, its page held the records in the
        members it ran into, and a record it took in whole was lost unsaid."""
        where = f"{position}@{last.offset}"
        resume = next_gzip_record_start(fd, overrun.member_end)
        if last.digest:
            if last.item is not None:
                yield last.item
        else:
            try:
                read = _first_record(shortened_gzip_record(fd, last.offset, overrun.block_length))
            except Exception as exc:  # FastWARC raises plain exceptions; StopIteration too: no record read
                read = None
                message = f"WARC record cannot be read up to its gzip member's end: {exc!r}"
                yield read_failure(message, where, source_id=last.record_id, url=last.url)
            if read is not None and (read.record_type in page_record_types() or type_problem(read)):
                place = _RecordPlace(fd, last.offset, compressed=True)
                item = self._item(read, where, kind=read.record_type, place=place)
                if item is not None:
                    yield item
        cut = "" if last.digest else "; its block is read as ending at its member's end"
        message = (
            f"WARC record at compressed offset {last.offset}: its Content-Length runs past its gzip member"
            f" ({last.length:,} bytes declared, {overrun.block_length:,} in its member: a length too long?){cut}"
            f"{_resumed(resume, compressed=True)}"
        )
        yield read_failure(message, where)
        return resume

    def _item(self, record: Any, where: str, *, kind: Any, place: _RecordPlace) -> Item | None:
        """The record's document, its failure, or None for a record that holds no page."""
        from fastwarc.warc import WarcRecordType

        record_id, url = record.record_id, _target_uri(record)
        problem = type_problem(record) or misread_length(record, response=kind == WarcRecordType.response)
        if problem is not None:
            return read_failure(problem, where, source_id=record_id, url=url)
        if kind == WarcRecordType.response:
            http = record.http_headers
            if http is None:
                message = "WARC response record without a readable HTTP header (truncated?)"
                return read_failure(message, where, source_id=record_id, url=url)
            if http.status_code is None:  # FastWARC keeps the record, with no status and no headers
                message = f"WARC response record whose HTTP status line does not parse: {http.status_line[:80]!r}"
                return read_failure(message, where, source_id=record_id, url=url)
            if not MIN_STATUS <= http.status_code <= MAX_STATUS:
                # FastWARC reads the digits it finds ("HTTP/1.1 2 0 OK", a byte flipped, as status 2): no status,
                # but damage, which passed over as a response that is no page was a record lost without a word.
                message = f"WARC response record whose HTTP status is no status code: {http.status_line[:80]!r}"
                return read_failure(message, where, source_id=record_id, url=url)
            if not 200 <= http.status_code < 300:
                return None
            if http.status_code == 206 and not _whole_range(http.get("Content-Range")):
                # A byte range of the page (a resumed download, a media player's fetch): read as the page, it
                # passed for a whole article that stops where the range does.
                served = (http.get("Content-Range") or "no Content-Range").strip()[:80]
                message = f"WARC response is 206 Partial Content ({served}): a part of the page, not the page"
                return read_failure(message, where, source_id=record_id, url=url)
            declared_empty = (http.get("Content-Length") or "").strip() == "0"
            if record.content_length == 0 and not declared_empty and http.status_code not in _STATUSES_WITHOUT_BODY:
                # A head with no blank line after it takes the whole block (the page read as header lines, the
                # payload empty): dropped as an untyped empty response, or read as an empty page, it said nothing.
                message = (
                    "WARC response record with an empty HTTP payload and no 'Content-Length: 0' (an HTTP head"
                    " with no blank line after it?)"
                )
                return read_failure(message, where, source_id=record_id, url=url)
            headers = {str(name): str(value) for name, value in http.items()}
            content_type = (http.get("Content-Type") or "").strip().lower()
        else:  # a resource or a conversion: the record's own Content-Type types its content
            declared = str(record.headers.get("Content-Type") or "")
            if declared.split(";")[0].strip().lower() in _UNTYPED_RECORD_TYPES:
                declared = ""
            headers = {"Content-Type": declared} if declared else {}
            content_type = declared.strip().lower()
        is_text = kind != WarcRecordType.response and content_type.split(";")[0].strip() in _TEXT_DUMP_TYPES
        # A type of neither a page nor a text dump: one known to be no page (an image, a script, a feed) is passed
        # over unread; any other (a byte of "text/html" damaged into "text/htmm" or "tex|/html", a server's own
        # "application/x-php") is sniffed as an untyped payload is: passed over, the page was dropped unsaid.
        sniffed = bool(content_type) and not is_text and not content_type.startswith(HTML_CONTENT_TYPES)
        if sniffed and known_no_page(content_type):
            return None
        limit = self.max_document_bytes
        if record.content_length > limit:
            if sniffed and not looks_like_html(record.reader.read(SNIFF_BYTES)):
                return None
            message = f"WARC record of {record.content_length:,} bytes exceeds max_document_bytes={limit:,}"
            return read_failure(message, where, source_id=record_id, url=url)
        body = record.reader.read()
        if len(body) < record.content_length:
            message = f"WARC record truncated: {len(body):,} of {record.content_length:,} bytes"
            return read_failure(message, where, source_id=record_id, url=url)
        damage = _digest_mismatch(record, body, place)
        if damage is not None:
            return read_failure(damage, where, source_id=record_id, url=url)
        if is_text:
            text = decode_html(body, headers)  # the charset its type names, else detection
            return Document(
                text=text.text,
                encoding=text.encoding,
                encoding_source=text.source,
                url=url,
                source_id=record_id,
                position=where,
                fetched_at=record.record_date,
            )
        if kind == WarcRecordType.response:
            try:
                body = page_bytes(body, headers, max_bytes=limit, url=url)
            except PayloadError as exc:
                return read_failure(f"WARC record: {exc}", where, source_id=record_id, url=url)
        if (sniffed or not content_type) and not looks_like_html(body):
            return None  # served without a type (or one of none known), as the fetcher sniffs it: not a page
        if kind == WarcRecordType.response:
            interstitial = _interstitial(body, headers, url)
            if interstitial is not None:
                return Failure(
                    stage="read",
                    error="Interstitial",
                    message=interstitial,
                    position=where,
                    source_id=record_id,
                    url=url,
                )
            from ..fetch._warc import is_refresh_stub  # httpx and warcio: loaded for WARC responses only

            if url and is_refresh_stub(body, url):
                return None  # a redirect hop written as a page, which the fetcher followed (and iter_warc skips)
        return Document(
            html=body,
            url=url,
            headers=headers or None,
            source_id=record_id,
            position=where,
            fetched_at=record.record_date,
        )


def _shortened(fd: int, offset: int, start_of_block: int, block_length: int) -> Any:
    """The record at ``offset`` read by FastWARC with only the first ``block_length`` bytes of its block
    (``shortened_record``)."""
    return _first_record(shortened_record(fd, offset, start_of_block, block_length))


def _first_record(stream: IO[bytes] | io.RawIOBase) -> Any:
    """The first record FastWARC reads from ``stream``."""
    from fastwarc.warc import ArchiveIterator

    return next(iter(ArchiveIterator(stream, parse_http=True, min_content_length=0)))


def _target_uri(record: Any) -> str | None:
    """The record's WARC-Target-URI, without the angle brackets that the WARC 1.1 standard's grammar puts around it
    and some writers follow (warcio strips them as well): kept, the URL was ``<http://…>``, which no canonical URL,
    site or date rule reads."""
    value = record.headers.get("WARC-Target-URI")
    if value is None:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value or None


_CONTENT_RANGE = re.compile(r"\s*bytes\s+(\d+)\s*-\s*(\d+)\s*/\s*(\d+)\s*", re.IGNORECASE)


def _whole_range(content_range: str | None) -> bool:
    """Whether a 206 response's Content-Range covers the whole representation (``bytes 0-999/1000``): a server
    that answers a range request with all of it."""
    match = _CONTENT_RANGE.fullmatch(content_range or "")
    return match is not None and int(match[1]) == 0 and int(match[2]) + 1 == int(match[3])


@dataclass(frozen=True)
class _RecordPlace:
    """Where a record starts in its file: its offset (a compressed one, its gzip member's, in a ``.warc.gz``), and,
    in an uncompressed WARC, where its block starts (found when its length was checked)."""

    fd: int
    offset: int
    compressed: bool
    block_start: int | None = None

    def block_head(self, length: int, record_id: str | None) -> bytes | None:
        """The first ``length`` bytes of the record's block, read again from the file; None when not found."""
        if not self.compressed:
            return None if self.block_start is None else os.pread(self.fd, length, self.block_start)
        return None if record_id is None else gzip_block_head(self.fd, self.offset, length, record_id=record_id)

    def __str__(self) -> str:
        return f"{'compressed ' if self.compressed else ''}offset {self.offset}"


def _digest_mismatch(record: Any, payload: bytes, place: _RecordPlace) -> str | None:
    """Why the record's block is not the one its ``WARC-Block-Digest`` states (its bytes were damaged), or None: it
    is, or it states no digest that can be read, or its HTTP head cannot be found again (neither is damage).

    The block is the HTTP head FastWARC parsed and ``payload``, all of the rest: hashed where they are, the head read
    again from the file (a few hundred bytes) and the payload the reader holds, so a record is read once."""
    digest = block_digest(record.headers.get("WARC-Block-Digest"))
    if digest is None:
        return None
    head = _http_head(record, len(payload), place)
    if head is None or digest.matches(head, payload):
        return None
    return f"WARC record at {place}: its block digest ({digest.algorithm}) does not match its content (damaged?)"


def _http_head(record: Any, payload_length: int, place: _RecordPlace) -> bytes | None:
    """The bytes of the record's block before its payload of ``payload_length`` bytes (its HTTP head, none for a
    resource), or None when they cannot be read again."""
    try:
        length = int(record.headers.get("Content-Length") or "") - payload_length
    except ValueError:
        return None
    if length <= 0:
        return b"" if length == 0 else None
    return place.block_head(length, record.record_id)


def _resumed(start: int | None, *, compressed: bool = False) -> str:
    """What a failure for damage in a WARC says about what is read next."""
    if start is None:
        return "; no record follows"
    return f"; reading resumes at the next record, {'compressed ' if compressed else ''}offset {start}"


@dataclass
class _GzipRecord:
    """A record read from a ``.warc.gz``, and its item (None: not a page) until it is known to stand; its
    Content-Length (None: none that parses), whether it states a block digest, and the size it decompresses to, its
    trailer included, when its header is written as most writers write it (``_gzip_record``)."""

    offset: int
    record_id: str | None
    url: str | None
    length: int | None = None
    digest: bool = False
    size: int = 0
    item: Item | None = None


def _gzip_record(record: Any) -> _GzipRecord:
    """What is kept of a record read from a ``.warc.gz``."""
    headers = record.headers
    try:
        length: int | None = int(headers.get("Content-Length") or "")
    except ValueError:
        length = None
    # Its first line, each field as "Name: value" and a CRLF, a blank line, its block and a CRLF pair.
    head = len(headers.status_line_bytes) + 4 + sum(len(name) + len(value) + 4 for name, value in headers.items_bytes())
    return _GzipRecord(
        record.stream_pos,
        record.record_id,
        _target_uri(record),
        length=length,
        digest=block_digest(headers.get("WARC-Block-Digest")) is not None,
        size=head + (length or 0) + 4,
    )


def _member_overrun(fd: int, last: _GzipRecord, following: int) -> MemberOverrun | None:
    """How the block of the record ``last`` runs past the end of its gzip member, when the next record read starts
    at compressed offset ``following``; None when it does not. The member before ``following`` that says it
    decompresses to the record's size, as its header is most often written, is its own, and holds it: only a record
    of another size (written otherwise, or by a wrong Content-Length) has its member inflated again to be sure."""
    if last.length is None or following <= last.offset:
        return None
    if gzip_size_before(fd, following) == last.size % (1 << 32):
        return None
    if not opens_gzip_record(fd, last.offset):  # a file compressed as one member: no record has its own
        return None
    return gzip_member_overrun(fd, last.offset, last.length)


def _parses_at(stream: IO[bytes], offset: int) -> bool:
    """Whether FastWARC reads a record at ``offset`` of a ``.warc.gz`` (a member there that opens one, intact)."""
    from fastwarc.warc import ArchiveIterator

    stream.seek(offset)
    try:
        next(iter(ArchiveIterator(stream, parse_http=True, min_content_length=0)))
    except Exception:  # FastWARC raises plain exceptions; StopIteration too: no record is read there
        return False
    return True


def _interstitial(body: bytes, headers: dict[str, str], url: str | None) -> str | None:
    """Why an archived response is a bot challenge or a consent wall and not the page, as the fetcher tells them
    apart (a crawl archives them all: the fetch's own record was a failure), else None."""
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        check_interstitial(body, lowered, url=url or "", final_host=urlsplit(url or "").hostname or "")
    except FetchError as exc:
        return f"WARC record is {exc.args[0] if exc.args else exc}"
    return None
