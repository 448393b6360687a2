"""A real distributed.LocalCluster: two worker processes (each under a nanny, one thread),
started with the batch test hooks in their environment (a file named crash-me kills its
worker with SIGKILL, one named hang-me hangs)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest

HOOKS = {"PROTOKOL_TEST_CRASH": "crash-me", "PROTOKOL_TEST_HANG": "hang-me"}


@pytest.fixture(scope="package")
def cluster() -> Iterator[tuple[str, Any]]:
    import distributed

    saved = {name: os.environ.get(name) for name in HOOKS}
    os.environ.update(HOOKS)
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                      silence_logs=logging.CRITICAL) as local, \
                distributed.Client(local, set_as_default=False) as client:
            yield local.scheduler_address, client
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture()
def scheduler(cluster: tuple[str, Any]) -> str:
    """The scheduler's address, once both workers are up (a test may have killed one)."""
    address, client = cluster
    client.wait_for_workers(2, timeout=120)
    return address
