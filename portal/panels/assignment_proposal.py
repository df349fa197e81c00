"""Proposing reviewers: pure Python over in-memory data, so thousands of cases take a second.

Greedy, most-constrained case first; each case takes the least-loaded eligible experts (ties go
to the one with the most spare capacity), skipping
anyone conflicted, who declined the case, at their maximum load, already on the case, or from an
affiliation the case already has. `violations()` re-checks a proposal against every rule independently.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expert:
    """An expert as the proposer sees them: affiliation key, cap and load before this proposal."""

    id: int
    affiliation: str
    max_load: int
    load: int = 0


@dataclass(frozen=True)
class Case:
    """An application needing `needed` more reviewers from `candidates` (the panel's experts)."""

    id: int
    candidates: tuple[int, ...]
    needed: int
    conflicts: frozenset[int] = frozenset()
    assigned: tuple[int, ...] = ()
    declined: frozenset[int] = frozenset()  # experts who handed this case back


@dataclass
class Proposal:
    """Expert ids per case, and how many reviewers each case still lacks (0 when filled)."""

    picks: dict[int, list[int]] = field(default_factory=dict)
    unfilled: dict[int, int] = field(default_factory=dict)


def _cap(by_id: dict[int, Expert], expert_id: int) -> int:
    expert = by_id.get(expert_id)
    return expert.max_load if expert else 0


def propose(cases: list[Case], experts: list[Expert]) -> Proposal:
    """Pick reviewers for every case, respecting conflicts, caps, affiliations and load balance."""
    by_id = {e.id: e for e in experts}
    loads = {e.id: e.load for e in experts}
    proposal = Proposal()
    for case in sorted(cases, key=lambda c: (len(c.candidates) - len(c.conflicts), c.id)):
        taken = set(case.assigned)
        affiliations = {by_id[i].affiliation for i in case.assigned if i in by_id}
        picks: list[int] = []
        # least loaded first; among equals, the one with most room left, so scarce capacity is saved
        for expert_id in sorted(case.candidates, key=lambda i: (loads.get(i, 0), loads.get(i, 0) - _cap(by_id, i), i)):
            if len(picks) == case.needed:
                break
            expert = by_id.get(expert_id)
            if (expert is None or expert_id in taken or expert_id in case.conflicts or expert_id in case.declined
                    or loads[expert_id] >= expert.max_load or expert.affiliation in affiliations):
                continue
            picks.append(expert_id)
            taken.add(expert_id)
            affiliations.add(expert.affiliation)
            loads[expert_id] += 1
        proposal.picks[case.id] = picks
        proposal.unfilled[case.id] = case.needed - len(picks)
    return proposal


def violations(proposal: Proposal, cases: list[Case], experts: list[Expert]) -> list[str]:
    """Every broken rule in the proposal, described; empty when it holds them all."""
    by_id = {e.id: e for e in experts}
    loads = {e.id: e.load for e in experts}
    problems: list[str] = []
    for case in cases:
        picks = proposal.picks.get(case.id, [])
        everyone = list(case.assigned) + picks
        if len(picks) > case.needed:
            problems.append(f"case {case.id}: {len(picks)} picks for {case.needed} places")
        if len(set(everyone)) != len(everyone):
            problems.append(f"case {case.id}: an expert twice")
        for expert_id in picks:
            if expert_id not in case.candidates or expert_id not in by_id:
                problems.append(f"case {case.id}: expert {expert_id} is not a candidate")
            if expert_id in case.conflicts:
                problems.append(f"case {case.id}: expert {expert_id} is conflicted")
            if expert_id in case.declined:
                problems.append(f"case {case.id}: expert {expert_id} declined it")
            loads[expert_id] = loads.get(expert_id, 0) + 1
        affiliations = [by_id[i].affiliation for i in everyone if i in by_id]
        if len(set(affiliations)) != len(affiliations):
            problems.append(f"case {case.id}: two reviewers from one affiliation")
    for expert_id, load in loads.items():
        if expert_id in by_id and load > by_id[expert_id].max_load:
            problems.append(f"expert {expert_id}: load {load} over cap {by_id[expert_id].max_load}")
    return problems


def final_loads(proposal: Proposal, experts: list[Expert]) -> dict[int, int]:
    """Each expert's load once the proposal is accepted."""
    loads = {e.id: e.load for e in experts}
    for picks in proposal.picks.values():
        for expert_id in picks:
            loads[expert_id] += 1
    return loads
