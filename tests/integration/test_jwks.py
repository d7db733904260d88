"""Tokens from the province's identity provider, checked against its key set served on
loopback by the test: RS256 and ES256 accepted, keys rotated without a restart, the
algorithm pinned by each key (no ``none``, no HS/RS confusion), the set fetched again at
most once per interval however many unknown key ids arrive."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.jwks import JwksKeys
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap, create_app
from tests.e2e.api import bearer
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, COC_LEU

pytestmark = pytest.mark.integration


@dataclass
class Provider:
    """The identity provider's key set, as the test changes it; counts the fetches."""

    keys: list[dict[str, Any]] = field(default_factory=list)
    fetches: int = 0
    url: str = ""


def public_jwk(private: Any, kid: str) -> dict[str, Any]:
    algorithm = jwt.algorithms.RSAAlgorithm if isinstance(private, rsa.RSAPrivateKey) else None
    text = (algorithm or jwt.algorithms.ECAlgorithm).to_jwk(private.public_key())
    return {**json.loads(text), "kid": kid, "use": "sig"}


def token(private: Any, kid: str, alg: str, **claims: Any) -> str:
    now = datetime.now(UTC)
    body = {"sub": "cb-01", "role": "clerk", "unit": COC_LEU, "exp": now + timedelta(hours=1)}
    return jwt.encode({**body, **claims}, private, algorithm=alg, headers={"kid": kid})


def hs256_by_hand(secret: bytes, kid: str) -> str:
    """HS256 "signed" with a public key's PEM: PyJWT itself refuses to make one."""

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    claims = {"sub": "x", "role": "clerk", "unit": COC_LEU, "exp": 2_000_000_000}
    signing_input = f"{part({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{part(claims)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


@pytest.fixture
def provider() -> Iterator[Provider]:
    state = Provider()

    async def jwks(_: Request) -> JSONResponse:
        state.fetches += 1
        return JSONResponse({"keys": state.keys})

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(Starlette(routes=[Route("/jwks", jwks)]), log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{sock.getsockname()[1]}/jwks"
    try:
        yield state
    finally:
        server.should_exit = True
        thread.join(10)


async def test_tokens_of_the_key_set_and_only_those(provider: Provider) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    provider.keys = [public_jwk(rsa_key, "r1"), public_jwk(ec_key, "e1")]
    settings = Settings(jwks_url=provider.url, database_url="memory://")
    app = await bootstrap(
        settings,
        store=InMemoryEventStore(),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
    )
    asgi = create_app(app=app)
    async with asgi.router.lifespan_context(asgi) as state:

        async def with_state(scope: Any, receive: Any, send: Any) -> None:
            scope["state"] = dict(state or {})
            await asgi(scope, receive, send)

        transport = httpx.ASGITransport(app=with_state)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:

            async def inbox(bearer: str) -> int:
                headers = {"Authorization": f"Bearer {bearer}"}
                return (await client.get("/api/v1/inbox", headers=headers)).status_code

            assert await inbox(token(rsa_key, "r1", "RS256")) == 200
            assert await inbox(token(ec_key, "e1", "ES256")) == 200
            # The algorithm is the key's, not the header's.
            public_pem = rsa_key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            confused = hs256_by_hand(public_pem, "r1")
            for refused in (
                confused,
                jwt.encode({"sub": "x"}, None, algorithm="none", headers={"kid": "r1"}),
                token(rsa_key, "r1", "RS256", exp=datetime.now(UTC) - timedelta(hours=1)),
                token(rsa_key, "r1", "RS256", unit="not-a-unit"),
                token(ec_key, "r1", "ES256"),  # the EC key's signature under the RSA key's id
            ):
                assert await inbox(refused) == 401
            # The server's own HS256 tokens are not taken once a key set is configured.
            assert await inbox(bearer(Role.CLERK)["Authorization"].split()[1]) == 401

    await app.close()


async def test_a_rotated_key_is_fetched_once_and_forged_ids_fetch_nothing(
    provider: Provider,
) -> None:
    first = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    provider.keys = [public_jwk(first, "k1")]
    now = [1000.0]
    keys = JwksKeys(provider.url, refetch_seconds=30, monotonic=lambda: now[0])
    signed = token(first, "k1", "RS256")
    await keys.prepare(signed)
    assert keys.claims(signed)["sub"] == "cb-01" and provider.fetches == 1

    rotated = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    provider.keys = [public_jwk(rotated, "k2")]
    now[0] += 31  # the provider rotated its keys; no restart here
    fresh = token(rotated, "k2", "RS256")
    await keys.prepare(fresh)
    assert keys.claims(fresh)["sub"] == "cb-01" and provider.fetches == 2
    with pytest.raises(jwt.PyJWTError):  # the old key left the set
        keys.claims(signed)
    for n in range(20):  # unknown ids within the interval: no fetch
        now[0] += 1
        forged = token(rotated, f"forged-{n}", "RS256")
        await keys.prepare(forged)
        with pytest.raises(jwt.PyJWTError):
            keys.claims(forged)
    assert provider.fetches == 2
