"""Standard Webhooks signatures (https://www.standardwebhooks.com): ``webhook-id``,
``webhook-timestamp`` (Unix seconds) and ``webhook-signature: v1,<base64 of
HMAC-SHA256("id.timestamp.body")>`` under the secret's key (the base64 after ``whsec_``),
computed by the spec authors' own ``standardwebhooks`` package.

The timestamp is the wall clock's when the attempt is made (subscribers refuse one more
than five minutes off theirs), so a retry is signed anew; the id stays the event's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from math import floor

from standardwebhooks.webhooks import Webhook


def signed_headers(secret: str, message_id: str, at: datetime, body: bytes) -> dict[str, str]:
    at = at.astimezone(UTC)  # the package replaces the zone rather than converting
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(floor(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, at, body.decode()),
    }
