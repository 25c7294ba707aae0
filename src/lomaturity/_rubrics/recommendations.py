"""Reading and validating a rubric's optional ``recommendations`` section (format 1).

Every problem goes to the rubric loader's ``Collector`` (``_rubrics/fields.py``), with
its path, value and line, like the rest of the rubric: unknown ids (with "did you mean"),
impossible bounds, unknown or cyclic prerequisites, and prerequisites that aim higher than
the step that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from .._hints import listing
from .._model.conditions import (
    AGREEMENT_CONDITION_INDICES,
    CONDITION_KINDS,
    EFFORT_LEVELS,
    IMPACT_LEVELS,
    AllOf,
    AnyOf,
    Condition,
    DimensionBelow,
    DimensionsBelowCount,
    FactCondition,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Recommendation,
)
from .._model.facts import Fact
from .fields import MISSING, Collector, Spec, check_value, read_fields
from .yaml import Path, format_path

__all__ = ["parse_recommendations", "raw_ids"]

_RECOMMENDATION: Final[Spec] = {
    "id": ("id", True, None),
    "title": ("text", True, None),
    "stage": ("id", True, None),
    "action": ("text", True, None),
    "rationale": ("text", True, None),
    "source": ("text", False, None),
    "addresses": ("list", True, None),
    "impact": ("int", True, None),
    "effort": ("int", True, None),
    "when": ("mapping", True, None),
    "requires": ("list", False, []),
    "lead": ("bool", False, False),
}

_THRESHOLD: Final[Spec] = {"stage": ("id", False, None), "score": ("number", False, None)}
_KIND: Final[Spec] = {"kind": ("text", True, None)}
_CONDITIONS: Final[dict[str, Spec]] = {
    "dimension_below": {**_KIND, "dimension": ("id", True, None), **_THRESHOLD},
    "indicator_below": {**_KIND, "indicator": ("id", True, None), **_THRESHOLD},
    "overall_below": {**_KIND, **_THRESHOLD},
    "dimensions_below_count": {
        **_KIND,
        **_THRESHOLD,
        "count": ("int", True, None),
        "dimensions": ("list", False, None),
    },
    "perception_gap": {
        **_KIND,
        "dimension": ("id", False, None),
        "indicator": ("id", False, None),
        "roles": ("list", True, None),
        "min_gap": ("number", True, None),
    },
    "low_agreement": {
        **_KIND,
        "dimension": ("id", True, None),
        "threshold": ("number", False, 0.70),
        "index": ("id", False, None),
    },
    "fact": {
        **_KIND,
        "fact": ("id", True, None),
        "equals": ("any", False, None),
        "in": ("list", False, None),
        "at_least": ("number", False, None),
        "below": ("number", False, None),
        "if_unknown": ("bool", False, False),
    },
}
assert set(_CONDITIONS) == set(CONDITION_KINDS)
_COMBINATORS: Final = ("all", "any")


def raw_ids(raw: Any) -> list[str] | None:
    """Ids of the mappings in a raw rubric list, in order; ``None`` when ``raw`` is not a
    list (then references into it cannot be checked and are not reported)."""
    if not isinstance(raw, list):
        return None
    return [
        item["id"] for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


class _Context:
    """What references may point to. ``None`` lists are unknown (their section is broken)."""

    def __init__(
        self,
        c: Collector,
        dimensions: Sequence[str] | None,
        indicators: Sequence[str] | None,
        stages: Sequence[str] | None,
        lowers: Mapping[str, float],
        facts: tuple[Mapping[str, Fact], Sequence[str] | None] = ({}, []),
    ) -> None:
        self.c = c
        self.dimensions = dimensions
        self.indicators = indicators
        self.stages = stages
        self.facts, self.fact_ids = facts
        self.levels = {s: i for i, s in enumerate(stages or (), start=1)}
        self.lowers = lowers
        self.members = {id(ids): frozenset(ids) for ids in (dimensions, indicators, stages) if ids}
        """Each id list as a set, for membership checks in constant time."""

    def ref(self, path: Path, value: Any, known: Sequence[str] | None, what: str) -> bool:
        if known is None or value in self.members.get(id(known), known):
            return True
        self.c.add(
            path,
            f"does not name {what} of this rubric",
            value,
            hint=self.c.hint(value, known) or _known(known),
        )
        return False

    def stage(self, path: Path, value: Any, *, purpose: str) -> bool:
        if not self.ref(path, value, self.stages, "a stage"):
            return False
        if self.stages and value == self.stages[0]:
            self.c.add(path, f"is the lowest stage; {purpose}", value)
            return False
        return True


def _known(known: Sequence[str]) -> str | None:
    """The hint listing the names a reference may take, when there is no near miss."""
    return "known: " + listing(known) if known else None


def _fields(c: Collector, raw: Any, path: Path, spec: Spec) -> dict[str, Any] | None:
    """Like :func:`read_fields`; an optional field written as ``null`` counts as absent."""
    return read_fields(c, raw, path, spec)


def _valid(values: Mapping[str, Any]) -> bool:
    return "_invalid" not in values and all(v is not MISSING for v in values.values())


def parse_recommendations(
    c: Collector,
    raw: Any,
    *,
    dimensions: Sequence[str] | None,
    indicators: Sequence[str] | None,
    stages: Sequence[str] | None,
    lowers: Mapping[str, float] | None = None,
    facts: Mapping[str, Fact] | None = None,
    fact_ids: Sequence[str] | None = (),
) -> tuple[Recommendation, ...]:
    """Validate the ``recommendations`` list of a rubric mapping.

    Args:
        c: the rubric's problem collector.
        raw: the value of the top-level ``recommendations`` key (``None`` when absent or
            null, ``MISSING`` when it already failed its type check).
        dimensions, indicators, stages: the ids the rubric declares (stages lowest first),
            ``None`` when that section is broken.
        lowers: stage id -> lower bound, for messages.
        facts: the valid fact declarations, by id (conditions of kind ``fact`` are checked
            against them).
        fact_ids: every fact id the rubric declares, ``None`` when that section is broken.
    """
    if raw is None or raw is MISSING:
        return ()
    ctx = _Context(c, dimensions, indicators, stages, lowers or {}, (facts or {}, fact_ids))
    path: Path = ("recommendations",)
    items: list[tuple[Path, dict[str, Any]]] = []
    for i, element in enumerate(raw):
        values = _fields(c, element, (*path, i), _RECOMMENDATION)
        if values is not None:
            items.append(((*path, i), values))
    first_at = _first_occurrences(c, items)
    graph = _Graph(declared=raw_ids(raw) or [], first_at=first_at)
    built = [rec for item_path, v in items if (rec := _item(ctx, graph, item_path, v))]
    _check_prerequisite_stages(ctx, items, first_at, graph.stage_of)
    _check_cycles(c, graph.edges, first_at)
    return tuple(built)


class _Graph:
    """The recommendations' ids, stages and prerequisite links, gathered item by item."""

    def __init__(self, declared: Sequence[str], first_at: Mapping[str, Path]) -> None:
        self.declared = declared
        self.first_at = first_at
        self.stage_of: dict[str, str] = {}
        self.edges: dict[str, list[str]] = {}


