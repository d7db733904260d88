"""Where a webhook may be delivered: the guard against server-side request forgery.

A subscriber names a URL; without a guard, an admin's token (or a stolen one) could make
the server post to its own loopback, the cloud's metadata address or the province's
private network. A URL is refused when any address its host resolves to is not a public
(global unicast) address: loopback, private, link-local, multicast, reserved, shared or
unspecified. ``MOTCUA_WEBHOOK_ALLOW`` names exceptions: host names (taken whatever they
resolve to) and CIDR ranges (addresses in them). The check runs when subscribing and again
before every delivery, which then connects to the very addresses checked (DNS can change
between the two, or between a check and the connection).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolve = Callable[[str, int], Awaitable[Sequence[str]]]
"""A host name's addresses (as text), for a port; raises OSError when it has none."""


class DestinationRefused(Exception):
    """The URL may not be delivered to; the message says why (it names no secret)."""


@dataclass(frozen=True)
class Allowed:
    """``MOTCUA_WEBHOOK_ALLOW``: comma-separated host names and CIDR ranges."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IpNetwork, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Allowed:
        hosts: set[str] = set()
        networks: list[IpNetwork] = []
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                hosts.add(item.lower().rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    def admits(self, address: IpAddress) -> bool:
        return any(address in network for network in self.networks)


@dataclass(frozen=True)
class Destination:
    """A URL that passed the guard, and the addresses it was checked at."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]


def _public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class Destinations:
    def __init__(self, allowed: Allowed, resolve: Resolve) -> None:
        self.allowed = allowed
        self.resolve = resolve

    async def check(self, url: str) -> Destination:
        """The destination ``url`` names, resolved; :class:`DestinationRefused` if it may
        not be delivered to."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise DestinationRefused("an http or https URL with a host is needed")
        if parts.username is not None or parts.password is not None:
            raise DestinationRefused("credentials in the URL would be stored in the clear")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise DestinationRefused("the port is not a number from 0 to 65535") from None
        host = parts.hostname.lower().rstrip(".")
        try:
            addresses: tuple[str, ...] = (str(ipaddress.ip_address(host)),)  # a literal
        except ValueError:
            try:
                addresses = tuple(dict.fromkeys(await self.resolve(host, port)))
            except (OSError, UnicodeError):  # UnicodeError: no valid IDNA name
                raise DestinationRefused(f"{host} does not resolve") from None
        if not addresses:
            raise DestinationRefused(f"{host} does not resolve")
        if host not in self.allowed.hosts:
            for text in addresses:
                address = ipaddress.ip_address(text.split("%", 1)[0])
                if not (_public(address) or self.allowed.admits(address)):
                    raise DestinationRefused(
                        f"{host} resolves to {address}, a loopback, private or reserved "
                        "address; MOTCUA_WEBHOOK_ALLOW may name it"
                    )
        return Destination(url, parts.scheme, host, port, addresses)
