"""Population figures the demo generator draws from: ages, growth, body mass, risks."""

from __future__ import annotations

from itertools import accumulate

# France, persons by 5-year age band 0-4 ... 95-99 (millions, rounded), a GP's list leaning
# a little older than the population.
AGE_WEIGHTS = (3.3, 3.7, 4.0, 4.0, 3.4, 3.5, 4.0, 4.3, 4.4, 4.6, 4.8, 4.8, 4.6, 4.4, 4.2,
                3.2, 2.4, 1.6, 0.8, 0.25)
AGE_CUM = tuple(accumulate(AGE_WEIGHTS))

# Median growth (age years -> cm) and children's BMI by age.
GROWTH = {
    "F": ((0, 50), (1, 74), (2, 86), (4, 102), (6, 115), (8, 127), (10, 138), (12, 151),
          (14, 160), (16, 163), (18, 164)),
    "M": ((0, 50), (1, 76), (2, 87), (4, 103), (6, 116), (8, 128), (10, 139), (12, 150),
          (14, 164), (16, 173), (18, 177)),
}
CHILD_BMI = ((0, 13.4), (0.5, 17.0), (1, 17.2), (2, 16.4), (5, 15.4), (8, 16.0), (12, 18.0),
              (15, 20.0), (18, 21.5))
ADULT_HEIGHT = {"F": 164.0, "M": 177.0}

# CIM-10 codes of problems that make a flu shot recommended.
FLU_RISK = {"E11", "J45", "J44", "I48"}


def interp(table: tuple[tuple[float, float], ...], x: float) -> float:
    if x <= table[0][0]:
        return table[0][1]
    for (x0, y0), (x1, y1) in zip(table, table[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return table[-1][1]


def age_band(age: float) -> int:
    return 0 if age < 18 else 1 if age < 40 else 2 if age < 60 else 3 if age < 75 else 4