def _first_occurrences(
    c: Collector, items: Sequence[tuple[Path, dict[str, Any]]]
) -> dict[str, Path]:
    """Where each id first appears; a later duplicate is reported and marked invalid."""
    first_at: dict[str, Path] = {}
    for item_path, v in items:
        rec_id = v["id"]
        if not isinstance(rec_id, str):
            continue
        if rec_id in first_at:
            c.add(
                (*item_path, "id"),
                f"duplicates the recommendation id at {format_path(first_at[rec_id])}",
                rec_id,
            )
            v["_invalid"] = True
        else:
            first_at[rec_id] = item_path
    return first_at


def _levels_ok(c: Collector, item_path: Path, v: Mapping[str, Any]) -> bool:
    ok = True
    for key, levels in (("impact", IMPACT_LEVELS), ("effort", EFFORT_LEVELS)):
        value = v[key]
        if value is not MISSING and value not in levels:
            c.add(
                (*item_path, key),
                f"is not within {levels[0]}..{levels[-1]}",
                value,
                hint="1 = low, 2 = medium, 3 = high",
            )
            ok = False
    return ok


def _addresses(ctx: _Context, item_path: Path, raw: Any) -> tuple[str, ...] | None:
    addresses = _id_list(ctx.c, raw, (*item_path, "addresses"), ctx, ctx.indicators, "an indicator")
    if addresses is not None and not addresses and raw is not MISSING:
        ctx.c.add(
            (*item_path, "addresses"),
            "is empty; name at least one indicator the step addresses",
            show_value=False,
        )
        return None
    return addresses


