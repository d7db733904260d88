"""Random walks through the dossier lifecycle, checked against its invariants.

Any command may be tried at any moment; the domain either records exactly one
event or refuses with a named error and changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from application.encoding import new_mapper
from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Document, Dossier
from domain.dossiers.status import TERMINAL, Channel, Rating
from domain.shared import DomainError, Role
from tests.examples import CALENDAR, CATALOG, CITY, PROVINCE, UNITS, officer, submitted_dossier

MAPPER = new_mapper()
reasons = st.text(min_size=1, max_size=20)


def state_of(dossier: Dossier) -> dict[str, Any]:
    return {k: v for k, v in vars(dossier).items() if k != "_pending_events"}


class DossierLifecycle(RuleBasedStateMachine):
    @rule(procedure=st.sampled_from([p.code for p in CATALOG]))
    @precondition(lambda self: not hasattr(self, "dossier"))
    def submit(self, procedure: str) -> None:
        unit = CITY if CATALOG.current(procedure).receiving_level == "district" else "02644"
        self.dossier = submitted_dossier(procedure, unit=unit)
        self.now = self.dossier.created_on
        self.events = list(self.dossier.collect_events())
        self.terminal_since: int | None = None

    def attempt(self, command: str, *args: Any, **kwargs: Any) -> None:
        before = state_of(self.dossier)
        try:
            getattr(self.dossier, command)(*args, **kwargs)
        except DomainError:
            assert state_of(self.dossier) == before, "a refused command changed nothing"
            return
        new = self.dossier.collect_events()
        assert len(new) == 1, "an accepted command records exactly one event"
        self.events.extend(new)

    @rule(hours=st.integers(min_value=1, max_value=24 * 20))
    @precondition(lambda self: hasattr(self, "dossier"))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @rule()
    @precondition(lambda self: hasattr(self, "dossier"))
    def receive(self) -> None:
        self.attempt("receive", self.actor(Role.CLERK), self.now, CALENDAR)

    @rule(reason=reasons)
    @precondition(lambda self: hasattr(self, "dossier"))
    def refuse_intake(self, reason: str) -> None:
        self.attempt("refuse_intake", reason, self.actor(Role.CLERK), self.now)

    @rule(reason=reasons, documents=st.lists(reasons, max_size=2))
    @precondition(lambda self: hasattr(self, "dossier"))
    def request_supplement(self, reason: str, documents: list[str]) -> None:
        self.attempt(
            "request_supplement", reason, tuple(documents), self.actor(Role.SPECIALIST), self.now
        )

    @rule(short=st.integers(min_value=0, max_value=1), transaction=st.text("abc", min_size=1))
    @precondition(lambda self: hasattr(self, "dossier"))
    def pay(self, short: int, transaction: str) -> None:
        # the fee due, or one dong short (refused: changes nothing)
        amount = (self.dossier.fee_vnd or 0) - short
        actor = self.actor(Role.INTEGRATION)
        self.attempt("pay", amount, transaction, actor, self.now, CALENDAR)

    @rule(name=reasons)
    @precondition(lambda self: hasattr(self, "dossier"))
    def supplement(self, name: str) -> None:
        self.attempt("supplement", (Document(name),), self.actor(Role.CLERK), self.now, CALENDAR)

    @rule(to=st.sampled_from([CITY, PROVINCE, "082", "02647"]))
    @precondition(lambda self: hasattr(self, "dossier"))
    def transfer(self, to: str) -> None:
        self.attempt("transfer", to, None, UNITS, self.actor(Role.SPECIALIST), self.now)

    @rule()
    @precondition(lambda self: hasattr(self, "dossier"))
    def approve(self) -> None:
        self.attempt("approve", {"so": "QĐ-1"}, None, self.actor(Role.LEADER), self.now)

    @rule(reason=reasons)
    @precondition(lambda self: hasattr(self, "dossier"))
    def refuse(self, reason: str) -> None:
        self.attempt("refuse", reason, self.actor(Role.LEADER), self.now)

    @rule(reason=reasons, days=st.integers(min_value=-5, max_value=30))
    @precondition(lambda self: hasattr(self, "dossier"))
    def apologize(self, reason: str, days: int) -> None:
        new_date = (self.dossier.due_date or date(2027, 1, 1)) + timedelta(days=days)
        self.attempt("apologize", reason, new_date, self.actor(Role.LEADER), self.now, CALENDAR)

    @rule(reason=reasons)
    @precondition(lambda self: hasattr(self, "dossier"))
    def stop_processing(self, reason: str) -> None:
        self.attempt("stop_processing", reason, self.actor(Role.LEADER), self.now)

    @rule()
    @precondition(lambda self: hasattr(self, "dossier"))
    def return_result(self) -> None:
        self.attempt("return_result", Channel.DESK, self.actor(Role.CLERK), self.now)

    @rule(reason=reasons)
    @precondition(lambda self: hasattr(self, "dossier"))
    def withdraw(self, reason: str) -> None:
        self.attempt("withdraw", reason, self.actor(Role.CLERK), self.now)

    @rule(rating=st.sampled_from(Rating))
    @precondition(lambda self: hasattr(self, "dossier"))
    def rate(self, rating: Rating) -> None:
        self.attempt("rate", rating, None, self.actor(Role.CLERK), self.now)

    def actor(self, role: Role) -> Any:
        return officer(role, self.dossier.current_unit)

    @invariant()
    def replaying_the_stored_events_rebuilds_the_same_state(self) -> None:
        if not hasattr(self, "dossier"):
            return
        replayed = None
        for recorded in self.events:
            replayed = MAPPER.to_domain_event(MAPPER.to_stored_event(recorded)).mutate(replayed)
        assert replayed is not None and state_of(replayed) == state_of(self.dossier)

    @invariant()
    def version_counts_the_events(self) -> None:
        if hasattr(self, "dossier"):
            assert self.dossier.version == len(self.events)

    @invariant()
    def no_exit_from_a_terminal_state(self) -> None:
        if not hasattr(self, "dossier"):
            return
        if self.terminal_since is not None:
            # Only the citizen's rating may follow the return of the result.
            later = self.events[self.terminal_since :]
            assert all(type(e).__name__ == "Rated" for e in later)
            assert self.dossier.status in TERMINAL
        elif self.dossier.status in TERMINAL:
            self.terminal_since = len(self.events)

    @invariant()
    def the_due_date_never_precedes_receipt(self) -> None:
        if hasattr(self, "dossier") and self.dossier.received_at is not None:
            assert self.dossier.due_date is not None
            assert self.dossier.due_date >= self.dossier.received_at.astimezone(VIETNAM_TZ).date()


DossierLifecycle.TestCase.settings = settings(
    max_examples=150, stateful_step_count=40, deadline=None
)
test_dossier_lifecycle = DossierLifecycle.TestCase
