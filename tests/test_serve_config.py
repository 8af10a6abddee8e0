"""The serve command stops on a bad course.toml, naming the key, and starts nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.harness import ROOT, free_port
from widgets.course_config import DEFAULT_CONFIG


def test_voila_refuses_to_start_with_a_bad_key(tmp_path: Path):
    shutil.copy(ROOT / "voila.py", tmp_path / "voila.py")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    # Whatever course.toml is in use (BTC_COURSE_TOML too), with its region key misspelt.
    text = re.sub(r"^region = ", "regoin = ", DEFAULT_CONFIG.read_text(), count=1, flags=re.M)
    (tmp_path / "course.toml").write_text(text)
    env = {k: v for k, v in os.environ.items() if k != "BTC_COURSE_TOML"}
    voila = Path(sys.executable).parent / "voila"
    result = subprocess.run(
        [str(voila), f"--port={free_port()}", "--no-browser"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode != 0
    assert "unknown key 'regoin' in [help]" in result.stderr, result.stderr[-2000:]
    assert "The course was not started" in result.stderr
