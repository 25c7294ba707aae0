"""Sphinx configuration of the lomaturity documentation site.

Build it from the repository root (README.md, "Documentation"; pip >= 25.1)::

    python -m pip install -e . --group docs
    sphinx-build -W --keep-going -b html docs docs/_build/html

The narrative pages are the Markdown files of this folder (MyST); the API reference
(``api/``) is generated from the docstrings of the public namespaces.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

from sphinx.ext.napoleon import Config as NapoleonConfig
from sphinx.ext.napoleon.docstring import GoogleDocstring

import lomaturity

project = "lomaturity"
author = "lomaturity developers"
copyright = "lomaturity developers"
release = lomaturity.__version__
version = release

extensions = [
    "myst_nb",  # MyST Markdown (it loads myst_parser) and the example notebook
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.viewcode",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
# The notebook is stored without outputs; the build executes it so that the page shows
# its charts (tests/project/test_notebook.py executes it too, failing on any error).
nb_execution_mode = "auto"
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# --- MyST: the pages are plain Markdown that also reads well on a code host ---------------
myst_enable_extensions = ["deflist", "colon_fence"]  # no dollarmath: no page writes $math$
myst_heading_anchors = 4  # [text](page.md#a-heading) links, as GitHub makes them

# --- API reference ------------------------------------------------------------------------
autosummary_ignore_module_all = False  # the namespaces' __all__ is the public surface
autodoc_default_options = {"members": True}
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autodoc_class_signature = "separated"
# Google-style docstrings ("Args:", "Attributes:", ...) through napoleon, applied by
# ``google_docstrings`` below rather than by the extension: a property's or constant's
# docstring here reads "What it is: more", which the extension would take for "type: text".
NAPOLEON = NapoleonConfig(
    napoleon_numpy_docstring=False,
    napoleon_use_ivar=True,  # "Attributes:" as a field list, not duplicate attribute entries
    napoleon_use_rtype=False,
    # "Returns:" as written: its first line is prose here ("A PanelResult: counts, ..."),
    # not the "type: text" napoleon would split it into.
    napoleon_custom_sections=["Returns"],
    napoleon_attr_annotations=False,  # annotation text (np.bool_) would be read as reST
)

# Not nitpicky in CI: without intersphinx (CI reaches no documentation hosts) every
# annotation naming numpy, pandas or the standard library is an unresolved reference, and so
# is every private type or constant a docstring names; `sphinx-build -n` lists them.
# Links between the pages and to public objects are checked all the same: a missing page or
# heading is a warning, and so an error.
nitpicky = False

# --- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"lomaturity {release}"
html_static_path: list[str] = []


# --- the API pages, generated from the public namespaces' __all__ ---------------------------
# One page per public namespace. A class or function is described once, on the page of the
# namespace its ``__module__`` names (``_public.publish`` sets it); other namespaces that
# re-export it link there. Constants and type aliases are described on every page that lists them,
# with the docstring written under their definition in the private module.

NAMESPACES = {
    "lomaturity": "Entry points, the main models and results, the exceptions.",
    "lomaturity.rubric": "The rubric model: scales, dimensions, indicators, stages, sources.",
    "lomaturity.responses": "Survey responses and simulated organizations.",
    "lomaturity.results": "Result records: scores, evidence, comparisons, benchmarks.",
    "lomaturity.recommendations": "Recommendations as data, targets, plans and roadmaps.",
    "lomaturity.norms": "Norm tables.",
    "lomaturity.exceptions": "Every error, with LomaturityError as the base class.",
    "lomaturity.plot": "Charts of results (matplotlib, the optional extra plot).",
}
API_DIR = Path(__file__).parent / "api" / "generated"
# Members a record class inherits from these are not repeated on every record.
INHERITED_STOP = "Mapping, Exception, BaseException, object"


def _attribute_docs() -> dict[str, list[str]]:
    """Name -> docstring lines of module-level names documented in the package's source
    (a string literal under the assignment), from every module of the package."""
    from sphinx.errors import PycodeError
    from sphinx.pycode import ModuleAnalyzer

    docs: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(lomaturity.__path__, "lomaturity."):
        if info.name.endswith("__main__"):  # importing it would run the command line
            continue
        try:
            found = ModuleAnalyzer.for_module(info.name).find_attr_docs()
        except PycodeError:  # a module without source: nothing to read
            continue
        for (scope, name), lines in found.items():
            if scope == "":
                docs.setdefault(name, list(lines))
    return docs


def _kind(obj: Any) -> str:
    if isinstance(obj, type):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "function"
    return "data"


def _data_entry(name: str, obj: Any, docs: dict[str, list[str]]) -> str:
    value = repr(obj)
    value = value if len(value) <= 200 else value[:197] + "..."
    lines = [f".. py:data:: {name}", f"   :value: {value}", ""]
    lines += [f"   {line}".rstrip() for line in docs.get(name, [])]
    return "\n".join(lines) + "\n"


def _page(namespace: str, docs: dict[str, list[str]]) -> str:
    module = importlib.import_module(namespace)
    title = f"``{namespace}``"
    out = [title, "=" * len(title), "", f".. automodule:: {namespace}", "   :no-members:", ""]
    own: dict[str, list[str]] = {"function": [], "class": [], "exception": [], "data": []}
    elsewhere: list[tuple[str, str, str]] = []  # (directive, name, home)
    for name in sorted(module.__all__, key=str.lower):
        obj = getattr(module, name)
        kind = _kind(obj)
        home = obj.__module__ if kind != "data" else namespace
        if home == namespace:
            own[kind].append(name)
        else:
            elsewhere.append(({"function": "function"}.get(kind, kind), name, home))
    out += ["Summary", "-------", "", ".. autosummary::", "   :nosignatures:", ""]
    out += [f"   {n}" for kind in ("function", "class", "exception") for n in own[kind]]
    out.append("")
    sections = (("function", "Functions"), ("class", "Classes"), ("exception", "Exceptions"))
    for kind, heading in sections:
        if own[kind]:
            out += [heading, "-" * len(heading), ""]
        for name in own[kind]:
            if kind == "function":
                out += [f".. autofunction:: {namespace}.{name}", ""]
            else:
                out += [f".. autoclass:: {namespace}.{name}", "   :members:"]
                out += [f"   :inherited-members: {INHERITED_STOP}"]
                out += ["   :show-inheritance:", ""] if kind == "exception" else [""]
    if own["data"]:
        out += ["Constants and types", "-------------------", ""]
        for name in own["data"]:
            out.append(_data_entry(name, getattr(module, name), docs))
    if elsewhere:
        out += ["Also importable from here", "-------------------------", ""]
        for directive, name, home in elsewhere:
            role = {"function": "func", "exception": "exc"}.get(directive, directive)
            out.append(f"- :py:{role}:`{name} <{home}.{name}>` (described in ``{home}``)")
        out.append("")
    return "\n".join(out) + "\n"


def write_api_pages(app: Any) -> None:
    """Write ``api/generated/<namespace>.rst``, rewriting a page only when it changed."""
    docs = _attribute_docs()
    API_DIR.mkdir(parents=True, exist_ok=True)
    for namespace in NAMESPACES:
        text = _page(namespace, docs)
        path = API_DIR / f"{namespace}.rst"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


# Fields hold one name each: "Attributes: value, low, high: ..." names three.
SEVERAL_NAMES = re.compile(r"^(:ivar |:param )([\w]+(?:, [\w]+)+):")


def google_docstrings(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Google-style sections to reST fields, except in the docstrings of properties,
    attributes and constants, whose first line is prose."""
    if what in {"property", "attribute", "data"}:
        return
    converted = GoogleDocstring(lines, NAPOLEON, app, what, name, obj, options).lines()
    lines[:] = [SEVERAL_NAMES.sub(_one_field, line) for line in converted]


