"""``coachloop up``: migrate, then Temporal dev server, worker and API as one process tree.

SIGINT or SIGTERM stops the API and the worker, then Temporal, each by its process
group, and kills whatever has not exited after ``stop_timeout_s``. The exit code is 0
only when every child then stopped cleanly (exit code 0 within the timeout); it is 1
when one did not, when a child dies on its own (the others are stopped), or when
startup fails.
"""

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

import httpx
from temporalio.client import WorkflowHandle

from server.config import Settings
from server.db import create_engine, create_sessionmaker, ensure_sqlite_folder
from server.migrate import upgrade
from server.ops.demo import served_settings, start_demo_load
from server.ops.processes import ChildProcess, port_free, stop_all, unclean_exits
from server.ops.temporal_dev import BinaryNotFound, dev_server_command, find_binary
from workflows.client import EMBEDDED_HOST, connect, temporal_address, temporal_reachable
from workflows.coaching.start import ensure_rules_sweep
from workflows.quality.start import ensure_auto_qa
from workflows.retention.start import ensure_retention_schedule

logger = logging.getLogger(__name__)

STOP_MARGIN_S = 10.0
"""Beyond the configured shutdown grace, how long a child may take to exit before it is killed."""
DEV_SERVER_ATTEMPTS = 3
"""Starts of the embedded dev server when it loses a race for one of its internal ports."""
BIND_RACE = b"address already in use"

START_TIMEOUT_S = 90.0
POLL_INTERVAL_S = 0.25


class StartupFailed(Exception):
    """Something ``up`` needs did not come up; the message says what, in zh-CN and en."""


def coachloop_command(subcommand: str) -> list[str]:
    """This interpreter running ``coachloop <subcommand>``."""
    return [sys.executable, "-m", "server.cli", subcommand]


def coachloop_script() -> str:
    """How to call ``coachloop`` from the current folder (``.venv/bin/coachloop`` after ``make up``)."""
    try:
        script = Path(find_binary("coachloop"))
    except BinaryNotFound:
        return "coachloop"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


