"""Imported by the local pool's fork server (protokol.batch.zygote): libraries,
dictionaries and grammars are loaded there once, and every worker forked from it starts
warm. Nothing else runs there: no thread, no PDF engine, no LibreOffice. What is loaded
is then moved out of the garbage collector's sight (gc.freeze), so that a worker's
collections do not touch, and copy, the pages it shares with the server."""

import gc
import os

import protokol.batch.chunks  # noqa: F401 - a worker's side file
from protokol.batch.worker import die_with_parent, preload

# The server dies with the run that started it (PR_SET_PDEATHSIG), and its workers with
# it in turn. Without this a killed run would leave both behind: each worker keeps the
# run's end of the server's "alive" pipe (multiprocessing hands it to every child), so the
# server never sees the run go, and a worker stuck in a file never sees its parent go.
# (The server is started by the run's own thread: zygote.start_early, LocalPool._start.)
die_with_parent(os.getppid())
preload()
gc.freeze()
