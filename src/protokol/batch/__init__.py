"""Batch conversion of a whole archive (see protokol.batch.run for the design).

walk (listing), names (output names), files (hashing, atomic writes, disk), manifest,
pool and worker (isolated processes), run (skip plan -> pool -> combined files).
"""

from __future__ import annotations

from protokol.batch.run import (
    CSV_COLUMNS,
    DIRECTIVES_CSV,
    DIRECTIVES_JSONL,
    MANIFEST,
    MANIFEST_FIELDS,
    BatchConfig,
    BatchError,
    BatchInterrupted,
    Progress,
    Summary,
    csv_row,
    default_jobs,
    list_inputs,
    load_manifest,
    manifest_line,
    run,
    settings_key,
    write_combined,
    write_manifest,
)

__all__ = ["CSV_COLUMNS", "DIRECTIVES_CSV", "DIRECTIVES_JSONL", "MANIFEST", "MANIFEST_FIELDS", "BatchConfig",
           "BatchError", "BatchInterrupted", "Progress", "Summary", "csv_row", "default_jobs", "list_inputs",
           "load_manifest", "manifest_line", "run", "settings_key", "write_combined", "write_manifest"]
