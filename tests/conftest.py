"""Shared fixtures: costly objects once per session (style.md point 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = "protocol-2023-06-20-D05-78"


def sample_paths() -> list[Path]:
    return sorted(p for p in SAMPLES.glob(f"{SEED}*") if p.suffix in {".txt", ".docx", ".pdf"})


@pytest.fixture(scope="session")
def seed_results() -> dict[str, object]:
    """The seed protocol parsed from every shipped sample format, keyed by file name."""
    from protokol.pipeline import parse_path

    return {p.name: parse_path(p) for p in sample_paths()}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/*.json from the current output instead of comparing.")


# ---------------------------------------------------------------- system engines
#
# Tests that run a system engine for real carry @pytest.mark.engine(NAME). In CI (CI set,
# as .ci/run is run) they always run, and fail when the engine is missing: .ci/run installs
# every engine. On a developer's machine without an engine its tests are deselected (not
# skipped) and the run says so in one line, naming the package, so the quick start's test
# command passes on a fresh machine.

ENGINES = {
    "soffice": "libreoffice-writer-nogui libreoffice-calc-nogui",
    "tesseract": "tesseract-ocr tesseract-ocr-rus tesseract-ocr-osd",
    "chromium": "chromium",
    "khal": "khal",
}


def engine_present(name: str) -> bool:
    import shutil
    import subprocess

    exe = shutil.which(name)
    if exe is None:
        return False
    if name == "tesseract":
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
        return "rus" in (langs.stdout + langs.stderr).split()
    return True


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "engine(name): runs the system engine NAME "
                                       f"({', '.join(ENGINES)}); see tests/conftest.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    import os

    if os.environ.get("CI"):
        return
    missing = {name for name in ENGINES if not engine_present(name)}
    if not missing:
        return
    keep, drop = [], []
    for item in items:
        needs = {m.args[0] for m in item.iter_markers("engine")}
        (drop if needs & missing else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
        packages = " ".join(ENGINES[name] for name in sorted(missing))
        config.stash[_NOT_RUN] = (f"{len(drop)} tests need {', '.join(sorted(missing))} and were not run here "
                                  f"(apt-get install {packages}; CI installs them and runs every test)")


_NOT_RUN = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    note = config.stash.get(_NOT_RUN, None)
    if note:
        terminalreporter.write_line(note, yellow=True)
