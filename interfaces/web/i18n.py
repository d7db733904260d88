"""The page language: Vietnamese unless ``?lang=en`` or the ``lang`` cookie says English.

Dates and times are shown in Asia/Ho_Chi_Minh, the zone deadlines are reckoned in, and
written dd/mm/yyyy in either language, as the papers and the date inputs write them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from starlette.requests import Request
from starlette.responses import Response

from domain.calendar import VIETNAM_TZ
from interfaces.web.catalog import CATALOG

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
DEFAULT: Lang = "vi"
COOKIE = "lang"
_YEAR = 365 * 24 * 3600


def _as_lang(value: str | None) -> Lang | None:
    return next((lang for lang in LANGS if lang == value), None)


def language(request: Request) -> Lang:
    """The query's ``lang`` first, then the cookie, then Vietnamese."""
    asked = _as_lang(request.query_params.get(COOKIE))
    return asked or _as_lang(request.cookies.get(COOKIE)) or DEFAULT


def remember(request: Request, response: Response) -> None:
    """Keep a language chosen with ``?lang=`` for the next pages."""
    asked = _as_lang(request.query_params.get(COOKIE))
    if asked is not None and asked != request.cookies.get(COOKIE):
        response.set_cookie(COOKIE, asked, max_age=_YEAR, path="/", samesite="lax", httponly=True)


class Translator:
    """``t("key", name=value)`` in one language; a missing key is a bug, so it raises."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._index = LANGS.index(lang)

    @property
    def other(self) -> Lang:
        return "en" if self.lang == "vi" else "vi"

    def __call__(self, key: str, **params: object) -> str:
        text = CATALOG[key][self._index]
        return text.format(**params) if params else text

    def date(self, value: dt.date | str | None) -> str:
        """dd/mm/yyyy in both languages: the form Vietnamese papers and inputs use."""
        if value is None or value == "":
            return "—"
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        return f"{day.day:02d}/{day.month:02d}/{day.year}"

    def short_date(self, value: dt.date) -> str:
        return f"{value.day:02d}/{value.month:02d}"

    def number(self, value: int) -> str:
        """Thousands grouped as each language writes them: 1.234 and 1,234."""
        grouped = f"{value:,}"
        return grouped.replace(",", ".") if self.lang == "vi" else grouped

    def percent(self, share: float | None) -> str:
        """87,5% and 87.5%; a dash for no share at all."""
        if share is None:
            return "—"
        shown = f"{share * 100:.1f}".removesuffix(".0")
        return f"{shown.replace('.', ',') if self.lang == 'vi' else shown}%"

    def datetime(self, value: dt.datetime | str | None) -> str:
        if value is None or value == "":
            return "—"
        instant = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        local = instant.astimezone(VIETNAM_TZ)
        return f"{local:%H:%M}, {self.date(local.date())}"


def local_day(value: dt.datetime | str) -> dt.date:
    instant = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return instant.astimezone(VIETNAM_TZ).date()
