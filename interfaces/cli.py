"""The ``motcua`` command: serve, migrate, seed, token, replay."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from application.errors import NotFound
from domain.calendar import VIETNAM_TZ
from domain.shared import Actor, Role
from infrastructure.logging import configure_logging
from infrastructure.settings import Settings
from infrastructure.stores import migrate_store
from interfaces.bootstrap import App, bootstrap
from interfaces.seed import seed_demo

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
    if await app.store.last_position() > 0:
        return []
    return await seed_demo(app)


def _print_receipts(receipts: Sequence[dict[str, object]]) -> None:
    for receipt in receipts:
        print(f"  {receipt['code']}  secret {receipt['lookup_secret']}  ({receipt['status']})")


async def _replay(app: App, dossier_id: UUID, as_of: datetime | None) -> int:
    actor = Actor(sub="motcua-cli", role=Role.AUDITOR, unit=_root(app))
    try:
        if as_of is None:
            result = await app.dossiers.history(actor, dossier_id)
        else:
            result = await app.dossiers.as_of(actor, dossier_id, as_of)
    except NotFound:
        print(f"no dossier {dossier_id}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _root(app: App) -> str:
    return next(unit.code for unit in app.units if unit.parent is None)


def _serve(settings: Settings) -> None:
    import uvicorn

    from interfaces.http.app import create_app

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
    print("A token: motcua token --role clerk --unit 02644 --sub clerk1", flush=True)
    configure_logging()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,  # the app logs one JSON line per request itself
    )


def _instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    return instant if instant.tzinfo else instant.replace(tzinfo=VIETNAM_TZ)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the HTTP server (migrates and seeds an empty store)")
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
    replay = commands.add_parser("replay", help="a dossier's history, or its state at an instant")
    replay.add_argument("id", type=UUID)
    replay.add_argument(
        "--as-of", type=_instant, default=None, help="ISO 8601; local time if naive"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    if args.command == "serve":
        _serve(settings)
        return 0
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
    return 2


if __name__ == "__main__":
    sys.exit(main())
