"""The events Motcua tells the world about: their CloudEvents ``type`` names and what of
each one goes into ``data``. Kept as data, so the feed's OpenAPI document can list it.

An allow-list: ``data`` holds the ``public`` fields and nothing else. ``withheld`` names
every other field with the reason it stays home (personal data, free text that may hold
some, secrets), so each field of each event is a decision: a field nobody classified
fails ``tests/unit/test_cloud_events.py``. ``actor.sub`` (who acted, by name or
number) is always withheld; the role and unit that acted are public.

Published streams: dossiers (the one-door case: portal, dashboards, SMS gateways need
every step), permits (a public register: anyone may check a permit by its number),
enrollments (admissions and seats, for the education office), the unit registry (the
tree over time is public law; its events name who recorded each plan) and the catalog
registry (the procedures and their versions, public law too). Never published, whole
streams: see :data:`UNPUBLISHED`. A type name, once published, never changes meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from domain.audit.checkpoint import ChainCheckpoint
from domain.clock.announcements import CalendarAnnouncements
from domain.dossiers.document_reads import DocumentReads
from domain.dossiers.dossier import Dossier
from domain.dossiers.register import ReceiptRegister
from domain.dossiers.switch import Switch
from domain.enrollments.enrollment import Enrollment
from domain.enrollments.seats import SchoolSeats
from domain.health_records.record import HealthRecord
from domain.notices.notice_log import NoticeLog
from domain.permits.permit import Permit
from domain.publishing import CatalogRegistry
from domain.subscriptions.subscription import Subscription
from domain.units.registry import UnitRegistry

PREFIX = "vn.gov.motcua"
ACTOR_PUBLIC = ("actor.role", "actor.unit")
ACTOR_WITHHELD = ("actor.sub",)

CITIZEN = "the citizen: name, citizen id, phone, address"
FREE_TEXT = "free text written about a person's case"
PAPERS = "names of the citizen's papers as typed, and hashes of their content"
REASON = MappingProxyType({"reason": FREE_TEXT})


@dataclass(frozen=True)
class EventType:
    event: type[Any]
    type: str
    """The CloudEvents ``type``: ``vn.gov.motcua.<stream>.<event>``."""
    description: str
    public: tuple[str, ...] = ()
    """Paths of the fields ``data`` carries (``terms.valid_until``: a field of a field)."""
    withheld: Mapping[str, str] | None = None
    """Path → why it never leaves."""

    @property
    def topic(self) -> str:
        return get_topic(self.event)

    @property
    def acted(self) -> bool:
        """Whether the event names who acted (a checkpoint is the server's own)."""
        return "actor" in {field.name for field in fields(self.event)}

    @property
    def data_paths(self) -> tuple[str, ...]:
        return (*self.public, *ACTOR_PUBLIC) if self.acted else self.public

    @property
    def withheld_paths(self) -> dict[str, str]:
        actor = {"actor.sub": "who acted, by name or number"} if self.acted else {}
        return {**(self.withheld or {}), **actor}


def _t(name: str) -> str:
    return f"{PREFIX}.{name}"


EVENT_TYPES: tuple[EventType, ...] = (
    # -- dossiers -------------------------------------------------------------------------
    EventType(
        Dossier.Submitted,
        _t("dossier.submitted"),
        "A dossier was filed (at a desk or online); `code` is the code on its receipt.",
        (
            "code",
            "procedure_code",
            "procedure_version",
            "procedure_name",
            "time_limit_days",
            "route",
            "channel",
            "receiving_unit",
            "fee_vnd",
        ),
        {
            "applicant": CITIZEN,
            "documents": PAPERS,
            "secret_hash": "the citizen's lookup key",
            "possible_duplicates": "links the dossiers of one citizen: who filed what",
        },
    ),
    EventType(
        Dossier.Received,
        _t("dossier.received"),
        "Received: processing starts, or waits for the fee `fee_due_vnd` (VND) when it is "
        "not 0; `form_sha256` is the receipt's (form 01) digest.",
        ("due_date", "form_sha256", "fee_due_vnd"),
    ),
    EventType(
        Dossier.IntakeRefused,
        _t("dossier.intake_refused"),
        "The desk refused it (form 03, its digest `form_sha256`).",
        ("form_sha256",),
        REASON,
    ),
    EventType(
        Dossier.SupplementRequested,
        _t("dossier.supplement_requested"),
        "Papers were asked for (form 02, its digest `form_sha256`); the clock stops.",
        ("form_sha256",),
        {"reason": FREE_TEXT, "documents": PAPERS},
    ),
    EventType(
        Dossier.Supplemented,
        _t("dossier.supplemented"),
        "The papers asked for were handed in; the clock resumes.",
        ("due_date",),
        {"documents": PAPERS},
    ),
    EventType(
        Dossier.Transferred,
        _t("dossier.transferred"),
        "Handed to the next unit of its route.",
        ("to_unit", "stop"),
        {"note": FREE_TEXT},
    ),
    EventType(
        Dossier.Approved,
        _t("dossier.approved"),
        "Decided in the applicant's favour (a permit, if any, follows as permit.issued).",
        withheld={"result": "the decision's content: holder, site, terms", "note": FREE_TEXT},
    ),
    EventType(Dossier.Refused, _t("dossier.refused"), "Refused.", withheld=REASON),
    EventType(
        Dossier.DocumentAttached,
        _t("dossier.document_attached"),
        "A file was attached to the dossier (its name and content stay home).",
        withheld={"attachment": PAPERS},
    ),
    EventType(
        Dossier.Corrected,
        _t("dossier.corrected"),
        "The decided result was corrected (đính chính).",
        withheld={"result": "the decision's content: holder, site, terms", "reason": FREE_TEXT},
    ),
    EventType(
        Dossier.Apologized,
        _t("dossier.apologized"),
        "An apology (form 04, its digest `form_sha256`) set a new due date; `late_notice`: "
        "sent after the working day before the old one.",
        ("new_due_date", "late_notice", "form_sha256"),
        {"reason": FREE_TEXT},
    ),
    EventType(
        Dossier.ResultReturned,
        _t("dossier.result_returned"),
        "The result was handed back.",
        ("channel",),
    ),
    EventType(
        Dossier.Withdrawn, _t("dossier.withdrawn"), "The citizen took it back.", withheld=REASON
    ),
    EventType(
        Dossier.Rated,
        _t("dossier.rated"),
        "Satisfaction given.",
        ("rating",),
        {"comment": FREE_TEXT},
    ),
    EventType(
        Dossier.DueDateMoved,
        _t("dossier.due_date_moved"),
        "An announced change of the working calendar moved the due date.",
        ("due_date", "legal_basis"),
        {},
    ),
    EventType(
        Dossier.Stopped,
        _t("dossier.stopped"),
        "Processing stopped (form 05, its digest `form_sha256`): the dossier ends.",
        ("form_sha256",),
        REASON,
    ),
    EventType(
        Dossier.Forwarded,
        _t("dossier.forwarded"),
        "The desk handed it to the competent unit (boundary-free filing, Decree 118/2025).",
        ("to_unit",),
    ),
    EventType(
        Dossier.HandedOver,
        _t("dossier.handed_over"),
        "Units it was at ceased: the units carrying on their work hold it now.",
        (
            "effective",
            "legal_basis",
            "from_unit",
            "from_unit_name",
            "to_unit",
            "to_unit_name",
            "from_desk",
            "from_desk_name",
            "to_desk",
            "to_desk_name",
        ),
    ),
    # -- permits --------------------------------------------------------------------------
    EventType(
        Dossier.Paid,
        _t("dossier.paid"),
        "The fee was paid (the payment gateway's notice): processing starts, the due date "
        "moves on by the working days waited.",
        ("amount_vnd", "due_date"),
        {"transaction_id": "the gateway's reference, which leads to the payer's account"},
    ),
    EventType(
        Permit.Issued,
        _t("permit.issued"),
        "A permit was issued from an approved dossier (`dossier_id`).",
        ("number", "kind", "dossier_id", "terms.valid_from", "terms.valid_until", "issuing_unit"),
        {"terms.holder": "a person's or a firm's name", "terms.scope": FREE_TEXT + " (a site)"},
    ),
    EventType(
        Permit.Amended, _t("permit.amended"), "Its scope changed.", withheld={"scope": FREE_TEXT}
    ),
    EventType(Permit.Extended, _t("permit.extended"), "Valid for longer.", ("valid_until",)),
    EventType(Permit.Suspended, _t("permit.suspended"), "Suspended.", withheld=REASON),
    EventType(Permit.Reinstated, _t("permit.reinstated"), "In force again.", withheld=REASON),
    EventType(Permit.Revoked, _t("permit.revoked"), "Revoked for good.", withheld=REASON),
    # -- enrollments ----------------------------------------------------------------------
    EventType(
        Enrollment.Applied,
        _t("enrollment.applied"),
        "An application for a school year and grade, to the schools in `choices`.",
        ("school_year", "grade", "choices"),
        {
            "student": "a child: name, birth date",
            "guardian": "name, phone",
            "residence_unit": "where a child lives",
        },
    ),
    EventType(Enrollment.Admitted, _t("enrollment.admitted"), "A seat was taken.", ("school",)),
    EventType(Enrollment.Waitlisted, _t("enrollment.waitlisted"), "Waiting for a seat."),
    EventType(Enrollment.Refused, _t("enrollment.refused"), "Refused.", withheld=REASON),
    EventType(Enrollment.Confirmed, _t("enrollment.confirmed"), "The family took the place up."),
    EventType(
        Enrollment.Transferred,
        _t("enrollment.transferred"),
        "Moved to another school; the seat left behind is free.",
        ("from_school", "to_school"),
    ),
    # -- the audit chain --------------------------------------------------------------------
    EventType(
        ChainCheckpoint.Signed,
        _t("audit.checkpointed"),
        "The server signed the hash chain's head (Ed25519): keep it, and `motcua verify "
        "--checkpoint` shows whether the log was later cut short or rewritten. Every feed "
        "reader sees it.",
        ("position", "chain_hash", "signed_at", "key_id", "signature"),
    ),
    # -- the unit registry: public law, every field public --------------------------------
    EventType(
        UnitRegistry.Opened,
        _t("unit_registry.opened"),
        "The registry of a jurisdiction's administrative units was opened.",
        ("jurisdiction",),
    ),
    EventType(
        UnitRegistry.Reorganised,
        _t("unit_registry.reorganised"),
        "A reorganisation plan was recorded; its `changes` unit events follow it.",
        ("fingerprint", "effective", "legal_basis", "changes"),
    ),
    EventType(
        UnitRegistry.UnitEstablished,
        _t("unit_registry.unit_established"),
        "A unit comes into force on `effective`, formed from `predecessors` (if any).",
        ("code", "name", "level", "parent", "effective", "legal_basis", "predecessors"),
    ),
    EventType(
        UnitRegistry.UnitCeased,
        _t("unit_registry.unit_ceased"),
        "A unit is no longer in force from `effective`; `successors` carry on its work.",
        ("code", "effective", "legal_basis", "successors"),
    ),
    EventType(
        UnitRegistry.UnitRenamed,
        _t("unit_registry.unit_renamed"),
        "A unit's name from `effective`.",
        ("code", "name", "effective", "legal_basis"),
    ),
    EventType(
        UnitRegistry.UnitMoved,
        _t("unit_registry.unit_moved"),
        "A unit's parent from `effective`.",
        ("code", "parent", "effective", "legal_basis"),
    ),
    # -- the catalog registry: public law, every field public -----------------------------
    EventType(
        CatalogRegistry.Opened,
        _t("catalog_registry.opened"),
        "The registry of a jurisdiction's procedure catalog was opened.",
        ("jurisdiction",),
    ),
    EventType(
        CatalogRegistry.VersionPublished,
        _t("catalog_registry.version_published"),
        "A procedure version, in force from `in_force_from` (null: since before any dossier "
        "held); dossiers received before keep the version they were received under.",
        (
            "code",
            "version",
            "name",
            "field",
            "receiving_level",
            "time_limit_days",
            "required_documents",
            "result_kind",
            "steps",
            "fee_vnd",
            "in_force_from",
            "code_status",
            "legal_basis",
        ),
    ),
)

UNPUBLISHED: dict[type[Aggregate], str] = {
    NoticeLog: "delivery bookkeeping of citizens' notices (issue 14, item 5); it tells staff "
    "which notice failed, and the dossier events it points to are published already",
    HealthRecord: (
        "health data is a special category of personal data (Decree 13/2023/NĐ-CP): even "
        "'an encounter at unit X' or a consent tells of one person's care, and the stream "
        "is also the record's access log"
    ),
    ReceiptRegister: "a desk's numbering counter; each entry is told by dossier.submitted",
    DocumentReads: "who read a dossier's files: an access log, for auditors only",
    CalendarAnnouncements: (
        "not yet: each dossier an announcement moved is told by dossier.due_date_moved, with "
        "its legal basis; the calendar itself is to be published with the unit tree"
    ),
    Switch: "the hand-over's own progress; each dossier moved is told by dossier.handed_over",
    SchoolSeats: (
        "the capacity guard; each seat taken or freed is told by enrollment.admitted or "
        "enrollment.transferred"
    ),
    Subscription: (
        "webhook subscriptions: who listens where is no other listener's business, and the "
        "stream holds a (sealed) signing secret"
    ),
}
"""Streams never published, and why. A new event of these streams stays home too."""

BY_TOPIC: dict[str, EventType] = {kind.topic: kind for kind in EVENT_TYPES}
PUBLISHED_TOPICS = frozenset(BY_TOPIC)


def type_table() -> list[dict[str, Any]]:
    """The published types as the API documents them: type, description, data fields."""
    return [
        {"type": kind.type, "description": kind.description, "data": list(kind.data_paths)}
        for kind in EVENT_TYPES
    ]