def _item(
    ctx: _Context, graph: _Graph, item_path: Path, v: dict[str, Any]
) -> Recommendation | None:
    """One recommendation, checked; its stage and prerequisites go into ``graph``."""
    ok = _valid(v)
    rec_id = v["id"] if isinstance(v["id"], str) else None
    if v["stage"] is not MISSING:
        purpose = "every organization is already there, so no step can help reach it"
        if not ctx.stage((*item_path, "stage"), v["stage"], purpose=purpose):
            ok = False
        elif rec_id is not None:
            graph.stage_of[rec_id] = v["stage"]
    ok &= _levels_ok(ctx.c, item_path, v)
    addresses = _addresses(ctx, item_path, v["addresses"])
    requires = _requires(ctx.c, v["requires"], (*item_path, "requires"), graph.declared)
    if requires is not None and rec_id is not None and graph.first_at.get(rec_id) == item_path:
        graph.edges[rec_id] = list(requires)
    condition = None
    if v["when"] is not MISSING:
        condition = _condition(ctx, v["when"], (*item_path, "when"))
    if not (ok and condition is not None and addresses and requires is not None):
        return None
    return Recommendation(
        id=v["id"],
        title=v["title"],
        action=v["action"],
        rationale=v["rationale"],
        addresses=addresses,
        stage=v["stage"],
        impact=v["impact"],
        effort=v["effort"],
        when=condition,
        requires=requires,
        source=v["source"],
        lead=v["lead"],
    )


def _unique_ids(
    c: Collector, raw: Any, path: Path, known: Callable[[Path, str], bool]
) -> tuple[str, ...] | None:
    """A list of unique ids, each accepted by ``known`` (which records its own problem);
    ``None`` after recording any problem."""
    if raw is MISSING:
        return None
    ok = True
    seen: dict[str, int] = {}
    for j, item in enumerate(raw):
        if not check_value(c, (*path, j), "id", item):
            ok = False
            continue
        if item in seen:
            c.add((*path, j), f"repeats the entry at {format_path((*path, seen[item]))}", item)
            ok = False
            continue
        seen[item] = j
        ok &= known((*path, j), item)
    return tuple(seen) if ok else None


def _id_list(
    c: Collector,
    raw: Any,
    path: Path,
    ctx: _Context,
    known: Sequence[str] | None,
    what: str,
) -> tuple[str, ...] | None:
    """A list of unique ids of known ``what`` items; ``None`` after recording any problem."""
    return _unique_ids(c, raw, path, lambda at, item: ctx.ref(at, item, known, what))


def _requires(
    c: Collector, raw: Any, path: Path, declared: Sequence[str]
) -> tuple[str, ...] | None:
    """Prerequisite ids, each naming a recommendation of the rubric. (A step requiring itself
    is a cycle; ``_check_cycles`` reports it.)"""

    members = frozenset(declared)

    def declared_here(at: Path, item: str) -> bool:
        if item in members:
            return True
        c.add(
            at,
            "does not name a recommendation of this rubric",
            item,
            hint=c.hint(item, declared) or _known(declared),
        )
        return False

    return _unique_ids(c, raw, path, declared_here)


def _check_prerequisite_stages(
    ctx: _Context,
    items: Sequence[tuple[Path, dict[str, Any]]],
    first_at: Mapping[str, Path],
    stage_of: Mapping[str, str],
) -> None:
    for item_path, v in items:
        rec_id = v["id"]
        if not isinstance(rec_id, str) or first_at.get(rec_id) != item_path:
            continue
        own = stage_of.get(rec_id)
        # A stage missing from ctx.levels: the stages list is broken (reported there).
        if own not in ctx.levels or not isinstance(v["requires"], list):
            continue
        for j, prerequisite in enumerate(v["requires"]):
            theirs = stage_of.get(prerequisite) if isinstance(prerequisite, str) else None
            if theirs not in ctx.levels or ctx.levels[theirs] <= ctx.levels[own]:
                continue
            ctx.c.add(
                (*item_path, "requires", j),
                f"targets stage {theirs!r} (level {ctx.levels[theirs]}), higher than this "
                f"step's stage {own!r} (level {ctx.levels[own]}); a prerequisite cannot aim "
                "higher than the step that needs it",
                prerequisite,
                hint="lower the prerequisite's stage, raise this step's, or drop the prerequisite",
            )


