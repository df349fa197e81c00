"""Propose reviewers for 2,000 applications x 300 experts and check every rule.

    .venv/bin/python bench/assign_bench.py [--applications 2000] [--experts 300] [--repeat 5]

Experts come from 60 affiliations and sit on 6 panels of 50 (--panels 1: one panel of all 300); each application goes to one panel,
needs 3 reviewers (5 for category A, as in portal/data/panel_rules.yaml) and is conflicted with
about 4% of its panel. Caps are 30 to 40. Prints one JSON line: the median `seconds` of the
proposal runs, `violations` of the last run, and the `max_load` / `min_load` over experts.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.panels.assignment_proposal import (  # noqa: E402
    Case,
    Expert,
    final_loads,
    propose,
    violations,
)


def build(applications: int, experts: int, panels: int = 6, seed: int = 2026) -> tuple[list[Case], list[Expert]]:
    """A reproducible random world."""
    rng = random.Random(seed)
    pool = [Expert(i, f"affiliation-{rng.randrange(60)}", rng.randint(30, 40)) for i in range(experts)]
    groups = [tuple(e.id for e in pool[k::panels]) for k in range(panels)]
    cases = []
    for app_id in range(applications):
        members = groups[app_id % panels]
        conflicts = frozenset(e for e in members if rng.random() < 0.04)
        cases.append(Case(app_id, members, 5 if rng.random() < 0.05 else 3, conflicts))
    return cases, pool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--experts", type=int, default=300)
    parser.add_argument("--panels", type=int, default=6, help="1 = every expert is a candidate for every case")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases, pool = build(args.applications, args.experts, args.panels)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        proposal = propose(cases, pool)
        timings.append(time.perf_counter() - started)
    problems = violations(proposal, cases, pool)
    loads = final_loads(proposal, pool).values()
    print(json.dumps({"seconds": round(statistics.median(timings), 3), "violations": len(problems),
                      "max_load": max(loads), "min_load": min(loads),
                      "unfilled": sum(proposal.unfilled.values()), "applications": args.applications,
                      "experts": args.experts, "panels": args.panels, "repeat": args.repeat}))


if __name__ == "__main__":
    main()
