"""Batch conversion of a whole archive (see protokol.batch.run for the design).

walk (listing), detect (what a file is, by content), names (output names), files
(guarded reading, atomic writes, disk), manifest (journal and combined files), config
(BatchConfig, Progress, Summary), guard (folders, lock, signals), worker (the work on
one file: process_file), pool (the local executor, pebble), run (skip plan -> executor
-> the stream of results -> manifest and combined files).
"""

from __future__ import annotations

from protokol.batch.config import BatchConfig, BatchError, BatchInterrupted, Progress, Summary, default_jobs, settings_key
from protokol.batch.manifest import (
    DIRECTIVES_CSV, DIRECTIVES_JSONL, MANIFEST, MANIFEST_FIELDS, load_manifest, manifest_line, write_combined,
    write_manifest,
)
from protokol.batch.run import run
from protokol.batch.walk import list_inputs

__all__ = ["DIRECTIVES_CSV", "DIRECTIVES_JSONL", "MANIFEST", "MANIFEST_FIELDS", "BatchConfig", "BatchError",
           "BatchInterrupted", "Progress", "Summary", "default_jobs", "list_inputs", "load_manifest",
           "manifest_line", "run", "settings_key", "write_combined", "write_manifest"]
