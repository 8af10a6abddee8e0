"""environment.yml (conda/Binder) and requirements/constraints.txt (pip) pin the same versions."""

from __future__ import annotations

import re
import tomllib

from tests.harness import ROOT

CONSTRAINTS = ROOT / "requirements" / "constraints.txt"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = re.match(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-]+)==([^\s#]+)", line)
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def test_every_constraint_is_an_exact_pin():
    lines = [
        line.strip()
        for line in CONSTRAINTS.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[^\s=]+", line) for line in lines)


def test_environment_yml_agrees_with_constraints():
    environment = pins((ROOT / "environment.yml").read_text())
    constraints = pins(CONSTRAINTS.read_text())
    assert environment, "environment.yml pins nothing"
    mismatched = {
        name: (version, constraints.get(name))
        for name, version in environment.items()
        if constraints.get(name) != version
    }
    assert mismatched == {}


def test_every_direct_dependency_is_pinned_in_both():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    environment = pins((ROOT / "environment.yml").read_text())
    constraints = pins(CONSTRAINTS.read_text())
    for requirement in project["dependencies"]:
        name = normalise(re.split(r"[<>=!\[ ;]", requirement)[0])
        assert name in constraints, f"{name} is not pinned in constraints.txt"
        assert name in environment, f"{name} is not pinned in environment.yml"
    for requirement in project["optional-dependencies"]["test"]:
        name = normalise(re.split(r"[<>=!\[ ;]", requirement)[0])
        assert name in constraints, f"test tool {name} is not pinned in constraints.txt"


def test_python_version_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert "python=3.11" in (ROOT / "environment.yml").read_text()
