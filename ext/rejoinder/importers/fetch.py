"""The one module of the importers that touches the network: ``get(url)`` for the platforms'
public read APIs.

Built on ``requests`` with what a well-behaved client needs: timeouts (10 s to connect, 30 s
between bytes), a cap on the size of a response (read as a stream, so a huge answer is cut off
rather than held in memory), retries with exponential backoff on 429, 5xx and connection
failures (urllib3's ``Retry``, which waits as a ``Retry-After`` header asks), an honest
User-Agent, and https only. Every failure is a :class:`FetchError` with one clear sentence.

Tests never reach the internet: the importers take ``get`` as a parameter, and this module's
own tests talk to a server on 127.0.0.1 (``allow_local_http``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from rejoinder import __version__
from rejoinder.importers import parse_json

USER_AGENT = f"rejoinder/{__version__} (debate transcript importer)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_BYTES = 20 * 1024 * 1024
MAX_RETRIES = 4
BACKOFF_FACTOR = 0.5  # waits of 0.5, 1, 2, 4 s between tries, unless Retry-After says more
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is waited for this long (then tried once more)


class _Retry(Retry):
    """urllib3's Retry, with a Retry-After of more than MAX_RETRY_AFTER seconds cut short."""

    def get_retry_after(self, response: Any) -> float | None:
        wait = super().get_retry_after(response)
        return None if wait is None else min(wait, MAX_RETRY_AFTER)


class FetchError(Exception):
    """The address could not be read; the message says why, in one line."""


class Fetcher:
    """A ``get`` with a session of its own (connections reused across a thread's requests)."""

    def __init__(
        self,
        *,
        max_bytes: int = MAX_BYTES,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        retries: int = MAX_RETRIES,
        backoff_factor: float = BACKOFF_FACTOR,
        allow_local_http: bool = False,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.allow_local_http = allow_local_http
        retry = _Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            other=0,
            redirect=5,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            backoff_factor=backoff_factor,
            backoff_max=30.0,
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer is returned and reported below
        )
        self.session = requests.Session()
        self.session.headers.update(
            {"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": "gzip"}
        )
        # A redirect is followed only to an address that may be fetched itself.
        self.session.hooks["response"].append(self._check_redirect)
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("https://", adapter)
        if allow_local_http:
            self.session.mount("http://", adapter)

    def __call__(self, url: str) -> Any:
        self._check_address(url)
        try:
            response = self.session.get(url, timeout=self.timeout, stream=True)
        except requests.exceptions.RetryError as error:
            raise FetchError(f"{url}: the server kept failing ({_reason(error)})") from None
        except requests.exceptions.ConnectTimeout:
            raise FetchError(f"{url}: cannot connect within {self.timeout[0]:g} s") from None
        except requests.exceptions.Timeout:
            raise FetchError(f"{url}: no answer within {self.timeout[1]:g} s") from None
        except requests.exceptions.ConnectionError as error:
            raise FetchError(f"{url}: cannot connect ({_reason(error)})") from None
        except requests.exceptions.RequestException as error:
            raise FetchError(f"{url}: {_reason(error)}") from None
        with response:
            self._check_address(response.url)  # a redirect may not leave https
            if response.status_code != 200:
                status = f"{response.status_code} {response.reason or ''}".rstrip()
                retries = getattr(response.raw, "retries", None)
                tries = 1 + len(getattr(retries, "history", ()))
                if tries > 1:
                    status += f" ({tries} tries)"
                raise FetchError(
                    f"{url}: the server answered {status}{_hint(response.status_code)}"
                )
            body = self._read_capped(url, response)
        try:
            return parse_json(body)
        except RecursionError:
            raise FetchError(f"{url}: the answer is nested too deeply to read") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            kind = response.headers.get("Content-Type", "unknown type")
            raise FetchError(
                f"{url}: the answer is not JSON ({kind}; {error.__class__.__name__} at "
                f"{getattr(error, 'pos', getattr(error, 'start', 0))})"
            ) from None

    def _check_address(self, url: str) -> None:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "https" and parts.hostname:
            return
        if scheme == "http" and self.allow_local_http and parts.hostname == "127.0.0.1":
            return
        raise FetchError(f"{url}: only https:// addresses are fetched")

    def _check_redirect(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if response.is_redirect:
            target = urljoin(response.url, response.headers.get("Location", ""))
            self._check_address(target)

    def _read_capped(self, url: str, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{url}: the answer is {int(declared):,} bytes; {self._cap()}")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"{url}: the answer is larger than {self._cap()}")
                chunks.append(chunk)
        except requests.exceptions.RequestException as error:
            raise FetchError(f"{url}: the answer broke off ({_reason(error)})") from None
        return b"".join(chunks)

    def _cap(self) -> str:
        return f"at most {self.max_bytes:,} bytes are read"


def _reason(error: BaseException) -> str:
    """The innermost reason of a requests/urllib3 error, without the object reprs."""
    reason: BaseException = error
    while True:
        inner = getattr(reason, "reason", None)
        if isinstance(inner, BaseException) and inner is not reason:
            reason = inner
            continue
        if reason.args and isinstance(reason.args[0], BaseException):
            reason = reason.args[0]
            continue
        break
    text = str(reason).split(": ", 1)[-1] if ">: " in str(reason) else str(reason)
    return text.strip() or type(reason).__name__


def _hint(status: int) -> str:
    if status == 404:
        return "; the post may have been deleted, or the address is not a post's"
    if status in (401, 403):
        return "; the post may not be public, or the platform refuses unauthenticated reads"
    if status == 429:
        return "; the platform limits requests: try again later"
    return ""


_default: Fetcher | None = None


def get(url: str) -> Any:
    """The parsed JSON at ``url`` (https only); :class:`FetchError` if it cannot be had."""
    global _default  # noqa: PLW0603 - one session per process, made on first use
    if _default is None:
        _default = Fetcher()
    return _default(url)
