"""A small OpenID Connect provider for the tests (none is reachable here): discovery,
an authorization endpoint that signs in whoever the test chose at once, a token
endpoint that checks the PKCE verifier (S256) and answers an RS256 ID token, and its
JWKS. Served by uvicorn on a loopback port of its own."""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "motcua-desk"


@dataclass
class Provider:
    url: str = ""
    person: dict[str, str] = field(default_factory=dict)
    """The claims of whoever signs in next (sub, role, unit)."""
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    redeemed: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        async def discovery(_: Request) -> Response:
            return JSONResponse(
                {
                    "issuer": self.url,
                    "authorization_endpoint": f"{self.url}/authorize",
                    "token_endpoint": f"{self.url}/token",
                    "jwks_uri": f"{self.url}/jwks",
                }
            )

        async def authorize(request: Request) -> Response:
            asked = request.query_params
            assert asked["code_challenge_method"] == "S256" and asked["client_id"] == CLIENT_ID
            code = secrets.token_urlsafe(16)
            self.codes[code] = {**asked, **self.person}
            back = {"code": code, "state": asked["state"]}
            return RedirectResponse(f"{asked['redirect_uri']}?{urlencode(back)}", status_code=302)

        async def token(request: Request) -> Response:
            form = dict(parse_qsl((await request.body()).decode()))
            asked = self.codes.pop(str(form["code"]), None)
            verifier = str(form.get("code_verifier", ""))
            digest = hashlib.sha256(verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if asked is None or challenge != asked["code_challenge"]:
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            self.redeemed.append(str(form["code"]))
            now = int(time.time())
            claims: dict[str, Any] = {
                "iss": self.url,
                "aud": CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                "nonce": asked["nonce"],
                **{name: asked[name] for name in ("sub", "role", "unit")},
            }
            signed = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "k1"})
            return JSONResponse({"id_token": signed, "token_type": "Bearer"})

        async def jwks(_: Request) -> Response:
            public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return JSONResponse({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]})

        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", discovery),
                Route("/authorize", authorize),
                Route("/token", token, methods=["POST"]),
                Route("/jwks", jwks),
            ]
        )


@contextmanager
def provider_running() -> Iterator[Provider]:
    provider = Provider()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    host, port = listener.getsockname()
    provider.url = f"http://{host}:{port}"
    server = uvicorn.Server(uvicorn.Config(provider.app(), log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
