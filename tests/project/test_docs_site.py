"""The docs site's wiring (docs/conf.py; built by `.ci/run` with warnings as errors): every
page is in the site's table of contents, the API reference covers every public namespace,
the `docs` dependency group holds the tools, and CI and the README build it the same way."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
PACKAGE = REPO / "src" / "lomaturity"
BUILD = "sphinx-build -W --keep-going"


def toctree_entries(page: Path) -> set[str]:
    """The documents named in the ```{toctree} blocks of a MyST page, relative to docs/."""
    text = page.read_text(encoding="utf-8")
    entries: set[str] = set()
    for block in re.findall(r"^```\{toctree\}\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                entries.add(str((page.parent / line).relative_to(DOCS)).removesuffix(".md"))
    return entries


def test_every_page_is_in_the_table_of_contents() -> None:
    pages = {p.stem for p in [*DOCS.glob("*.md"), *DOCS.glob("*.ipynb")]} - {"index"}
    listed = toctree_entries(DOCS / "index.md")
    assert not pages - listed, f"docs/index.md's toctrees do not list {sorted(pages - listed)}"
    assert not listed - pages - {"api/index"}, "a toctree names a page that does not exist"


def test_the_api_reference_covers_every_public_namespace() -> None:
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    namespaces = set(re.findall(r'^    "(lomaturity[\w.]*)":', conf, re.M))
    modules = [p.stem for p in PACKAGE.glob("*.py")]
    packages = [d.name for d in PACKAGE.iterdir() if (d / "__init__.py").exists()]
    public = {
        f"lomaturity.{name}"
        for name in [*modules, *packages]
        if not name.startswith("_") and name != "cli"  # the command line has its own page
    }
    assert namespaces == {"lomaturity"} | public


def test_the_docs_group_holds_the_site_tools() -> None:
    with (REPO / "pyproject.toml").open("rb") as f:
        groups = tomllib.load(f)["dependency-groups"]
    assert {"sphinx", "myst-parser", "furo"} <= {Requirement(r).name for r in groups["docs"]}


def test_ci_builds_the_site_with_warnings_as_errors() -> None:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert any("pip install" in line and "--group docs" in line for line in lines)
    assert any(line.startswith(BUILD) and " docs " in line for line in lines)


def test_the_readme_says_how_to_build_the_site() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    documentation = text.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    assert "--group docs" in documentation
    assert BUILD in documentation
