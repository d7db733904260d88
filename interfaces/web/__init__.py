"""The pages people use: citizens following a dossier, auditors reading a journey, clerks
printing the receipt, anyone checking a permit or reading the statistics. Server-rendered,
script-free, in Vietnamese unless the reader picks English.

``interfaces.http.app`` mounts :data:`ROUTES` and wraps the app in :class:`PageSecurity`.
"""

from __future__ import annotations

from starlette.routing import Route

from interfaces.web import desk, lookup, papers, paths, permit, receipt, session, staff, statistics
from interfaces.web.failures import PageHandler
from interfaces.web.headers import PageSecurity
from interfaces.web.pages import STATIC


def _page(path: str, endpoint: PageHandler, method: str, name: str) -> Route:
    """A page, not part of the API: the OpenAPI document leaves it out."""
    return Route(path, endpoint, methods=[method], name=name, include_in_schema=False)


ROUTES = [
    STATIC,
    _page(paths.LOOKUP, lookup.lookup_form, "GET", "lookup_form"),
    _page(paths.LOOKUP, lookup.lookup, "POST", "lookup"),
    _page(paths.SIGN_IN, session.sign_in_form, "GET", "sign_in_form"),
    _page(paths.SIGN_IN, session.sign_in, "POST", "sign_in"),
    _page(paths.SIGN_OUT, session.sign_out, "POST", "sign_out"),
    _page(paths.STAFF_HOME, staff.find, "GET", "staff_find"),
    _page(papers.form_path("{id:uuid}", "{number}"), papers.dossier_form, "GET", "dossier_form"),
    _page(paths.RECEIPT, receipt.receipt_form, "GET", "receipt_form"),
    _page(paths.RECEIPT, receipt.receipt, "POST", "receipt"),
    _page(paths.STATS, statistics.statistics_page, "GET", "statistics"),
    _page(paths.PERMIT, permit.permit_form, "GET", "permit_form"),
    _page(f"{paths.PERMIT}/{{number}}", permit.permit_page, "GET", "permit"),
    *(_page(*entry) for entry in desk.PAGES),
]

__all__ = ["ROUTES", "PageSecurity"]
