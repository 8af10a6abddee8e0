"""The serve command stops on a bad course.toml, naming the key, and starts nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.harness import ROOT, free_port


def test_voila_refuses_to_start_with_a_bad_key(tmp_path: Path):
    shutil.copy(ROOT / "voila.py", tmp_path / "voila.py")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    text = (ROOT / "course.toml").read_text().replace('region = "US"', 'regoin = "US"')
    (tmp_path / "course.toml").write_text(text)
    voila = Path(sys.executable).parent / "voila"
    result = subprocess.run(
        [str(voila), f"--port={free_port()}", "--no-browser"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "unknown key 'regoin' in [help]" in result.stderr
    assert "The course was not started" in result.stderr
