"""The officer's desk (issue 16): the pages where commune, district and province
officers work their dossiers, on the same use cases as the API.

- ``/can-bo/hop-thu`` (:mod:`.inbox`): what waits for the officer's role at their unit;
- ``/can-bo/tiep-nhan`` (:mod:`.intake`): receiving a dossier, then its printable slip;
- ``/can-bo/ho-so/{id}`` (:mod:`.dossier`) and its commands (:mod:`.actions`);
- ``/can-bo/dang-nhap/oidc`` (:mod:`.sign_in_oidc`): through the province's provider.

Every form posts with the session's CSRF token (:mod:`interfaces.web.csrf`).
"""

from __future__ import annotations

from interfaces.web import paths
from interfaces.web.desk import actions, dossier, inbox, intake, sign_in_oidc

# (path, handler, method, name): mounted by ``interfaces.web`` beside the other pages.
PAGES = (
    (paths.INBOX, inbox.inbox_page, "GET", "desk_inbox"),
    (paths.INTAKE, intake.intake_form, "GET", "desk_intake_form"),
    (paths.INTAKE, intake.intake, "POST", "desk_intake"),
    (f"{paths.STAFF_HOME}/{{id:uuid}}", dossier.dossier_page, "GET", "staff_dossier"),
    (f"{paths.STAFF_HOME}/{{id:uuid}}/{{action}}", actions.act, "POST", "desk_action"),
    (paths.OIDC_START, sign_in_oidc.start, "GET", "oidc_start"),
    (paths.OIDC_CALLBACK, sign_in_oidc.callback, "GET", "oidc_callback"),
)
