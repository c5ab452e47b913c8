"""Policy hot reload: the engine in force for one policy file, swapped without a pause.

Flow position: beside the **engine**, used by enforcement (middleware, verdict API)::

    policy file ──► PolicyReloader (poll mtime/size/hash, SIGHUP) ──► EngineSlot.reload
                                                                          │ parse, validate,
                                                                          │ build + load (thread)
    request ──► EngineSlot.lease() ──► the engine in force when it started ◄─ swap

An :class:`EngineSlot` holds the engine in force for one policy file and lends
it to each request (:meth:`EngineSlot.lease`). A request keeps the engine it
started with to its end, even when a reload swaps a new one in meanwhile; a
retired engine is closed (network clients of its evaluators) once its last
lease ends. A reload reads the file once, validates it, builds the new engine
and loads its evaluators (models, profiles) in a worker thread, off to the
side, and only then swaps — one assignment on the event loop, so no request
ever sees half a policy. A broken file (YAML, an invalid field, an evaluator
that cannot load) leaves the old engine in force; the problem is logged at
ERROR once per file content, with file, line and field, and kept in
:class:`PolicyStatus` for ``/metrics`` and ``/firewall/health``.

The event sink is shared: every engine a slot builds writes to the sink the
first one had. A change to ``events.overflow``, ``queue_size`` or retention
only takes effect at the next start (a warning says so); ``events.excerpt``
applies at once, as it is read per event.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import re
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.enforce.asgi import Receive, Scope, Send
from firewall_proxy.engine import Engine
from firewall_proxy.events.model import EventSink
from firewall_proxy.policy.loader import load_policy_text
from firewall_proxy.policy.models import Policy

__all__ = ["EngineSlot", "PolicyReloader", "PolicyStatus"]

logger = logging.getLogger("firewall_proxy.reload")

#: Fields of ``events:`` that configure the shared sink, so a reload cannot change them.
_SINK_FIELDS = ("overflow", "queue_size", "retention_days", "retention_max_events")
_EVALUATORS_KEY = re.compile(r"^evaluators\s*:", re.MULTILINE)
_MAX_ERROR_CHARS = 2000
_SETTLE_SECONDS = 0.05


@dataclass(slots=True)
class PolicyStatus:
    """What is known about one slot's policy: read by ``/metrics`` and ``/firewall/health``.

    ``hash`` is the SHA-256 of the file bytes in force (hex, first 16 digits).
    ``last_error`` holds the file/line/field messages of the last failed reload
    (never request data: a policy file holds none), cleared by the next success.
    """

    file: str
    scope: str
    project: str
    name: str = ""
    hash: str = ""
    loaded_at: float = 0.0
    reloads_ok: int = 0
    reloads_error: int = 0
    last_reload_ok: bool = True
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "project": self.project,
            "file": self.file,
            "name": self.name,
            "hash": self.hash,
            "loaded_at": self.loaded_at,
            "last_reload_ok": self.last_reload_ok,
            "last_reload_error": self.last_error,
        }


class _Generation:
    """One engine and how many requests still use it."""

    __slots__ = ("active", "engine", "retired")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.active = 0
        self.retired = False


class _Lease:
    """``with slot.lease() as engine``: pins the engine in force for one request."""

    __slots__ = ("_generation", "_slot")

    def __init__(self, slot: EngineSlot) -> None:
        self._slot = slot
        self._generation = slot._current

    def __enter__(self) -> Engine:
        self._generation.active += 1
        return self._generation.engine

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        generation = self._generation
        generation.active -= 1
        if generation.retired and generation.active == 0:
            self._slot._close_later(generation.engine)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _parse(data: bytes, filename: str) -> tuple[Policy, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{filename}: policy file is not UTF-8 text") from exc
    return load_policy_text(text, filename), text


class EngineSlot:
    """The engine in force for one policy (file), lent to requests, swapped by reloads.

    Build with :meth:`from_file` to make it reloadable, or from a ready
    :class:`Engine` (fixed: :meth:`reload` then has no file and does nothing).
    Not thread-safe: lease and reload on the event loop that serves requests.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        path: str | Path | None = None,
        scope: str = "proxy",
        content: bytes | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.events: EventSink = engine.events
        self.project = engine.project
        self._current = _Generation(engine)
        self.status = PolicyStatus(
            file=str(self.path) if self.path is not None else "",
            scope=scope,
            project=engine.project,
            name=engine.policy.name,
            hash=_digest(content) if content is not None else "",
            loaded_at=time.time(),
        )
        self._failed_hash: str | None = None
        self._stat: tuple[int, int, int] | None = None
        self._lock = asyncio.Lock()  # one reload at a time (poll and SIGHUP may overlap)
        self._closing: set[asyncio.Task[None]] = set()

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        events: EventSink | None = None,
        project: str = "default",
        scope: str = "proxy",
    ) -> EngineSlot:
        """Read, validate and build the engine for ``path`` (evaluators load later)."""
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise PolicyError(f"{file}: cannot read policy file: {exc.strerror or exc}") from exc
        policy, _ = _parse(data, str(file))
        slot = cls(
            Engine(policy, events=events, project=project), path=file, scope=scope, content=data
        )
        slot._stat = _stat_key(file)
        return slot

    @property
    def engine(self) -> Engine:
        """The engine in force now (a request should hold a :meth:`lease` instead)."""
        return self._current.engine

    def lease(self) -> _Lease:
        """Pin the engine in force for the length of one request (a ``with`` block)."""
        return _Lease(self)

    # -- reloading -------------------------------------------------------------------

    async def poll(self) -> bool | None:
        """Reload if the file changed since the last look (mtime, size, inode, then hash).

        None when nothing changed, else whether the reload succeeded.
        """
        if self.path is None:
            return None
        key = await asyncio.to_thread(_stat_key, self.path)
        if key == self._stat:
            return None
        # An editor may still be writing: look again after a moment, and leave a file
        # that is still changing to the next poll.
        await asyncio.sleep(_SETTLE_SECONDS)
        if await asyncio.to_thread(_stat_key, self.path) != key:
            return None
        self._stat = key
        return await self.reload(force=False)

    async def reload(self, *, force: bool = True) -> bool | None:
        """Load the file again and swap the new engine in; on any problem keep the old one.

        ``force=False`` (the poller) skips content already in force or already
        reported broken; ``force=True`` (SIGHUP) always rebuilds, so it also picks
        up files the policy names (profiles, models) that did change.
        Returns None when skipped, True when swapped, False when refused.
        """
        if self.path is None:
            return None
        async with self._lock:
            return await self._reload(self.path, force)

    async def _reload(self, path: Path, force: bool) -> bool | None:
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as exc:
            return self._refuse(
                f"missing:{exc.errno}",
                f"{path}: cannot read policy file: {exc.strerror or exc}",
                force,
            )
        digest = _digest(data)
        if not force and digest == self.status.hash:
            self._back_in_force()
            return None
        if not force and digest == self._failed_hash:
            return None
        try:
            policy, text = await asyncio.to_thread(_parse, data, str(path))
        except Exception as exc:  # PolicyError: YAML, fields, options, each with file:line
            message = str(exc) if isinstance(exc, PolicyError) else f"{path}: {_summary(exc)}"
            return self._refuse(digest, message, force)
        where = f"{path}:{_evaluators_line(text)}: evaluators"
        try:
            # Resolving evaluators and cross-field checks happen here; loading models next.
            engine = await asyncio.to_thread(
                Engine, policy, events=self.events, project=self.project
            )
        except Exception as exc:
            return self._refuse(digest, f"{where}: {_summary(exc)}", force)
        try:
            await asyncio.to_thread(engine.warm)
        except Exception as exc:
            await _quiet_close(engine)
            return self._refuse(digest, f"{where}: failed to load: {_summary(exc)}", force)
        self._swap(engine, digest)
        return True

    def _back_in_force(self) -> None:
        """The file is back to the content in force (a broken edit was undone)."""
        self._failed_hash = None
        if not self.status.last_reload_ok:
            self.status.last_reload_ok = True
            self.status.last_error = None
            logger.info("policy file %s is back to the policy in force", self.path)

    def _refuse(self, digest: str, message: str, force: bool) -> bool | None:
        if not force and digest == self._failed_hash:
            return None  # already reported for this content
        self._failed_hash = digest
        # One line (log collectors split on newlines): "file: problem; file:line: field: ...".
        message = "; ".join(line.strip() for line in message.splitlines() if line.strip())
        status = self.status
        status.reloads_error += 1
        status.last_reload_ok = False
        status.last_error = message[:_MAX_ERROR_CHARS]
        logger.error(
            "policy reload failed; policy %r (%s) stays in force: %s",
            status.name,
            status.hash,
            message,
        )
        return False

    def _swap(self, engine: Engine, digest: str) -> None:
        old = self._current
        self._current = _Generation(engine)
        self._failed_hash = None
        status = self.status
        previous = status.hash
        status.name = engine.policy.name
        status.hash = digest
        status.loaded_at = time.time()
        status.reloads_ok += 1
        status.last_reload_ok = True
        status.last_error = None
        logger.info(
            "policy reloaded from %s: %r %s -> %s", self.path, status.name, previous, digest
        )
        changed = [
            f
            for f in _SINK_FIELDS
            if getattr(old.engine.policy.events, f) != getattr(engine.policy.events, f)
        ]
        if changed:
            logger.warning(
                "policy reload: events.%s changed; the event writer keeps its settings until "
                "the next start",
                ", events.".join(changed),
            )
        old.retired = True
        if old.active == 0:
            self._close_later(old.engine)

    def _close_later(self, engine: Engine) -> None:
        task = asyncio.ensure_future(_quiet_close(engine))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        """Close the engine in force and wait for retired ones being closed."""
        await _quiet_close(self._current.engine)
        if self._closing:
            await asyncio.gather(*self._closing)


