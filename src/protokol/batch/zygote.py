"""The local pool's workers start warm: forked by a fork server that loaded protokol once.

    context = start_context()        # for pebble.ProcessPool(context=...)
    start_early()                    # optional: start the server now, so that its warm-up
                                     # overlaps the run's listing

multiprocessing's "forkserver" start method, preloaded with protokol.batch.preload
(libraries, dictionaries and grammars loaded, on a tiny protocol): every worker is a
fork of that warm server, so a worker's start costs a fork instead of ~0.3 s of CPU, for
each worker of a run, for the one that replaces a worker killed by a timeout or a crash,
and for every later run in the same process (the server lives as long as the process
that started it). The run's process itself still imports none of the heavy libraries.

Two things differ from multiprocessing's own forkserver, on purpose:

* the caller's ``__main__`` is never imported again in the workers (multiprocessing
  would run a script without a main guard a second time, or fail on code read from
  stdin): the launch leaves the main module out of what it sends;
* where this cannot work (no forkserver on the platform, a Python whose forkserver
  launch differs) the workers are forked by the run itself, as before, and warm up in
  their initializer (protokol.batch.worker.prepare).

What a worker inherits from the server is safe after fork: the server runs no thread,
no PDF engine and no LibreOffice; its environment is the one it started with, so the
pool hands each worker the run's os.environ (protokol.batch.worker.start_local_worker).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
from typing import Any

PRELOAD = ["protokol.batch.preload", "pebble.pool.process"]  # what a worker runs, loaded
METHOD = "forkserver"  # "fork": every worker forked by the run, and warming up itself
_SUPPORTED: tuple[tuple[int, int], ...] = ((3, 10), (3, 11), (3, 12), (3, 13))  # _Popen repeats their launch


def start_context() -> Any:
    """The workers' multiprocessing context (see the module docstring)."""
    methods = multiprocessing.get_all_start_methods()
    if METHOD == "forkserver" and "forkserver" in methods and sys.version_info[:2] in _SUPPORTED:
        return _context()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def forks_here() -> bool:
    """Whether the workers are forked by this process itself (no fork server): it must
    then not import in another thread while they start (a child would inherit a held
    import lock and wait on it forever)."""
    return bool(start_context().get_start_method() == "fork")


def start_early() -> None:
    """Start the fork server now (it warms up while the run lists its files); nothing
    where workers are not started by it."""
    if start_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _context() -> Any:
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = _Context()
        _CONTEXT.set_forkserver_preload(PRELOAD)
    return _CONTEXT


_CONTEXT: Any = None

try:  # multiprocessing's private parts, as its own forkserver launch uses them
    from multiprocessing import context as _mp_context
    from multiprocessing import forkserver as _forkserver
    from multiprocessing import popen_forkserver as _popen_forkserver
    from multiprocessing import spawn as _spawn
    from multiprocessing import util as _util
except ImportError:  # pragma: no cover - no forkserver here (Windows)
    _SUPPORTED = ()
else:
    _mp: Any = _mp_context
    _fs: Any = _forkserver
    _mp_util: Any = _util

    class _Popen(_popen_forkserver.Popen):  # type: ignore[misc]
        _fds: list[int]

        def _launch(self, process_obj: Any) -> None:  # popen_forkserver.Popen._launch, without __main__
            prep_data = _spawn.get_preparation_data(process_obj._name)
            prep_data.pop("init_main_from_name", None)
            prep_data.pop("init_main_from_path", None)
            buf = io.BytesIO()
            _mp.set_spawning_popen(self)
            try:
                _mp.reduction.dump(prep_data, buf)
                _mp.reduction.dump(process_obj, buf)
            finally:
                _mp.set_spawning_popen(None)
            self.sentinel, w = _fs.connect_to_new_process(self._fds)
            parent_w = os.dup(w)
            self.finalizer = _mp_util.Finalize(self, _mp_util.close_fds, (parent_w, self.sentinel))
            with open(w, "wb", closefd=True) as f:
                f.write(buf.getbuffer())
            self.pid = _fs.read_signed(self.sentinel)

    class _Process(_mp.ForkServerProcess):  # type: ignore[misc]
        @staticmethod
        def _Popen(process_obj: Any) -> Any:
            return _Popen(process_obj)

    class _Context(_mp.ForkServerContext):  # type: ignore[misc]
        Process = _Process
