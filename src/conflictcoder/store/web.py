"""Fetch a page or feed over HTTP(S): timeouts, a size limit and our user agent."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from conflictcoder import __version__
from conflictcoder.config import Config
from conflictcoder.errors import InputError

USER_AGENT = f"conflictcoder/{__version__}"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5


def is_url(text: str) -> bool:
    """True for an http:// or https:// address."""
    return text.lower().startswith(("http://", "https://"))


def make_client() -> httpx.Client:
    """One client for a whole run (connection reuse), following a few redirects."""
    return httpx.Client(
        timeout=TIMEOUT,
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
    )


@dataclass(frozen=True)
class Fetched:
    url: str  # the address asked for (redirects are followed but not recorded as the URL)
    content_type: str
    data: bytes


def fetch(client: httpx.Client, url: str, config: Config) -> Fetched:
    """The body at ``url``, at most ``config.max_bytes`` of it.

    Raises InputError (stage ``fetch``) on a network error, a non-2xx status, or a body
    over the limit, with the reason and what to try.
    """
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(
                    f"{url} answered HTTP {response.status_code}; check the address",
                    stage="fetch",
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > config.max_bytes:
                raise _too_big(url, config)
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > config.max_bytes:
                    raise _too_big(url, config)
            content_type = response.headers.get("content-type", "").lower()
    except httpx.HTTPError as exc:
        raise InputError(
            f"{url} could not be fetched ({type(exc).__name__}: {exc}); check the address"
            " and the network",
            stage="fetch",
        ) from exc
    return Fetched(url=url, content_type=content_type, data=bytes(data))


def _too_big(url: str, config: Config) -> InputError:
    return InputError(
        f"{url} is larger than {config.max_bytes:,} bytes; raise the limit with --max-bytes",
        stage="fetch",
    )
