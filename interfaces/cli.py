"""The ``motcua`` command: serve, migrate, seed, token, replay, projections, verify,
checkpoint, reorganise, log."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from uuid import UUID

from application.audit.checkpoints import checkpoints_in
from application.audit.ports import Checkpoint
from application.context import Context
from application.errors import InvalidInput, NotFound
from application.plain import plain
from application.units.commands import plan_from_json
from domain.calendar import VIETNAM_TZ
from domain.shared import Actor, Role
from domain.units import InvalidPlan, ReorganisationPlan
from infrastructure.crypto import BadMasterKey
from infrastructure.durability import UnsafeDurability
from infrastructure.logging import configure_logging
from infrastructure.settings import Settings
from infrastructure.stores import is_postgres, migrate_store
from interfaces.api_processes import serve_api_processes
from interfaces.bootstrap import App, bootstrap, create_app
from interfaces.bootstrap.verification import verify_log
from interfaces.cold_log import detach_log
from interfaces.progress_bar import ProgressBar
from interfaces.replay import replay
from interfaces.seed import seed_demo
from projections.audit_log import REGISTRIES

T = TypeVar("T")


async def _with_app(settings: Settings, work: Callable[[App], Awaitable[T]]) -> T:
    app = await bootstrap(settings)
    try:
        return await work(app)
    finally:
        await app.close()


async def _migrate(settings: Settings) -> None:
    applied = await migrate_store(settings.database_url)
    print(
        f"migrated {settings.database_url}: " + (f"applied {applied}" if applied else "up to date")
    )


async def _seed_if_empty(app: App) -> list[dict[str, object]]:
    """Seed a store that holds nothing but the registries (recorded at every start)."""
    async for event in app.store.read_all():
        if event.stream_type not in REGISTRIES:
            return []
    return await seed_demo(app)


def _print_receipts(receipts: Sequence[dict[str, object]]) -> None:
    for receipt in receipts:
        print(f"  {receipt['code']}  secret {receipt['lookup_secret']}  ({receipt['status']})")


async def _replay(app: App, stream_id: UUID, as_of: datetime | None) -> int:
    try:
        result = await replay(app, stream_id, as_of)
    except NotFound:
        print(f"no stream {stream_id}", file=sys.stderr)
        return 1
    except InvalidInput as refused:
        print(f"motcua: {refused.message}", file=sys.stderr)
        return 2
    print(json.dumps(plain(result), ensure_ascii=False, indent=2))
    return 0


async def _projection_status(app: App) -> int:
    statuses = await app.projections.status()
    print(f"{'projection':<14} {'version':>7} {'state':<12} {'position':>9} {'lag':>7}  last error")
    for s in statuses:
        print(
            f"{s.name:<14} {s.version:>7} {s.state.value:<12} {s.position:>9} {s.lag:>7}  "
            f"{s.last_error or '-'}"
        )
    return 0


async def _rebuild(app: App, name: str | None) -> int:
    if name is not None and name not in app.projections.names:
        print(
            f"no projection {name!r}; there are {', '.join(app.projections.names)}", file=sys.stderr
        )
        return 2
    swapped = await app.projections.rebuild([name] if name else None, progress=ProgressBar().show)
    for rebuilt, position in swapped.items():
        print(f"rebuilt {rebuilt} up to position {position}")
    return 0


async def _run_projections(app: App) -> int:
    """Until SIGINT (Ctrl-C) or SIGTERM; closing the App then stops the runners."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    await app.start_projections()
    names = [status.name for status in await app.projections.status()]
    print(f"running {', '.join(names)} and the relays; Ctrl-C stops", file=sys.stderr)
    await stop.wait()
    print("stopping", file=sys.stderr)
    return 0


def _checkpoints(sources: Sequence[str]) -> list[Checkpoint]:
    """``--checkpoint FILE|URL``: checkpoints kept elsewhere (saved from the feed, the broker
    or ``POST /api/v1/audit/checkpoints``), one, a list, or a feed page of them."""
    checkpoints = []
    for source in sources:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=30) as answer:
                document = json.load(answer)
        else:
            document = json.loads(Path(source).read_text(encoding="utf-8"))
        checkpoints += checkpoints_in(document)
    return checkpoints