class Supervisor:
    """Starts the children in order, watches them, and stops them all on a signal or a death."""

    def __init__(self, settings: Settings, out: TextIO = sys.stdout) -> None:
        self.settings = served_settings(settings)
        self.zone_is_the_demos = self.settings.timezone != settings.timezone
        self.out = out
        self.stop_requested = asyncio.Event()
        self.temporal: ChildProcess | None = None
        self.services: list[ChildProcess] = []
        self.demo_follower: asyncio.Task | None = None

    def say(self, message: str) -> None:
        print(message, file=self.out, flush=True)

    def child_environment(self) -> dict[str, str]:
        """This environment, with the time zone served made explicit so the API and the worker agree on it."""
        return {**os.environ, "COACHLOOP_TIMEZONE": self.settings.timezone}

    @property
    def stop_timeout_s(self) -> float:
        return self.settings.shutdown_grace_seconds + STOP_MARGIN_S

    async def run(self) -> int:
        """Run until a signal (exit 0 when every child then stops cleanly) or a death or failed startup (exit 1)."""
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, self.stop_requested.set)
        failure: str | None = None
        try:
            if await self.start():
                self.announce()
                failure = await self.watch()
        except (StartupFailed, BinaryNotFound) as error:
            failure = str(error)
        except Exception as error:  # noqa: BLE001  (reported, then every child is stopped)
            logger.exception("coachloop up failed")
            failure = f"{type(error).__name__}: {error}"
        finally:
            unclean = self.stop_children()
        if failure is not None:
            self.say(f"coachloop up: {failure}")
            return 1
        if unclean:
            self.say(
                f"coachloop up: not every process stopped cleanly: {', '.join(unclean)}. "
                f"/ 有进程未能正常停止：{'，'.join(unclean)}。"
            )
            return 1
        self.say("coachloop stopped. / coachloop 已停止。")
        return 0

    async def start(self) -> bool:
        """Migrate and start every child; False when a stop was requested meanwhile."""
        self.check_ports()
        self.settings.var_dir.mkdir(parents=True, exist_ok=True)
        ensure_sqlite_folder(self.settings.database_url)
        self.say("migrating the database … / 正在迁移数据库 …")
        await asyncio.to_thread(upgrade, self.settings.database_url)
        if self.stop_requested.is_set():
            return False
        if not await self.start_temporal():
            return False
        environment = self.child_environment()
        self.services = [
            ChildProcess("worker", coachloop_command("worker"), env=environment),
            ChildProcess("api", coachloop_command("api"), env=environment),
        ]
        for child in self.services:
            child.start()
        if not await self.wait_until(self.api_ready, "API"):
            return False
        await self.start_demo()
        await self.start_retention()
        return True

    def check_ports(self) -> None:
        wanted = [("API", self.settings.host, self.settings.port)]
        if not self.settings.temporal_address:
            wanted += [
                ("Temporal", EMBEDDED_HOST, self.settings.temporal_port),
                ("Temporal UI", EMBEDDED_HOST, self.settings.temporal_ui_port),
            ]
        for name, host, port in wanted:
            if not port_free(host, port):
                raise StartupFailed(
                    f"port {port} ({name}) is already in use — is another coachloop running? "
                    f"Choose other ports with COACHLOOP_PORT / COACHLOOP_TEMPORAL_PORT / COACHLOOP_TEMPORAL_UI_PORT. "
                    f"/ 端口 {port}（{name}）已被占用。"
                )

    @property
    def children(self) -> list[ChildProcess]:
        return [*self.services, *([self.temporal] if self.temporal else [])]

    def dead_child(self) -> str | None:
        """A message naming the first child that has exited, or None while all run."""
        for child in self.children:
            code = child.exit_code()
            if code is not None:
                where = f"; see {child.log_path}" if child.log_path else ""
                return (
                    f"{child.name} exited unexpectedly with code {code}{where}; stopping the others. "
                    f"/ {child.name} 意外退出（退出码 {code}），正在停止其余进程。"
                )
        return None

    async def pause(self) -> None:
        try:
            await asyncio.wait_for(self.stop_requested.wait(), POLL_INTERVAL_S)
        except TimeoutError:
            return

    async def start_temporal(self) -> bool:
        """Start the embedded dev server (unless a cluster is configured) and wait until it answers.

        The dev server binds a few internal ports it picks itself; when one was taken between its
        pick and its bind, it exits at once with "address already in use". That race is retried
        (new picks), up to DEV_SERVER_ATTEMPTS times; any other death stops ``up`` as before.
        """
        if self.settings.temporal_address:
            return await self.wait_until(self.temporal_ready, "Temporal")
        log_path = self.settings.var_dir / "temporal.log"
        for attempt in range(1, DEV_SERVER_ATTEMPTS + 1):
            written = log_path.stat().st_size if log_path.exists() else 0
            self.temporal = ChildProcess(
                "temporal", dev_server_command(self.settings, find_binary("temporal")), log_path=log_path
            )
            self.temporal.start()
            try:
                return await self.wait_until(self.temporal_ready, "Temporal")
            except StartupFailed:
                if attempt == DEV_SERVER_ATTEMPTS or self.temporal.exit_code() is None:
                    raise
                with open(log_path, "rb") as log:
                    log.seek(written)
                    if BIND_RACE not in log.read():
                        raise
                self.temporal.wait_stopped(self.stop_timeout_s)
                self.say("Temporal lost a port race while starting; starting it again … / Temporal 启动时端口被占用，正在重试 …")
        return False

    async def wait_until(self, ready: Callable[[], Awaitable[bool]], name: str) -> bool:
        """Poll ``ready`` until true; False on a stop request; StartupFailed on a death or timeout."""
        deadline = asyncio.get_running_loop().time() + START_TIMEOUT_S
        while not self.stop_requested.is_set():
            if (death := self.dead_child()) is not None:
                raise StartupFailed(death)
            if await ready():
                return True
            if asyncio.get_running_loop().time() > deadline:
                raise StartupFailed(f"{name} did not become ready within {START_TIMEOUT_S:.0f} s. / {name} 启动超时。")
            await self.pause()
        return False

    async def temporal_ready(self) -> bool:
        reachable, _error = await temporal_reachable(self.settings)
        return reachable

    async def api_ready(self) -> bool:
        try:
            async with httpx.AsyncClient(timeout=2.0) as client:
                response = await client.get(f"{self.api_url}/readyz")
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    @property
    def api_url(self) -> str:
        host = "127.0.0.1" if self.settings.host in ("0.0.0.0", "") else self.settings.host  # noqa: S104
        return f"http://{host}:{self.settings.port}"

    async def start_demo(self) -> None:
        engine = create_engine(self.settings)
        try:
            client = await connect(self.settings)
            handle = await start_demo_load(client, self.settings, create_sessionmaker(engine))
        finally:
            await engine.dispose()
        if handle is not None:
            self.say(
                f"loading the demo organisation (workflow {handle.id}); its numbers are demo data, "
                f"set COACHLOOP_DEMO=0 to start empty. / 正在加载演示组织（工作流 {handle.id}），数据均为演示数据。"
            )
            self.demo_follower = asyncio.create_task(self.follow_demo(handle))

    async def start_retention(self) -> None:
        """Make sure the long-running workflows run: daily retention, the coaching rules sweep and auto-QA (a second start joins)."""
        handle = await ensure_retention_schedule(await connect(self.settings), self.settings)
        self.say(f"daily retention: workflow {handle.id} (policies/retention.yaml) / 每日数据保留任务已启动")
        sweep = await ensure_rules_sweep(await connect(self.settings), self.settings.temporal_task_queue)
        self.say(f"coaching rules sweep: workflow {sweep.id} (policies/coaching-rules.yaml) / 辅导规则巡检已启动")
        auto_qa = await ensure_auto_qa(await connect(self.settings), self.settings)
        self.say(f"auto-QA: workflow {auto_qa.id} scores ended conversations (policies/qa-rules.yaml) / 自动质检已启动")

    async def follow_demo(self, handle: WorkflowHandle) -> None:
        try:
            result = await handle.result()
        except Exception as error:  # noqa: BLE001  (reported; the service keeps running)
            self.say(f"demo load failed: {error} / 演示数据加载失败")
            return
        self.say(
            f"demo organisation loaded: {result.accepted} events accepted, {result.duplicates} duplicates. "
            f"/ 演示组织已加载：接收 {result.accepted} 条事件。"
        )

    def announce(self) -> None:
        graphiql = " (GraphiQL)" if self.settings.is_development else ""
        lines = [
            "coachloop is up. / coachloop 已启动。",
            f"  GraphQL:     {self.api_url}/graphql{graphiql}",
            f"  readiness:   {self.api_url}/readyz",
            f"  Temporal:    {temporal_address(self.settings)} (namespace {self.settings.temporal_namespace})",
            f"  time zone:   {self.settings.timezone}{self.zone_origin()}",
        ]
        if self.demo_follower is not None and not self.demo_follower.done():
            lines.append(
                "  demo:        still loading; a line follows when it is loaded (/readyz: demo.loading) "
                "/ 演示数据加载中"
            )
        if self.temporal is not None:
            lines.append(f"  Temporal UI: http://{EMBEDDED_HOST}:{self.settings.temporal_ui_port}")
            lines.append(f"  Temporal log: {self.temporal.log_path}")
        if self.settings.is_development:
            lines.append(
                f"  token:       {coachloop_script()} token --role admin --subject you"
                "  → header Authorization: Bearer <token>"
            )
        lines.append("Press Ctrl-C to stop. / 按 Ctrl-C 停止。")
        self.say("\n".join(lines))

    def zone_origin(self) -> str:
        if self.zone_is_the_demos:
            return " (the demo organisation's; COACHLOOP_TIMEZONE changes it) / 演示组织所在时区"
        return ""

    async def watch(self) -> str | None:
        """Wait for a stop request (None) or a child's death (its message)."""
        while not self.stop_requested.is_set():
            if (death := self.dead_child()) is not None:
                return death
            await self.pause()
        return None

    def stop_children(self) -> list[str]:
        """API and worker first, then Temporal, so the worker can finish talking to it; returns who stopped uncleanly."""
        if self.demo_follower is not None:
            self.demo_follower.cancel()
        if any(child.process is not None for child in self.children):
            self.say("stopping … / 正在停止 …")
        killed = stop_all(self.services, self.stop_timeout_s)
        if self.temporal is not None:
            killed += stop_all([self.temporal], self.stop_timeout_s)
        return unclean_exits(self.children, killed)


def run_up(settings: Settings) -> int:
    """Entry point of ``coachloop up``; returns the exit code."""
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the readiness polls are not news
    return asyncio.run(Supervisor(settings).run())
