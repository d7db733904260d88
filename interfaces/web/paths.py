"""The pages' addresses (Vietnamese, as citizens read them) and cookie names."""

from __future__ import annotations

LOOKUP = "/tra-cuu"
STATS = "/thong-ke"
PERMIT = "/giay-phep"
STAFF = "/can-bo"
STAFF_HOME = f"{STAFF}/ho-so"
SIGN_IN = f"{STAFF}/dang-nhap"
SIGN_OUT = f"{STAFF}/dang-xuat"
RECEIPT = f"{STAFF}/bien-nhan"
STAFF_COOKIE = "motcua_staff"
INBOX = f"{STAFF}/hop-thu"
INTAKE = f"{STAFF}/tiep-nhan"
OIDC_START = f"{SIGN_IN}/oidc"
OIDC_CALLBACK = f"{OIDC_START}/callback"
