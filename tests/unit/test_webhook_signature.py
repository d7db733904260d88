"""Standard Webhooks signatures: the spec's published example, and a round trip through
the verification a subscriber runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from projections.outbound.webhooks.signature import signed_headers

# The example of the Standard Webhooks specification (and of its reference libraries).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_spec_example_signs_as_published() -> None:
    at = datetime.fromtimestamp(SPEC_TIMESTAMP, UTC)
    assert signed_headers(SPEC_SECRET, SPEC_ID, at, SPEC_BODY) == {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": SPEC_SIGNATURE,
    }


def test_an_instant_in_another_zone_is_the_same_instant() -> None:
    hanoi = timezone(timedelta(hours=7))
    at = datetime.fromtimestamp(SPEC_TIMESTAMP, UTC).astimezone(hanoi)
    assert signed_headers(SPEC_SECRET, SPEC_ID, at, SPEC_BODY)["webhook-signature"] == (
        SPEC_SIGNATURE
    )


def test_a_subscriber_verifies_a_fresh_delivery_and_refuses_a_tampered_one() -> None:
    body = '{"type":"vn.gov.motcua.dossier.received","data":{"due_date":"2027-01-25"}}'
    headers = signed_headers(SPEC_SECRET, "evt-1", datetime.now(UTC), body.encode())
    assert Webhook(SPEC_SECRET).verify(body, headers)["type"] == "vn.gov.motcua.dossier.received"
    with pytest.raises(WebhookVerificationError):
        Webhook(SPEC_SECRET).verify(body.replace("25", "26"), headers)
