"""Which failures are worth another attempt, and how long to wait: tenacity does the looping.

Connection errors, timeouts, 408/425/429 and 5xx gateways are retried with exponential backoff and jitter;
a ``Retry-After`` header (seconds or an HTTP date) replaces the backoff when the server gives one.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

import tenacity

from .._exceptions import FetchError
from ._options import FetchOptions

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
RETRY_REASONS = frozenset({"timeout", "connection"})


class RetryableStatus(FetchError):
    """A status worth retrying; ``retry_after`` is the server's requested wait in seconds, if it sent one."""

    def __init__(self, message: str, *, url: str, status_code: int, retry_after: float | None) -> None:
        super().__init__(message, url=url, reason="status", status_code=status_code)
        self.retry_after = retry_after


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit also takes "²" and other digits float() refuses
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, RetryableStatus):
        return True
    return isinstance(exc, FetchError) and exc.reason in RETRY_REASONS


class _WaitRetryAfter(tenacity.wait.wait_base):
    def __init__(self, options: FetchOptions) -> None:
        self._backoff = tenacity.wait_exponential_jitter(
            multiplier=options.backoff, max=options.backoff_max, jitter=options.backoff
        )

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, RetryableStatus) and exc.retry_after is not None:
            return exc.retry_after
        return float(self._backoff(retry_state))


def retry_arguments(options: FetchOptions) -> dict[str, Any]:
    return {
        "stop": tenacity.stop_after_attempt(options.retries + 1),
        "wait": _WaitRetryAfter(options),
        "retry": tenacity.retry_if_exception(is_retryable),
        "reraise": True,
    }