def _check_cycles(
    c: Collector, edges: Mapping[str, Sequence[str]], first_at: Mapping[str, Path]
) -> None:
    """Report one cycle per strongly connected component (Tarjan), e.g. ``a -> b -> a``."""
    order = [n for n in first_at if n in edges]
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        # Iterative Tarjan: a rubric may chain many prerequisites.
        work: list[tuple[str, int]] = [(node, 0)]
        while work:
            current, i = work.pop()
            if i == 0:
                index[current] = low[current] = len(index)
                stack.append(current)
                on_stack.add(current)
            successors = [s for s in edges.get(current, ()) if s in edges]
            if i < len(successors):
                work.append((current, i + 1))
                nxt = successors[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[current] = min(low[current], index[nxt])
                continue
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[current])

    for node in order:
        if node not in index:
            connect(node)
    rank = {n: i for i, n in enumerate(order)}
    for component in components:
        members = set(component)
        start = min(component, key=rank.__getitem__)
        if len(component) == 1 and start not in edges.get(start, ()):
            continue
        cycle = _cycle_through(start, edges, members)
        c.add(
            (*first_at[start], "requires"),
            "prerequisite cycle: " + " -> ".join(cycle),
            show_value=False,
            hint="a step cannot (even indirectly) require itself; remove one link",
        )


def _cycle_through(start: str, edges: Mapping[str, Sequence[str]], members: set[str]) -> list[str]:
    """A shortest cycle ``start -> ... -> start`` inside one strongly connected component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in edges.get(node, ()):
                if nxt not in members:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    return [start, start]  # pragma: no cover - a component always has a cycle


# --------------------------------------------------------------------------- conditions


def _combination(ctx: _Context, raw: dict[str, Any], path: Path) -> Condition | None:
    """An ``all: [...]`` / ``any: [...]`` combination of conditions."""
    c = ctx.c
    if all(key in raw for key in _COMBINATORS):
        c.add(
            path,
            "has both 'all' and 'any'; a combination has one of them",
            show_value=False,
            hint="nest one inside the other: all: [..., {any: [...]}]",
        )
        return None
    key = "all" if "all" in raw else "any"
    values = read_fields(c, raw, path, {key: ("list", True, None)})
    if values is None or values[key] is MISSING:
        return None
    if not values[key]:
        c.add((*path, key), "is empty; list at least one condition", show_value=False)
        return None
    children = [_condition(ctx, item, (*path, key, j)) for j, item in enumerate(values[key])]
    if any(child is None for child in children):
        return None
    parts = tuple(child for child in children if child is not None)
    return AllOf(parts) if key == "all" else AnyOf(parts)


def _kind(ctx: _Context, raw: dict[str, Any], path: Path) -> str | None:
    """The condition's ``kind`` when it names a known kind (else a problem and ``None``)."""
    kinds = ", ".join(CONDITION_KINDS)
    if "kind" not in raw:
        ctx.c.add(
            path,
            "missing required field 'kind'",
            show_value=False,
            hint=f"kinds: {kinds}; or combine conditions with all: [...] / any: [...]",
        )
        return None
    kind = raw["kind"]
    if not check_value(ctx.c, (*path, "kind"), "text", kind):
        return None
    if kind not in _CONDITIONS:
        ctx.c.add(
            (*path, "kind"),
            "is not a condition kind",
            kind,
            hint=ctx.c.hint(kind, _CONDITIONS) or f"kinds: {kinds}",
        )
        return None
    return str(kind)


