"""The .lrmx export takes NianDuKaoHeJieGuo from the 年度考核 final grades."""

from __future__ import annotations

from orgdesk.services.evaluation import yearly_grades
from orgdesk.services.lrmx import approval_document, cadre_ids
from orgdesk.storage.database import Database


def test_export_lists_every_final_grade(demo_db: Database) -> None:
    graded = [(cid, g) for cid in cadre_ids(demo_db) if (g := yearly_grades(demo_db, cid))]
    assert graded, "the demo should hold final grades"
    cadre_id, grades = graded[0]
    text = approval_document(demo_db, cadre_id).get("NianDuKaoHeJieGuo")
    latest = sorted(grades)[-3:]  # the form lists the last three years (近三年)
    for year in latest:
        assert f"{year}年度考核{grades[year]}" in text
