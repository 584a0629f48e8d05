"""The allowed-hosts check: a request must name this server in its Host header.

A page on another site can make a browser resolve its own name to 127.0.0.1 (DNS
rebinding) and then read a local server as if it were that site; its requests still carry
the other site's name in Host. Answering only the names the server is reached by (the
bound address, the loopback names, and what the user adds) closes that door.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
ANY_INTERFACE = ("0.0.0.0", "::", "[::]", "")
ANY_HOST = "*"


@dataclass(frozen=True)
class HostRule:
    """A name the server answers to; ``port`` None accepts the name with any port or none."""

    name: str
    port: int | None

    def allows(self, name: str, port: int | None) -> bool:
        return name == self.name and (self.port is None or self.port == port)


def _bracketed(host: str) -> str:
    """An IPv6 literal as it appears in a Host header ([::1]); other names lower-cased."""
    host = host.strip().lower()
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


def split_host(value: str) -> tuple[str, int | None] | None:
    """(name, port) of a Host header value, None when it is not one ("a:b:c", "x:port")."""
    value = value.strip().lower()
    if not value:
        return None
    if value.startswith("["):
        close = value.find("]")
        if close < 0:
            return None
        name, rest = value[: close + 1], value[close + 1 :]
    elif value.count(":") > 1:
        return None
    else:
        name, _, port_text = value.partition(":")
        rest = f":{port_text}" if ":" in value else ""
    if not rest:
        return name, None
    port_text = rest[1:]
    if not rest.startswith(":") or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return None
    return name, int(port_text)


def served_hosts(bind_host: str, port: int, extra: Iterable[str] = ()) -> list[HostRule] | None:
    """The rules for a server bound to ``bind_host``:``port``: that address and the loopback
    names with the port, this machine's name too when it listens on every interface, and
    each of ``extra`` ("name" with any port, "name:port" with that one). None when ``extra``
    holds "*" (every Host is answered)."""
    names = list(extra)
    if ANY_HOST in names:
        return None
    rules: list[HostRule] = []
    own = [*LOOPBACK]
    if bind_host in ANY_INTERFACE:
        own.append(socket.gethostname().lower())
    else:
        own.append(_bracketed(bind_host))
    for name in own:
        rules.append(HostRule(name, port))
        if port == 80:  # a browser leaves out the scheme's default port
            rules.append(HostRule(name, None))
    for text in names:
        parsed = split_host(_bracketed(text) if text.count(":") > 1 else text)
        if parsed is None:
            raise ValueError(f"{text!r} is not a host name or NAME:PORT")
        rules.append(HostRule(*parsed))
    return rules


def host_names(text: str | None) -> list[str]:
    """The names of a comma- or space-separated list (CONFLICTCODER_ALLOWED_HOSTS)."""
    return [part for part in (text or "").replace(",", " ").split() if part]


class AllowedHosts:
    """Answers 400 to a request whose Host header no rule allows (or that has none)."""

    def __init__(self, app: ASGIApp, rules: list[HostRule]) -> None:
        self.app = app
        self.rules = rules

    def allows(self, header: str | None) -> bool:
        parsed = split_host(header) if header is not None else None
        return parsed is not None and any(rule.allows(*parsed) for rule in self.rules)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = dict(scope["headers"]).get(b"host")
        header = raw.decode("latin-1") if raw is not None else None
        if self.allows(header):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        shown = "no Host header" if header is None else f"the Host {header[:100]!r}"
        body = json.dumps(
            {"detail": f"{shown} is not a name of this server; serve --allow-host adds names"}
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})