def _agreement_threshold(ctx: _Context, path: Path, values: Mapping[str, Any]) -> bool:
    index = values["index"]
    ok = True
    if index not in (None, MISSING) and index not in AGREEMENT_CONDITION_INDICES:
        ctx.c.add(
            (*path, "index"),
            f"is not one of {listing(AGREEMENT_CONDITION_INDICES)}",
            index,
            hint="rwg_star_j (Lindell's r*wg(j), the default) or rwg_j (James's rwg(j))",
        )
        ok = False
    threshold = values["threshold"]
    if threshold is MISSING or 0 < threshold <= 1:
        return ok
    ctx.c.add(
        (*path, "threshold"),
        "is not within 0 < threshold <= 1",
        threshold,
        hint="rwg(j) runs from 0 (no agreement) to 1 (full agreement), r*wg(j) up to 1; "
        ".70 is usual",
    )
    return False


def _references(ctx: _Context, path: Path, values: dict[str, Any]) -> bool:
    """Whether the stage/score threshold and the dimension/indicator named are valid."""
    ok = True
    if "stage" in values:
        ok &= _threshold(ctx, path, values)
    for field, known, what in (
        ("dimension", ctx.dimensions, "a dimension"),
        ("indicator", ctx.indicators, "an indicator"),
    ):
        if field in values and values[field] not in (None, MISSING):
            ok &= ctx.ref((*path, field), values[field], known, what)
    return ok


def _condition(ctx: _Context, raw: Any, path: Path) -> Condition | None:
    if isinstance(raw, dict) and any(key in raw for key in _COMBINATORS):
        return _combination(ctx, raw, path)
    if not isinstance(raw, dict):
        check_value(ctx.c, path, "mapping", raw)
        return None
    kind = _kind(ctx, raw, path)
    if kind is None:
        return None
    values = _fields(ctx.c, raw, path, _CONDITIONS[kind])
    if values is None:
        return None
    ok = _valid(values) & _references(ctx, path, values)
    if kind == "dimensions_below_count":
        ok &= _count(ctx, path, values)
    elif kind == "perception_gap":
        ok &= _perception(ctx, path, values)
    elif kind == "low_agreement":
        ok &= _agreement_threshold(ctx, path, values)
    elif kind == "fact":
        ok &= _fact_test(ctx, path, values)
    return _build(kind, values) if ok else None


def _build(kind: str, v: Mapping[str, Any]) -> Condition:
    score = None if v.get("score") is None else float(v["score"])
    if kind == "dimension_below":
        return DimensionBelow(v["dimension"], v["stage"], score)
    if kind == "indicator_below":
        return IndicatorBelow(v["indicator"], v["stage"], score)
    if kind == "overall_below":
        return OverallBelow(v["stage"], score)
    if kind == "dimensions_below_count":
        return DimensionsBelowCount(v["count"], v["stage"], score, tuple(v["dimensions"] or ()))
    if kind == "perception_gap":
        return PerceptionGapAtLeast(
            tuple(v["roles"]), float(v["min_gap"]), v["dimension"], v["indicator"]
        )
    if kind == "fact":
        return FactCondition(
            v["fact"], v["equals"], v["in"], v["at_least"], v["below"], v["if_unknown"]
        )
    return LowAgreement(v["dimension"], float(v["threshold"]), v["index"])


def _threshold(ctx: _Context, path: Path, v: dict[str, Any]) -> bool:
    stage, score = v["stage"], v["score"]
    if stage is None and score is None:
        ctx.c.add(
            path,
            "missing 'stage' or 'score': the threshold the score must be below",
            show_value=False,
            hint="e.g. stage: established (below its lower bound), or score: 60",
        )
        return False
    if stage is not None and score is not None:
        ctx.c.add(
            path,
            "has both 'stage' and 'score'; give one threshold",
            show_value=False,
        )
        return False
    if stage is MISSING or score is MISSING:
        return False
    if stage is not None:
        lower = ctx.lowers.get(stage, 0.0)
        return ctx.stage(
            (*path, "stage"),
            stage,
            purpose=f"no score is below its lower bound ({lower:g}), so the condition "
            "could never hold",
        )
    if not 0 < score <= 100:
        ctx.c.add(
            (*path, "score"),
            "is not within 0 < score <= 100",
            score,
            hint="no score is below 0, so the condition could never hold"
            if score <= 0
            else "scores run from 0 to 100",
        )
        return False
    return True


