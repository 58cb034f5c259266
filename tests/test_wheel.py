"""``pip install .`` (not editable) into a new venv, then use it from elsewhere.

Slow (it builds a wheel and installs it with its dependencies), but part of
``make test``: it is the proof that the protocol data ships inside the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_finds_its_protocol_from_any_directory(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("pestcli-*.whl"))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True, timeout=900)

    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PESTCLI_PROTOCOL")}

    check = subprocess.run([str(bindir / "pestcli"), "protocol"], cwd=elsewhere, env=clean_env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert "Het protocol is in orde." in check.stdout

    probe = subprocess.run(
        [str(python), "-c",
         "import pestcli, pestcli.protocol as p\n"
         "proto = p.load_protocol()\n"
         "print(pestcli.__file__)\nprint(proto.source_dir)\nprint(len(proto.guides))"],
        cwd=elsewhere, env=clean_env, capture_output=True, text=True, timeout=120, check=True,
    )
    module_file, source_dir, guides = probe.stdout.split("\n")[:3]
    assert str(env_dir) in module_file, "the installed copy must be used, not the checkout"
    assert source_dir.startswith(str(env_dir))
    assert int(guides) == 7
