"""Reading the 一次性告知 checklist: one box per field, one per material type, and free text."""
from __future__ import annotations

from typing import Mapping

from portal.applications.models import Application
from portal.kernel.reference_data import reference, required_materials
from portal.review.staff_review import FIELD_LABELS, Problem


def material_targets(application: Application) -> list[str]:
    """Material types worth a box: those required by the category and those uploaded."""
    codes = list(required_materials(application.category_code))
    for material in application.current_materials:
        if material.material_type not in codes:
            codes.append(material.material_type)
    return [code for code in codes if code in reference("material_types")]


def read_problems(form: Mapping[str, str], application: Application) -> list[Problem]:
    """Every box the reviewer filled in, as problems in page order."""
    problems = []
    for name in FIELD_LABELS:
        note = (form.get(f"field-{name}") or "").strip()
        if note:
            problems.append(Problem("field", name, note))
    for code in material_targets(application):
        note = (form.get(f"material-{code}") or "").strip()
        if note:
            problems.append(Problem("material", code, note))
    other = (form.get("other") or "").strip()
    if other:
        problems.append(Problem("other", None, other))
    return problems
