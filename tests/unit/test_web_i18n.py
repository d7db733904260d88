"""The pages' catalog: both languages for every string, every key the pages use."""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from starlette.requests import Request

from domain.dossiers.dossier import Dossier
from domain.dossiers.status import Channel, Status
from domain.permits.permit import PermitStatus
from domain.shared import Role
from domain.units import Level
from interfaces.http.dossiers import STAFF_ACTIONS
from interfaces.web.catalog import CATALOG
from interfaces.web.i18n import Translator, language

TEMPLATES = Path(__file__).resolve().parents[2] / "interfaces" / "web" / "templates"
_KEY_IN_TEMPLATE = re.compile(r"""\bt\(\s*["']([\w.]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_with_the_same_placeholders() -> None:
    def wrong(vietnamese: str, english: str) -> bool:
        return (
            not (vietnamese.strip() and english.strip())
            or placeholders(vietnamese) != placeholders(english)
            # Composed (NFC) letters: "ế" is one code point, as typed and as searched.
            or unicodedata.normalize("NFC", vietnamese) != vietnamese
        )

    assert [key for key, (vi, en) in CATALOG.items() if wrong(vi, en)] == []


def test_the_templates_use_only_keys_of_the_catalog() -> None:
    used = {
        key
        for page in TEMPLATES.glob("*.html")
        for key in _KEY_IN_TEMPLATE.findall(page.read_text())
    }
    assert used, "the pattern found no key: it no longer matches how templates translate"
    prefixes = {key for key in used if key.endswith(".")}  # t("status." + dossier.status)
    assert used - prefixes - CATALOG.keys() == set()
    assert {p for p in prefixes if not any(k.startswith(p) for k in CATALOG)} == set()


def test_every_status_role_level_channel_and_event_has_words() -> None:
    events = [
        name
        for name, value in vars(Dossier).items()
        if isinstance(value, type) and name not in ("Event", "Created")  # eventsourcing's bases
    ]
    assert "Transferred" in events
    keys = (
        [f"status.{s.value}" for s in Status]
        + [f"explain.{s.value}" for s in Status]
        + [f"role.{r.value}" for r in Role]
        + [f"level.{level.value}" for level in Level]
        + [f"channel.{c.value}" for c in Channel]
        + [f"permit.status.{s.value}" for s in PermitStatus]
        + [f"event.{name}" for name in events]
        + [f"action.{action.replace('-', '_')}" for action in STAFF_ACTIONS]
    )
    assert [key for key in keys if key not in CATALOG] == []


def test_statuses_read_as_plain_vietnamese_words() -> None:
    t = Translator("vi")
    assert t("status.in_processing") == "Đang giải quyết"
    assert t("status.awaiting_supplement") == "Chờ bổ sung hồ sơ"
    assert t("status.approved") == "Đã có kết quả"
    assert t("status.result_returned") == "Đã trả kết quả"
    assert Translator("en")("status.in_processing") == "Being processed"


def test_dates_and_times_are_written_for_each_language_in_vietnam_time() -> None:
    instant = datetime(2027, 1, 11, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội
    assert Translator("vi").datetime(instant) == "09:30, 11/01/2027"
    assert Translator("en").datetime(instant.isoformat()) == "09:30, 11/01/2027"  # dd/mm/yyyy
    assert Translator("vi").date("2027-02-12") == "12/02/2027"
    assert Translator("en").short_date(date(2027, 3, 1)) == "01/03"
    assert Translator("vi").date(None) == "—"


def test_counts_and_shares_are_written_for_each_language() -> None:
    vi, en = Translator("vi"), Translator("en")
    assert (vi.number(12345), en.number(12345), vi.number(7)) == ("12.345", "12,345", "7")
    assert (vi.percent(0.8571), en.percent(0.8571)) == ("85,7%", "85.7%")
    assert (vi.percent(1.0), vi.percent(0.0), vi.percent(None)) == ("100%", "0%", "—")


def test_placeholders_are_filled() -> None:
    assert Translator("vi")("lookup.limited", minutes=5).count("5 phút") == 1


def request(query: str = "", cookie: str = "") -> Request:
    headers = [(b"cookie", cookie.encode())] if cookie else []
    return Request({"type": "http", "query_string": query.encode(), "headers": headers})


@pytest.mark.parametrize(
    ("query", "cookie", "expected"),
    [
        ("", "", "vi"),
        ("lang=en", "", "en"),
        ("", "lang=en", "en"),
        ("lang=vi", "lang=en", "vi"),
        ("lang=fr", "lang=en", "en"),
        ("lang=xx", "lang=yy", "vi"),
    ],
)
def test_the_query_picks_the_language_then_the_cookie_then_vietnamese(
    query: str, cookie: str, expected: str
) -> None:
    assert language(request(query, cookie)) == expected
