"""`protokol` (the console script) and `python -m protokol`: the command line,
protokol.cli, imported with the garbage collector paused. Importing click and the
commands' group allocates some 10^5 objects and frees none of them, so collection
passes over them are wasted; and when the command is done the process ends, so the
objects are frozen (gc.freeze) instead of walked by the interpreter's last
collection (about 4 % of a short run such as `protokol deadline TEXT`; Python never
promised to finalize objects still alive at exit). Importing protokol.cli from Python
(tests, other programs) leaves the collector alone."""

from __future__ import annotations

import gc
from typing import Any


def run() -> Any:
    collecting = gc.isenabled()
    gc.disable()
    try:
        from protokol.cli import main
    finally:
        if collecting:
            gc.enable()
    try:
        return main()
    finally:
        gc.freeze()  # the process ends with the command


if __name__ == "__main__":  # pragma: no cover
    run()
