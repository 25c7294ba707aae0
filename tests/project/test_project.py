"""Project wiring a newcomer relies on: the README commands and CI agree, the version is written
once, development tools stay out of the user-facing extras, the coverage gate and the
pre-commit hooks exist, and docs/architecture.md names every layer of the package."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

import lomaturity as lm

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "lomaturity"
DEV_TOOLS = {"mypy", "ruff", "pre-commit", "pre_commit"}


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def pyproject() -> dict[str, Any]:
    with (REPO / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def ci_script() -> str:
    return (REPO / ".ci" / "run").read_text(encoding="utf-8")


def names(requirements: list[str]) -> set[str]:
    return {Requirement(r).name.lower() for r in requirements}


def addopts() -> list[str]:
    opts = pyproject()["tool"]["pytest"]["ini_options"]["addopts"]
    return opts.split() if isinstance(opts, str) else list(opts)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert "lomaturity score --example" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    assert readme_commands()[1] in ci_script().splitlines()


def test_public_names_are_exported_and_typed() -> None:
    assert (Path(lm.__file__).parent / "py.typed").exists()
    for name in lm.__all__:
        assert hasattr(lm, name), name


def test_import_is_light() -> None:
    code = (
        "import sys, lomaturity; "
        "print(sorted({'scipy', 'pandas', 'matplotlib'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --- the version is written once --------------------------------------------------------------


def test_version_is_single_sourced_from_version_module() -> None:
    project = pyproject()
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    path = project["tool"]["hatch"]["version"]["path"]
    assert (REPO / path).resolve() == (PACKAGE / "_version.py").resolve()
    written = re.findall(
        r'^__version__ = "([^"]+)"$', (PACKAGE / "_version.py").read_text(encoding="utf-8"), re.M
    )
    assert written == [lm.__version__]
    Version(lm.__version__)  # a valid version, or InvalidVersion


def test_version_equals_the_installed_distribution() -> None:
    assert lm.__version__ == importlib.metadata.version("lomaturity")


# --- dependencies: what users get, what contributors add ---------------------------------------


def test_user_facing_extras_hold_no_development_tools() -> None:
    for extra, requirements in pyproject()["project"]["optional-dependencies"].items():
        found = {n for n in names(requirements) if n in DEV_TOOLS or n.startswith("types-")}
        assert not found, f"extra {extra!r} holds development tools {sorted(found)}"


def test_development_tools_are_in_the_dev_group() -> None:
    dev = names(pyproject()["dependency-groups"]["dev"])
    assert {"mypy", "ruff", "pre-commit", "types-pyyaml"} <= dev


def test_test_extra_has_the_plugins_addopts_needs() -> None:
    test = names(pyproject()["project"]["optional-dependencies"]["test"])
    opts = addopts()
    if "-n" in opts or any(o.startswith("--numprocesses") for o in opts):
        assert "pytest-xdist" in test
    if any(o.startswith("--cov") for o in opts):
        assert "pytest-cov" in test


def test_ci_installs_the_dev_group_and_checks_types_of_tests_too() -> None:
    lines = ci_script().splitlines()
    assert any("pip install" in line and "--group dev" in line for line in lines)
    assert "mypy src tests" in lines
    assert pyproject()["tool"]["mypy"]["files"] == ["src", "tests"]
    assert {"ruff check .", "ruff format --check ."} <= set(lines)


def test_ci_tests_the_lowest_admitted_core_dependencies() -> None:
    script = ci_script()
    pins = dict(re.findall(r"^([A-Za-z][\w.-]*)==([\w.]+)$", script, re.M))
    floors: dict[str, Version] = {}
    for line in pyproject()["project"]["dependencies"]:
        req = Requirement(line)
        lower = [s.version for s in req.specifier if s.operator == ">="]
        assert len(lower) == 1, f"{line}: give exactly one floor (>=)"
        floors[req.name.lower()] = Version(lower[0])
    assert {name.lower() for name in pins} == set(floors)
    for name, version in pins.items():
        assert Version(version) == floors[name.lower()], name
    assert re.search(r"pytest .*-n 2.*--no-cov", script)


def test_coverage_gate_is_branch_coverage_of_at_least_95() -> None:
    opts = addopts()
    assert "--cov=lomaturity" in opts
    assert "--cov-branch" in opts
    gates = [float(o.split("=", 1)[1]) for o in opts if o.startswith("--cov-fail-under=")]
    assert len(gates) == 1
    assert gates[0] >= 95


# --- pre-commit ----------------------------------------------------------------------------------


def test_pre_commit_runs_ruff_and_mypy_from_local_hooks() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy"} <= set(hooks)
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert all(hook["language"] == "system" for hook in hooks.values())
    assert hooks["ruff-check"]["entry"].split()[:2] == ["ruff", "check"]
    assert hooks["ruff-format"]["entry"].split()[:2] == ["ruff", "format"]
    assert hooks["mypy"]["entry"].split()[0] == "mypy"


def test_readme_tells_contributors_how_to_get_the_tools() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    development = text.split("## Development", 1)[1].split("\n## ", 1)[0]
    assert "--group dev" in development
    assert "pre-commit install" in development


# --- the architecture page matches the package ---------------------------------------------------


def test_architecture_page_names_every_subpackage_and_public_module() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert subpackages, "no subpackages found"
    missing = [name for name in subpackages if f"`{name}/`" not in page]
    public = sorted(
        p.stem for p in PACKAGE.glob("*.py") if not p.stem.startswith("_") and p.stem != "cli"
    )
    missing += [name for name in public if f"`lomaturity.{name}`" not in page]
    cli_part = page.split("| `cli/` |", 1)[1].split("\n", 1)[0]
    missing += [
        f"cli/{p.name}" for p in (PACKAGE / "cli").glob("*.py") if f"`{p.name}`" not in cli_part
    ]
    assert not missing, f"docs/architecture.md does not name {missing}"


def test_readme_links_the_architecture_page() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/architecture.md)" in text.split("## Documentation", 1)[1]


def test_tests_mirror_the_layers() -> None:
    """Every test module sits in a folder named after a layer (or crosscheck / project /
    browser: the HTML report in a real browser)."""
    layers = {p.name.lstrip("_") for p in (REPO / "src" / "lomaturity").iterdir() if p.is_dir()}
    allowed = layers | {"crosscheck", "project", "cli", "plot", "browser"}  # plot: lomaturity.plot
    folders = {p.parent.name for p in (REPO / "tests").rglob("test_*.py")}
    assert folders <= allowed, folders - allowed
    assert not list((REPO / "tests").glob("test_*.py")), "test modules belong in a layer folder"


def test_ci_installs_chromium_before_the_tests() -> None:
    lines = ci_script().splitlines()
    install = lines.index("bash scripts/install-chromium.sh")
    assert install < lines.index(readme_commands()[1])
    script = (REPO / "scripts" / "install-chromium.sh").read_text(encoding="utf-8")
    assert "command -v" in script  # idempotent: nothing to do when Chromium is there
