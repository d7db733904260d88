"""The webhook destination guard (server-side request forgery), with a fake resolver."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from application.subscriptions.destinations import Allowed, DestinationRefused, Destinations

DNS = {
    "hooks.example.org": ["93.184.215.14"],
    "internal.example.org": ["10.0.0.7"],
    "split.example.org": ["8.8.8.8", "192.168.0.4"],  # one answer is private
    "v6.example.org": ["2001:4860:4860::8888"],
    "metadata.example.org": ["169.254.169.254"],
}


async def resolve(host: str, port: int) -> Sequence[str]:
    if host in DNS:
        return DNS[host]
    try:
        import ipaddress

        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        raise OSError("no such host") from None


def guard(allow: str = "") -> Destinations:
    return Destinations(Allowed.parse(allow), resolve)


async def test_a_public_destination_passes_with_the_addresses_it_was_checked_at() -> None:
    destination = await guard().check("https://hooks.example.org/motcua")
    assert (destination.host, destination.port, destination.addresses) == (
        "hooks.example.org",
        443,
        ("93.184.215.14",),
    )
    assert (await guard().check("http://v6.example.org:8080/")).port == 8080


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://internal.example.org/", "10.0.0.7"),
        ("http://split.example.org/", "192.168.0.4"),
        ("http://metadata.example.org/", "169.254.169.254"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://[fd00::1]/", "fd00::1"),  # unique local
        ("http://[::ffff:127.0.0.1]/", "127.0.0.1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://240.0.0.1/", "240.0.0.1"),  # reserved
        ("http://239.1.1.1/", "239.1.1.1"),  # multicast
        ("http://100.100.0.1/", "100.100.0.1"),  # shared (carrier NAT)
        ("http://203.0.113.9/", "203.0.113.9"),  # documentation
        ("http://nowhere.example.org/", "does not resolve"),
        ("ftp://hooks.example.org/", "http or https"),
        ("https:///path-only", "http or https"),
        ("https://user:pw@hooks.example.org/", "credentials"),
        ("https://hooks.example.org:99999/", "port"),
    ],
)
async def test_refused(url: str, why: str) -> None:
    with pytest.raises(DestinationRefused, match=why.replace(".", r"\.")):
        await guard().check(url)


async def test_the_allow_list_names_hosts_or_ranges() -> None:
    allowed = guard("internal.example.org, 127.0.0.0/8, ::1")
    assert (await allowed.check("http://internal.example.org/")).addresses == ("10.0.0.7",)
    assert (await allowed.check("http://127.0.0.5:9000/")).port == 9000
    assert (await allowed.check("http://[::1]/")).addresses == ("::1",)
    # Naming one host or range admits nothing else.
    with pytest.raises(DestinationRefused):
        await allowed.check("http://192.168.1.1/")
    with pytest.raises(DestinationRefused):
        await allowed.check("http://metadata.example.org/")
