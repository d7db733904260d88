"""The province's OpenID Connect provider (``MOTCUA_OIDC_*``): discovery, the
authorization URL with PKCE (S256), the code redeemed at the token endpoint, and the ID
token verified against the provider's JWKS (RS256/ES256, issuer, audience, expiry,
nonce). PyJWT does the verification; httpx the calls."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from application.identity import Identified, IdentityRefused

_ALGORITHMS = ["RS256", "ES256"]


class OidcProvider:
    def __init__(
        self,
        issuer: str,
        client_id: str,
        client_secret: str | None = None,
        *,
        timeout_seconds: float = 10.0,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.timeout_seconds = timeout_seconds
        self._discovery: dict[str, Any] | None = None

    async def _get(self, url: str) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=self.timeout_seconds) as client:
            answer = await client.get(url)
        answer.raise_for_status()
        found: dict[str, Any] = answer.json()
        return found

    async def _configuration(self) -> dict[str, Any]:
        if self._discovery is None:
            self._discovery = await self._get(f"{self.issuer}/.well-known/openid-configuration")
        return self._discovery

    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str
    ) -> str:
        endpoint = (await self._configuration())["authorization_endpoint"]
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid",
            "state": state,
            "nonce": nonce,
            "code_challenge": code_challenge,
            "code_challenge_method": "S256",
        }
        return f"{endpoint}?{urlencode(query)}"

    async def identify(
        self, *, code: str, code_verifier: str, nonce: str, redirect_uri: str
    ) -> Identified:
        configuration = await self._configuration()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "code_verifier": code_verifier,
        }
        if self.client_secret:
            form["client_secret"] = self.client_secret
        async with httpx.AsyncClient(timeout=self.timeout_seconds) as client:
            answer = await client.post(configuration["token_endpoint"], data=form)
        if answer.status_code != 200:
            raise IdentityRefused(f"the provider refused the code ({answer.status_code})")
        id_token = answer.json().get("id_token")
        if not isinstance(id_token, str):
            raise IdentityRefused("the provider's answer holds no ID token")
        keys = jwt.PyJWKSet.from_dict(await self._get(configuration["jwks_uri"]))
        try:
            kid = jwt.get_unverified_header(id_token).get("kid")
            key = next(k for k in keys.keys if kid is None or k.key_id == kid)
            claims = jwt.decode(
                id_token,
                key.key,
                algorithms=_ALGORITHMS,
                audience=self.client_id,
                issuer=self.issuer,
                options={"require": ["iss", "aud", "sub", "exp", "iat"]},
            )
        except (jwt.PyJWTError, StopIteration) as error:
            raise IdentityRefused(f"the ID token does not verify: {error}") from None
        if claims.get("nonce") != nonce:
            raise IdentityRefused("the ID token answers another sign-in (nonce)")
        role, unit = claims.get("role"), claims.get("unit")
        if not (isinstance(role, str) and isinstance(unit, str)):
            raise IdentityRefused("the ID token names no role and unit")
        return Identified(str(claims["sub"]), role, unit)
