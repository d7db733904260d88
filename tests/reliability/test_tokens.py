"""Hostile tokens: each is refused with 401, each refusal is logged, and no log line ever
holds the token or any part of it.

``alg: none``; HS/RS confusion (a token signed with RS256 by a key of the attacker's,
and one signed HS256 with that key's public PEM as the secret); each required claim
missing; a role or a unit this service does not know; an expired token; the wrong
secret; garbage.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from structlog.testing import capture_logs

from tests.e2e.api import SECRET
from tests.examples import COC_LEU

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.parametrize("storage", ["sqlite"], indirect=True),
]
ATTACKER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ATTACKER_PUBLIC_PEM = ATTACKER_KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)


def claims(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    valid = {"sub": "mallory", "role": "leader", "unit": COC_LEU, "iat": now}
    valid["exp"] = now + timedelta(hours=1)
    return {k: v for k, v in {**valid, **changes}.items() if v is not None}


def segment(value: dict[str, Any]) -> str:
    encoded = json.dumps(value, default=lambda d: int(d.timestamp())).encode()
    return base64.urlsafe_b64encode(encoded).rstrip(b"=").decode()


def unsigned() -> str:
    return f"{segment({'alg': 'none', 'typ': 'JWT'})}.{segment(claims())}."


def public_key_as_hmac_secret() -> str:
    """PyJWT refuses to sign HS256 with a PEM key, so sign by hand, as an attacker would."""
    signing_input = f"{segment({'alg': 'HS256', 'typ': 'JWT'})}.{segment(claims())}"
    mac = hmac.new(ATTACKER_PUBLIC_PEM, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


HOSTILE: dict[str, Callable[[], str]] = {
    "alg none": unsigned,
    "RS256 by another key": lambda: jwt.encode(claims(), ATTACKER_KEY, algorithm="RS256"),
    "public key as HMAC secret": public_key_as_hmac_secret,
    "no sub": lambda: jwt.encode(claims(sub=None), SECRET, algorithm="HS256"),
    "no role": lambda: jwt.encode(claims(role=None), SECRET, algorithm="HS256"),
    "no unit": lambda: jwt.encode(claims(unit=None), SECRET, algorithm="HS256"),
    "no exp": lambda: jwt.encode(claims(exp=None), SECRET, algorithm="HS256"),
    "unknown role": lambda: jwt.encode(claims(role="superuser"), SECRET, algorithm="HS256"),
    "citizen role": lambda: jwt.encode(claims(role="citizen"), SECRET, algorithm="HS256"),
    "unit that does not exist": lambda: jwt.encode(claims(unit="99999"), SECRET, algorithm="HS256"),
    "expired": lambda: jwt.encode(
        claims(exp=datetime.now(UTC) - timedelta(minutes=5)), SECRET, algorithm="HS256"
    ),
    "wrong secret": lambda: jwt.encode(claims(), "another-secret-" + "x" * 32, "HS256"),
    "garbage": lambda: "eyJhbGciOi.this-is-not-a-token.at-all",
}
PATHS = ("/api/v1/dossiers", "/api/v1/inbox", f"/api/v1/dossiers/{UUID(int=1)}")


@pytest.mark.parametrize("kind", list(HOSTILE))
async def test_a_hostile_token_is_refused_logged_and_never_written_down(
    kind: str, client: httpx.AsyncClient
) -> None:
    token = HOSTILE[kind]()
    with capture_logs() as logs:
        answers = [
            await client.get(path, headers={"Authorization": f"Bearer {token}"}) for path in PATHS
        ]
        filed = await client.post(
            "/api/v1/dossiers", json={}, headers={"Authorization": f"Bearer {token}"}
        )
    for answer in (*answers, filed):
        assert answer.status_code == 401, (kind, answer.text)
        assert answer.json()["type"] == "/problems/unauthorized"
        assert answer.headers["WWW-Authenticate"] == "Bearer"
        assert token not in answer.text
    denials = [e for e in logs if e.get("event") == "http.request" and e.get("status") == 401]
    assert len(denials) == len(PATHS) + 1
    pieces = [part for part in token.split(".") if len(part) >= 8]
    for entry in logs:
        written = json.dumps(entry, default=str)
        assert token not in written
        assert not any(piece in written for piece in pieces), entry


async def test_the_genuine_token_still_works(client: httpx.AsyncClient) -> None:
    """The control: the same requests with a valid token are not refused."""
    token = jwt.encode(claims(), SECRET, algorithm="HS256")
    for path in PATHS:
        answer = await client.get(path, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code in (200, 404), answer.text
