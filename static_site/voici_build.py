"""Run `voici build` with the course data the course template needs (called by build.py).

The course template (assets/voila/templates/course) reads `resources.course` (title, lessons,
crisis lines), which voila.py passes through `VoilaConfiguration.resources`. Voici 0.10 renders each
page with its own exporter and does not pass those resources on, so this adds them, from the same
`load_config()` the served course uses, before handing over to Voici's command line.

    python static_site/voici_build.py ROOT [voici build arguments...]
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    root = Path(sys.argv[1])
    sys.path.append(str(root))  # after site-packages: root has a voila.py of its own
    from voici_core import exporter, tree_exporter
    from voici_core.app import main as voici_main

    from widgets.course_config import DEFAULT_CONFIG, load_config

    # BTC_COURSE_TOML's file (a relative name is found from the repository too), else the
    # repository's course.toml.
    config = load_config(DEFAULT_CONFIG, root / "notebooks")
    course = config.as_template_data()
    original = exporter.VoiciExporter._init_resources

    def _init_resources(self, resources):
        resources = original(self, resources)
        resources["course"] = course
        resources["language_code"] = config.language
        return resources

    exporter.VoiciExporter._init_resources = _init_resources
    tree_exporter.VoiciExporter = exporter.VoiciExporter
    sys.argv = ["voici", *sys.argv[2:]]
    voici_main()


if __name__ == "__main__":
    main()
