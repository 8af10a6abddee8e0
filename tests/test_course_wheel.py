"""The static site's course wheel carries every file the widgets read at run time.

A content file (widgets/content/*.toml) or a front-end script left out of the wheel works on the
Voila server and breaks only in the browser kernel, so this is checked without building the site.
"""

from __future__ import annotations

import zipfile

from static_site.build import ROOT, course_wheel


def test_the_wheel_has_every_file_of_the_widgets_package(tmp_path):
    wheel = course_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
    wanted = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "widgets").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert wanted - names == set()
    assert any(name.startswith("widgets/content/") for name in wanted)
