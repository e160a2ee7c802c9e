"""Timing samples and the result table (median, p99, ratios, target, verdict)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def time_ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / 1e6


def paired(
    a: Callable[[int], Any], b: Callable[[int], Any], repeat: int, warmup: int = 5
) -> tuple[list[float], list[float]]:
    """Time ``a(i)`` and ``b(i)`` alternately so both see the same machine noise."""
    for i in range(warmup):
        a(i)
        b(i)
    xs: list[float] = []
    ys: list[float] = []
    for i in range(repeat):
        xs.append(time_ms(partial(a, i)))
        ys.append(time_ms(partial(b, i)))
    return xs, ys


@dataclass
class Row:
    measure: str
    value: str
    target: str
    ok: bool | None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)

    def latency(
        self, measure: str, samples: list[float], *, target_ms: float, stat: str = "median"
    ) -> None:
        med, p99 = statistics.median(samples), percentile(samples, 0.99)
        value = med if stat == "median" else p99
        self.rows.append(
            Row(
                measure,
                f"median {med:.2f} ms, p99 {p99:.2f} ms",
                f"<= {target_ms:g} ms {stat}",
                value <= target_ms,
                {"median_ms": med, "p99_ms": p99, "n": len(samples)},
            )
        )

    def ratio(
        self,
        measure: str,
        ours: list[float],
        base: list[float],
        *,
        target: float,
        higher_is_better: bool = False,
        unit: str = "x",
    ) -> None:
        mo, mb = statistics.median(ours), statistics.median(base)
        r = mo / mb if mb else float("inf")
        ok = r >= target if higher_is_better else r <= target
        self.rows.append(
            Row(
                measure,
                f"{r:.2f}{unit} ({mo:.2f} vs {mb:.2f} ms median)",
                f"{'>=' if higher_is_better else '<='} {target:g}{unit}",
                ok,
                {"ratio": r, "ours_median_ms": mo, "base_median_ms": mb, "n": len(ours)},
            )
        )

    def metric(self, measure: str, value: float, unit: str, *, target: float) -> None:
        """A value with an upper bound (memory, a count)."""
        self.rows.append(
            Row(
                measure,
                f"{value:,.0f} {unit}",
                f"<= {target:g} {unit}",
                value <= target,
                {"value": value, "unit": unit},
            )
        )

    def info(self, measure: str, value: str, data: dict[str, Any] | None = None) -> None:
        self.rows.append(Row(measure, value, "-", None, data or {}))

    def print(self) -> None:
        w1 = max(len(r.measure) for r in self.rows)
        w2 = max(len(r.value) for r in self.rows)
        w3 = max(len(r.target) for r in self.rows)
        print(f"\n{self.title}\n")
        print(f"{'measure':<{w1}}  {'result':<{w2}}  {'target':<{w3}}  verdict")
        print(f"{'-' * w1}  {'-' * w2}  {'-' * w3}  -------")
        for r in self.rows:
            verdict = "-" if r.ok is None else ("pass" if r.ok else "falls short")
            print(f"{r.measure:<{w1}}  {r.value:<{w2}}  {r.target:<{w3}}  {verdict}")

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "rows": [
                {"measure": r.measure, "result": r.value, "target": r.target, "ok": r.ok, **r.data}
                for r in self.rows
            ],
        }
