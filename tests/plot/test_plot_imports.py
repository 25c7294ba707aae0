"""matplotlib stays an optional extra: imported only when a chart is drawn."""

from __future__ import annotations

import subprocess
import sys

import pytest

import lomaturity as lm
import lomaturity.plot as lp


def test_importing_lomaturity_and_its_plot_module_imports_no_matplotlib() -> None:
    code = (
        "import sys, lomaturity; a = 'matplotlib' in sys.modules; "
        "b = 'lomaturity.plot' in sys.modules; import lomaturity.plot; "
        "print(a, b, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_a_chart_without_matplotlib_says_which_extra_to_install(
    report: lm.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # import now fails
    with pytest.raises(ImportError, match=r"pip install 'lomaturity\[plot\]'"):
        lp.radar(report)


def test_the_palette_is_okabe_ito() -> None:
    assert lp.PALETTE == (
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    )
    assert lp.radar.__module__ == "lomaturity.plot"
