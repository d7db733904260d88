"""Tokens signed by the province's identity provider, checked against its JSON Web Key
Set (``MOTCUA_JWKS_URL``).

Each key fixes its algorithm by its type: an RSA key verifies RS256 only, an EC P-256
key ES256 only, whatever the token's header claims, so ``alg: none`` and HS/RS
confusion (a token "HMAC-signed" with the public key) fail. The set is fetched once,
kept, and fetched again when a token names a key id it does not hold (the provider
rotated its keys): no restart, and at most one fetch per ``refetch_seconds`` however
many unknown ids are sent, so forged ids cannot turn the server against the provider.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import jwt

_ALGORITHM = {("RSA", None): "RS256", ("EC", "P-256"): "ES256"}


class JwksKeys:
    def __init__(
        self,
        url: str,
        *,
        leeway: timedelta = timedelta(seconds=30),
        refetch_seconds: float = 30.0,
        timeout: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.leeway = leeway
        self.refetch_seconds = refetch_seconds
        self.timeout = timeout
        self.monotonic = monotonic
        self._keys: dict[str, tuple[Any, str]] = {}
        self._fetched_at: float | None = None
        self._fetching = asyncio.Lock()

    async def prepare(self, token: str) -> None:
        """Hold the key the token names, fetching the set again if it is new to us."""
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            return  # :meth:`claims` refuses it
        if not isinstance(kid, str) or kid in self._keys:
            return
        async with self._fetching:
            recently = self._fetched_at is not None and (
                self.monotonic() - self._fetched_at < self.refetch_seconds
            )
            if kid not in self._keys and not recently:
                await self._fetch()

    def claims(self, token: str) -> dict[str, Any]:
        """The token's claims once its signature and times are checked; raises
        :class:`jwt.PyJWTError` otherwise."""
        header = jwt.get_unverified_header(token)
        found = self._keys.get(str(header.get("kid")))
        if found is None:
            raise jwt.InvalidKeyError("no key of the set has this id")
        key, algorithm = found
        if header.get("alg") != algorithm:
            raise jwt.InvalidAlgorithmError(f"this key signs {algorithm} only")
        claims: dict[str, Any] = jwt.decode(
            token, key, algorithms=[algorithm], leeway=self.leeway, options={"verify_aud": False}
        )
        return claims

    async def _fetch(self) -> None:
        self._fetched_at = self.monotonic()
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                answer = await client.get(self.url)
                answer.raise_for_status()
                document = answer.json()
        except (httpx.HTTPError, ValueError):
            return  # keep the keys we had; the token is refused unless one of them fits
        keys: dict[str, tuple[Any, str]] = {}
        for data in document.get("keys", ()) if isinstance(document, dict) else ():
            algorithm = _ALGORITHM.get((data.get("kty"), data.get("crv")))
            if algorithm is None or not isinstance(data.get("kid"), str):
                continue  # a key type we do not accept, or one tokens cannot name
            if data.get("use", "sig") != "sig":
                continue
            try:
                keys[data["kid"]] = (jwt.PyJWK(data, algorithm).key, algorithm)
            except jwt.PyJWTError:
                continue
        self._keys = keys