async def _verify(settings: Settings, sources: Sequence[str] = ()) -> int:
    started = time.perf_counter()
    report = await verify_log(settings, _checkpoints(sources))
    took = time.perf_counter() - started
    if report.ok:
        print(f"ok: {report.events_checked} events checked in {took:.2f}s")
        if report.anchored_at is not None:
            print(
                f"(events 1-{report.anchored_at} are in cold storage: checked from the next, "
                f"on the hash recorded for {report.anchored_at} when it was detached)"
            )
        return 0
    print(
        f"NOT OK: {report.problem}; first bad position {report.first_bad} "
        f"({report.events_checked} events verified before it, {took:.2f}s)"
    )
    return 1


async def _checkpoint(app: App) -> int:
    checkpoint = await app.checkpoints.take()
    if checkpoint is None:
        print("the log is empty: nothing to sign", file=sys.stderr)
        return 1
    print(json.dumps(checkpoint.as_json()))
    return 0


async def _reconcile(app: App) -> int:
    """Each dossier whose portal status differs from the log's: exit 1 when any does."""
    differences = await app.portal.reconcile()
    for difference in differences:
        shown = difference.portal if difference.portal is not None else "none"
        print(f"{difference.code}\texpected {difference.expected}\tportal {shown}")
    print(f"{len(differences)} dossier(s) differ", file=sys.stderr)
    return 1 if differences else 0


async def _reorganise(app: App, plan: ReorganisationPlan) -> int:
    """``motcua reorganise FILE``: the twin of ``POST /api/v1/reorganisations``, as the
    province's admin; a plan refused whole lists every change at fault."""
    actor = Actor(sub="motcua-cli", role=Role.ADMIN, unit=_root(app))
    try:
        recorded = await app.unit_registry.reorganise(Context(actor), plan)
    except InvalidPlan as refused:
        for problem in refused.problems:
            print(f"{problem.field}: {problem.message}", file=sys.stderr)
        return 1
    print(json.dumps(plain(recorded), ensure_ascii=False))
    return 0


def _root(app: App) -> str:
    return next(unit.code for unit in app.units if unit.parent is None)


def _serve(settings: Settings, workers: int = 1, projections: bool = True) -> int:
    """One process serving the API and running the projections (the default); or
    ``workers`` API processes sharing the port, each with its own group commit, and the
    projections in a child process of their own unless ``projections`` is False (then
    ``motcua projections run`` runs them elsewhere)."""
    import uvicorn

    if workers < 1:
        print("motcua: --workers must be 1 or more", file=sys.stderr)
        return 2
    if (workers > 1 or not projections) and not is_postgres(settings.database_url):
        print("motcua: --workers and --no-projections need PostgreSQL", file=sys.stderr)
        return 2

    async def prepare() -> list[dict[str, object]]:
        app = await bootstrap(settings)
        try:
            return await _seed_if_empty(app)
        finally:
            await app.close()

    seeded = asyncio.run(prepare())
    url = f"http://{settings.host}:{settings.port}"
    if seeded:
        print("Loaded the demo data; demo dossiers (code, lookup secret):")
        _print_receipts(seeded)
    print(f"Motcua serves {settings.database_url} at {url}  (API under {url}/api/v1)")
    print("A token: motcua token --role clerk --unit 02647 --sub clerk1", flush=True)
    configure_logging()
    served = {"host": settings.host, "port": settings.port, "log_config": None}
    if workers == 1:
        settings = settings.model_copy(update={"run_projections": projections})
        # the app logs one JSON line per request itself
        uvicorn.run(create_app(settings), access_log=False, **served)  # type: ignore[arg-type]
        return 0
    os.environ["MOTCUA_RUN_PROJECTIONS"] = "false"  # read by each spawned worker's Settings
    worker = None
    if projections:
        command = [sys.executable, "-m", "interfaces.cli", "projections", "run"]
        worker = subprocess.Popen(command)
    try:
        serve_api_processes(settings.host, settings.port, workers)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
    return 0


