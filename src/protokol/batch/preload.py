"""Imported by the local pool's fork server (protokol.batch.zygote): libraries,
dictionaries and grammars are loaded there once, and every worker forked from it starts
warm. Nothing else runs there: no thread, no PDF engine, no LibreOffice. What is loaded
is then moved out of the garbage collector's sight (gc.freeze), so that a worker's
collections do not touch, and copy, the pages it shares with the server."""

import gc

import protokol.batch.chunks  # noqa: F401 - a worker's side file
from protokol.batch.worker import preload

preload()
gc.freeze()