def _stat_key(path: Path) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1, -1)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


async def _quiet_close(engine: Engine) -> None:
    try:
        await engine.aclose()
    except Exception as exc:  # a failing close must not take the reload (or shutdown) down
        logger.warning("closing a retired policy engine failed: %s", type(exc).__name__)


def _summary(exc: Exception) -> str:
    if isinstance(exc, PolicyError):
        return str(exc)
    text = str(exc)
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"


def _evaluators_line(text: str) -> int:
    match = _EVALUATORS_KEY.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


class PolicyReloader:
    """Watches the files of ``slots`` and reloads on change, and on SIGHUP if asked.

    ``interval`` seconds between looks at each file (0: no polling). With
    ``sighup=True`` the process's SIGHUP reloads every slot at once — only
    possible on the main thread's event loop (a server run in a thread, as in
    tests, polls only). Runs as a lifespan-only ASGI app, or call
    :meth:`start` / :meth:`stop`.
    """

    def __init__(
        self, slots: Sequence[EngineSlot], *, interval: float = 1.0, sighup: bool = False
    ) -> None:
        if interval < 0:
            raise ValueError("the reload interval is a number of seconds >= 0")
        self.slots = list(dict.fromkeys(slots))  # one slot may serve several projects
        self.interval = interval
        self.sighup = sighup
        self._task: asyncio.Task[None] | None = None
        self._signal_loop: asyncio.AbstractEventLoop | None = None
        self._pending: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        if self.interval > 0 and self._task is None:
            self._task = asyncio.create_task(self._watch(), name="firewall-proxy-policy-watch")
        if self.sighup and self._signal_loop is None and hasattr(signal, "SIGHUP"):
            loop = asyncio.get_running_loop()
            try:
                loop.add_signal_handler(signal.SIGHUP, self._on_sighup)
            except (RuntimeError, ValueError, NotImplementedError):
                logger.info("SIGHUP reload unavailable here (not the main thread); polling only")
            else:
                self._signal_loop = loop

    async def stop(self) -> None:
        if self._signal_loop is not None:
            self._signal_loop.remove_signal_handler(signal.SIGHUP)
            self._signal_loop = None
        task, self._task = self._task, None
        for t in [*self._pending, *([task] if task is not None else [])]:
            t.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await t

    async def reload_all(self, *, force: bool = True) -> list[bool | None]:
        """Reload every slot now (what SIGHUP does); one result per slot."""
        return [await slot.reload(force=force) for slot in self.slots]

    def _on_sighup(self) -> None:
        logger.info("SIGHUP: reloading %d policy file(s)", len(self.slots))
        task = asyncio.ensure_future(self._reload_quietly())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _reload_quietly(self) -> None:
        try:
            await self.reload_all(force=True)
        except Exception:  # reload() refuses bad files itself; this is a bug, not a file
            logger.exception("policy reload crashed")

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            for slot in self.slots:
                try:
                    await slot.poll()
                except Exception:  # the watcher outlives any one failure
                    logger.exception("policy watch failed for %s", slot.path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Lifespan only: start watching at startup, stop at shutdown."""
        if scope["type"] != "lifespan":
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return