def _count(ctx: _Context, path: Path, v: dict[str, Any]) -> bool:
    ok = True
    counted: Sequence[str] | None = ctx.dimensions
    if v["dimensions"] is not None:
        listed = _id_list(
            ctx.c, v["dimensions"], (*path, "dimensions"), ctx, ctx.dimensions, "a dimension"
        )
        if listed is None:
            return False
        if not listed:
            ctx.c.add(
                (*path, "dimensions"),
                "is empty; leave it out to count every dimension",
                show_value=False,
            )
            return False
        counted = listed
    count = v["count"]
    if count is MISSING:
        return False
    if count < 1:
        ctx.c.add(
            (*path, "count"),
            "is not >= 1; at least 0 dimensions are always below, so it would always hold",
            count,
        )
        ok = False
    elif counted is not None and count > len(counted):
        scope = "listed" if v["dimensions"] is not None else "in this rubric"
        ctx.c.add(
            (*path, "count"),
            f"is more than the {len(counted)} dimension(s) {scope}; the condition could never hold",
            count,
        )
        ok = False
    return ok


def _perception(ctx: _Context, path: Path, v: dict[str, Any]) -> bool:
    c = ctx.c
    ok = True
    if (v["dimension"] is None) == (v["indicator"] is None):
        both = v["dimension"] is not None
        c.add(
            path,
            "has both 'dimension' and 'indicator'; compare one"
            if both
            else "missing 'dimension' or 'indicator': what the roles' scores are compared on",
            show_value=False,
        )
        ok = False
    roles = v["roles"]
    if roles is not MISSING:
        good = all(check_value(c, (*path, "roles", j), "text", r) for j, r in enumerate(roles))
        if good and len(roles) != 2:
            c.add(
                (*path, "roles"),
                f"has {len(roles)} role(s); give exactly two",
                roles,
                hint="[the role expected to rate higher, the other], e.g. [manager, employee]",
            )
            good = False
        elif good and roles[0] == roles[1]:
            c.add((*path, "roles"), "names the same role twice", roles)
            good = False
        ok &= good
    min_gap = v["min_gap"]
    if min_gap is not MISSING and not 0 < min_gap <= 100:
        c.add(
            (*path, "min_gap"),
            "is not within 0 < min_gap <= 100",
            min_gap,
            hint="the gap is in points of the 0-100 score; one step on a 5-point scale is 25",
        )
        ok = False
    return ok


def _fact_test(ctx: _Context, path: Path, v: dict[str, Any]) -> bool:
    """A ``fact`` condition: a declared fact, one test, values that fit the declaration."""
    c = ctx.c
    name = v["fact"]
    if name is MISSING or not ctx.ref((*path, "fact"), name, ctx.fact_ids, "a declared fact"):
        return False
    tests = [k for k in ("equals", "in") if v[k] is not None]
    if v["at_least"] is not None or v["below"] is not None:
        tests.append("at_least/below")
    if len(tests) != 1:
        c.add(
            path,
            "needs exactly one test, has " + (" and ".join(tests) or "none"),
            show_value=False,
            hint="equals: VALUE, in: [VALUES], or at_least: N and/or below: N",
        )
        return False
    fact = ctx.facts.get(name)
    if fact is None:  # its declaration is invalid (reported there)
        return False
    if tests == ["at_least/below"]:
        return _fact_bounds(c, path, fact, v)
    values = (
        [(("equals",), v["equals"])]
        if tests == ["equals"]
        else [(("in", j), item) for j, item in enumerate(v["in"])]
    )
    if tests == ["in"] and not values:
        c.add((*path, "in"), "is empty; list at least one value", show_value=False)
        return False
    ok = True
    for at, value in values:
        problem = fact.problem(value)
        if problem is not None:
            hint = c.hint(value, fact.choices) if fact.type == "choice" else None
            c.add((*path, *at), f"{problem} (fact {name!r} is {fact.type})", value, hint=hint)
            ok = False
    return ok


def _fact_bounds(c: Collector, path: Path, fact: Fact, v: Mapping[str, Any]) -> bool:
    if fact.type not in ("integer", "number"):
        c.add(
            path,
            f"compares fact {fact.id!r} with at_least/below, but it is {fact.type}",
            show_value=False,
            hint="use equals: VALUE or in: [VALUES]",
        )
        return False
    low, high = v["at_least"], v["below"]
    if low is not None and high is not None and low >= high:
        c.add((*path, "below"), f"is not above at_least ({low:g}); no value passes", high)
        return False
    return True
