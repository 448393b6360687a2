"""The built wheel carries grammars/ and works from a clean virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("protokol-*.whl"))


def test_wheel_ships_grammars_and_typing_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "protokol/grammars/structure/markers.yaml" in names
    assert any(n.startswith("protokol/grammars/lexicon/") and n.endswith(".yaml") for n in names)
    assert any(n.startswith("protokol/grammars/deadlines/") and n.endswith(".yaml") for n in names)
    assert "protokol/py.typed" in names
    assert "protokol/output/schema.json" in names
    assert "protokol/__main__.py" in names
    modules = {str(path.relative_to(ROOT / "src")) for path in (ROOT / "src" / "protokol").rglob("*.py")}
    assert modules <= names, sorted(modules - names)  # every subpackage is declared in pyproject


def test_wheel_installs_and_parses_a_sample_in_a_clean_venv(wheel, tmp_path):
    # A venv that sees nothing of this interpreter's packages: pip installs the wheel with the
    # dependencies it declares, and only those, so a missing declaration fails here.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, cwd=tmp_path)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    sample = SAMPLES / f"{SEED}.docx"
    run = subprocess.run([env_dir / "bin" / "protokol", "parse", str(sample), "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    where = subprocess.run([python, "-c", "import protokol; print(protokol.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert where.startswith(str(site))
    result = json.loads(run.stdout)
    assert result["protocol"]["number"] == "Д05-78/05пр"
    assert len([d for s in result["sections"] for d in s["directives"] if d["kind"] == "task"]) == 29
