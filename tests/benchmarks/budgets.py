"""What every benchmark prints the same way: the machine's load, and each figure beside its baseline and budget.

Budgets are ratios (or ceilings) measured in one run on one machine, so a figure is only read next to the
baseline measured in the same run; the load average at the start and at the end says whether the machine
was busy meanwhile (the benchmarks run on shared machines). A benchmark exits 1 when a budget fails, unless
it was run with `--no-budget`, which only reports.
"""

import math
import os
import platform
import sys
from dataclasses import dataclass, field


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def load_average(moment: str) -> str:
    """One line: the 1, 5 and 15 minute load averages against the number of cores."""
    one, five, fifteen = os.getloadavg()
    return (
        f"load average at {moment}: {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) "
        f"on {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )


def ratio(figure: float, baseline: float) -> float:
    if not baseline or math.isnan(figure) or math.isnan(baseline):
        return math.nan
    return figure / baseline


def add_budget_option(parser) -> None:
    parser.add_argument(
        "--no-budget", action="store_true", help="only report: exit 0 even when a budget fails (not on lost data)"
    )


@dataclass
class Check:
    """One line of the verdict: the figure, what it is compared with, the budget, and whether it holds.

    `ok` is None when the run says nothing about the budget (another engine, too few samples); `scale`
    notes that the budget is for a larger scale than the run's.
    """

    name: str
    figure: str
    baseline: str
    budget: str
    ok: bool | None
    scale: str = ""

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.ok]


@dataclass
class Budgets:
    title: str
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, *, figure: str, baseline: str, budget: str, ok: bool | None, scale: str = "") -> None:
        self.checks.append(Check(name, figure, baseline, budget, ok, scale))

    def print(self) -> None:
        out()
        out(f"== budgets: {self.title}")
        widths = [max([len(heading)] + [len(getattr(c, key)) for c in self.checks]) for heading, key in _COLUMNS]
        out(("      " + "  ".join(h.ljust(width) for (h, _k), width in zip(_COLUMNS, widths, strict=True))).rstrip())
        for check in self.checks:
            cells = "  ".join(
                getattr(check, key).ljust(width) for (_h, key), width in zip(_COLUMNS, widths, strict=True)
            )
            out(f"{check.verdict:<4}  {cells}{'  (' + check.scale + ')' if check.scale else ''}".rstrip())

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if check.ok is False]

    def exit_code(self, *, no_budget: bool) -> int:
        if self.failed and no_budget:
            out(f"{len(self.failed)} budget(s) failed; --no-budget: reported only")
            return 0
        return 1 if self.failed else 0


_COLUMNS = [("figure", "name"), ("measured", "figure"), ("baseline", "baseline"), ("budget", "budget")]