def _instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    return instant if instant.tzinfo else instant.replace(tzinfo=VIETNAM_TZ)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", help="run the HTTP server (migrates and seeds an empty store)"
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="API processes sharing the port (PostgreSQL); the projections then run in one "
        "process of their own",
    )
    serve.add_argument(
        "--no-projections",
        dest="projections",
        action="store_false",
        help="API only (PostgreSQL): `motcua projections run` keeps the read models and the "
        "relays going elsewhere",
    )
    commands.add_parser("migrate", help="create or upgrade the schema")
    seed = commands.add_parser("seed", help="load demo dossiers")
    seed.add_argument("--demo", action="store_true", required=True)
    token = commands.add_parser("token", help="print a signed JWT for a role at a unit")
    token.add_argument(
        "--role", required=True, choices=[r.value for r in Role if r != Role.CITIZEN]
    )
    token.add_argument("--unit", required=True)
    token.add_argument("--sub", required=True)
    token.add_argument("--ttl-hours", type=float, default=12.0)
    replay = commands.add_parser(
        "replay", help="a stream's history, or its state at an instant (dossier, permit, ...)"
    )
    replay.add_argument("id", type=UUID)
    replay.add_argument(
        "--as-of", type=_instant, default=None, help="ISO 8601; local time if naive"
    )
    projections = commands.add_parser("projections", help="the read models behind the queries")
    actions = projections.add_subparsers(dest="action", required=True)
    actions.add_parser("status", help="position, lag, state and last error of each")
    rebuild = actions.add_parser("rebuild", help="rebuild from the whole log, aside, then swap")
    rebuild.add_argument("name", nargs="?", help="one projection (default: all)")
    actions.add_parser(
        "run",
        help="keep every projection and relay (broker, webhooks, portal, notices, permit "
        "issuer) up to date until interrupted; several may run: one owns each at a time",
    )
    commands.add_parser(
        "checkpoint", help="sign the hash chain's head now and print the checkpoint (JSON)"
    )
    verify = commands.add_parser("verify", help="check that no stored event was altered or removed")
    verify.add_argument(
        "--checkpoint",
        action="append",
        default=[],
        metavar="FILE|URL",
        help="also check the log against signed checkpoints kept elsewhere (repeatable)",
    )
    log = commands.add_parser("log", help="the event log's monthly partitions (PostgreSQL)")
    log_actions = log.add_subparsers(dest="action", required=True)
    detach = log_actions.add_parser(
        "detach", help="detach the months before a month, once every projection passed them"
    )
    detach.add_argument("--before", required=True, metavar="YYYY-MM", help="a UTC month")
    portal = commands.add_parser("portal", help="the national portal sync (MOTCUA_PORTAL_URL)")
    portal_actions = portal.add_subparsers(dest="action", required=True)
    portal_actions.add_parser("reconcile", help="list dossiers whose portal status differs")
    reorganise = commands.add_parser(
        "reorganise", help="record a reorganisation plan (JSON, as POST /api/v1/reorganisations)"
    )
    reorganise.add_argument("file", type=Path)
    return parser


REFUSALS = (UnsafeDurability, BadMasterKey)
"""Settings the server will not start with: each is one line for the operator to act on."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args, Settings())
    except REFUSALS as refused:
        print(f"motcua: {refused}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "serve":
        return _serve(settings, args.workers, args.projections)
    if args.command == "migrate":
        asyncio.run(_migrate(settings))
        return 0
    if args.command == "seed":
        _print_receipts(asyncio.run(_with_app(settings, seed_demo)))
        return 0
    if args.command == "token":
        from interfaces.http.auth import issue_token

        print(
            issue_token(settings.jwt_secret, args.role, args.unit, args.sub, args.ttl_hours * 3600)
        )
        return 0
    if args.command == "replay":
        return asyncio.run(_with_app(settings, lambda app: _replay(app, args.id, args.as_of)))
    if args.command == "verify":
        return asyncio.run(_verify(settings, args.checkpoint))
    if args.command == "checkpoint":
        return asyncio.run(_with_app(settings, _checkpoint))
    if args.command == "projections":
        return _projections(settings, args.action, getattr(args, "name", None))
    if args.command == "log":
        return asyncio.run(_with_app(settings, lambda app: detach_log(app, args.before)))
    if args.command == "portal":
        return asyncio.run(_with_app(settings, _reconcile))
    if args.command == "reorganise":
        plan = plan_from_json(json.loads(args.file.read_text(encoding="utf-8")))
        return asyncio.run(_with_app(settings, lambda app: _reorganise(app, plan)))
    return 2


def _projections(settings: Settings, action: str, name: str | None) -> int:
    if action == "status":
        return asyncio.run(_with_app(settings, _projection_status))
    if action == "rebuild":
        return asyncio.run(_with_app(settings, lambda app: _rebuild(app, name)))
    return asyncio.run(_with_app(settings, _run_projections))


if __name__ == "__main__":
    sys.exit(main())