def _one_field(match: re.Match[str]) -> str:
    # A zero-width space keeps "value,low,high" one field name (fields split on whitespace).
    return match.group(1) + match.group(2).replace(", ", ",\u200b") + ":"


def _type_aliases() -> dict[str, str]:
    """Alias name -> its public path, so that signatures show ``IntervalMethod``, linked,
    rather than the ``Literal[...]`` it stands for."""
    aliases: dict[str, str] = {}
    for namespace in NAMESPACES:
        module = importlib.import_module(namespace)
        for name in module.__all__:
            obj = getattr(module, name)
            if _kind(obj) == "data" and type(obj).__module__ in {"typing", "types"}:
                aliases.setdefault(name, f"{namespace}.{name}")
    return aliases


autodoc_type_aliases = _type_aliases()


def resolve_short_names(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """A docstring's ``:class:`Report``` (or a private path such as
    ``lomaturity.exceptions.ScoringError``) links to the one public object of that name."""
    if node.get("refdomain") != "py":
        return None
    name = node["reftarget"].lstrip("~.").rsplit(".", 1)[-1]
    if node["reftarget"].lstrip("~.") != name and not node["reftarget"].startswith("lomaturity"):
        return None  # numpy.ndarray and the like: not ours
    python = env.get_domain("py")
    found = [
        full
        for full, entry in python.objects.items()
        if full.rsplit(".", 1)[-1] == name and not entry.aliased
    ]
    if len(found) != 1:
        return None
    return python.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], found[0], node, contnode
    )


def public_bases(app: Any, name: str, obj: Any, options: Any, bases: list[Any]) -> None:
    """Show a private base class (``_ProblemsError``) as its nearest public ancestor."""
    bases[:] = [next(c for c in base.__mro__ if not c.__name__.startswith("_")) for base in bases]


def setup(app: Any) -> None:
    app.connect("builder-inited", write_api_pages)
    app.connect("autodoc-process-docstring", google_docstrings)
    app.connect("missing-reference", resolve_short_names)
    app.connect("autodoc-process-bases", public_bases)
