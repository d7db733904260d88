"""Signing officers in through the province's identity provider (OpenID Connect,
authorization code with PKCE). The port only: the protocol's adapter lives in
``infrastructure/oidc.py``, the pages in ``interfaces/web/desk/sign_in_oidc.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from application.errors import ApplicationError


@dataclass(frozen=True)
class Identified:
    """Who the provider vouched for, with the role and unit claims it gave them."""

    sub: str
    role: str
    unit: str


class IdentityRefused(ApplicationError):
    """The provider's answer does not vouch for an officer (bad code, token or claims)."""


class IdentityProvider(Protocol):
    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str
    ) -> str:
        """Where the browser signs in; the provider sends it back to ``redirect_uri``."""
        ...

    async def identify(
        self, *, code: str, code_verifier: str, nonce: str, redirect_uri: str
    ) -> Identified:
        """Redeem the code (with the PKCE verifier) for a verified ID token's claims."""
        ...
