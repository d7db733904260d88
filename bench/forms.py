"""The forms' cost: ``.venv/bin/python -m bench.forms [rounds]``.

Prints the median CPU time (``time.process_time``: the machine is shared, wall time
swings with the other loads) to render each form, to file a dossier at the desk with and
without printing its receipt (memory store, one clerk), and to serve form 01 from the
signer's cache of just issued forms and by rendering again and checking its digest.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable

from application.context import Context
from application.dossiers import commands as c
from application.forms.signing import RecentForms
from domain.dossiers.dossier import Dossier
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.memory.form_renderer import PlainTextFormRenderer
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from interfaces.bootstrap import App, bootstrap
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, APPLICANT, COC_LEU, MERIT, officer
from tests.form_examples import every_form


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


async def _timed(rounds: int, run: Callable[[], Awaitable[object]]) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.process_time()
        await run()
        samples.append(time.process_time() - start)
    return samples


async def _app(renderer: object) -> App:
    return await bootstrap(
        store=InMemoryEventStore(),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        form_renderer=renderer,  # type: ignore[arg-type]
    )


async def main(rounds: int) -> None:
    renderer = FpdfFormRenderer()
    for number, form in every_form().items():
        renderer.render(form)  # fonts and caches warm

        async def render(form: object = form) -> None:
            renderer.render(form)  # type: ignore[arg-type]

        print(f"render form {number}: {_median_ms(await _timed(rounds, render))}")
    clerk = Context(actor=officer(Role.CLERK, COC_LEU))
    filing = c.FileDossier(MERIT, APPLICANT)
    for name, chosen in (("plain-text fake", PlainTextFormRenderer()), ("PDF", renderer)):
        desk = (await _app(chosen)).dossiers
        samples = await _timed(rounds, lambda desk=desk: desk.receive_at_desk(clerk, filing))
        print(f"file at the desk, receipt printed as {name}: {_median_ms(samples)}")
    app = await _app(renderer)
    receipt = await app.dossiers.receive_at_desk(clerk, filing)
    dossier_id = Dossier.id_for(receipt.code)
    forms = app.forms
    cached = await _timed(rounds, lambda: forms.dossier_form(clerk.actor, dossier_id, "01"))
    print(f"serve form 01 just issued (cache): {_median_ms(cached)}")
    forms.signer.recent = RecentForms(0)  # nothing kept: every read renders again
    again = await _timed(rounds, lambda: forms.dossier_form(clerk.actor, dossier_id, "01"))
    print(f"serve form 01 rendered again, digest checked: {_median_ms(again)}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
