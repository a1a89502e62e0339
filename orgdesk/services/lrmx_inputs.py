"""What the 任免审批表 takes from other areas, behind one seam each.

`yearly_grades` gives the 年度考核 grades ({year: "优秀"/"称职"/…}); the annual
evaluation area fills it in.  Until then the form uses the 年度考核结果 text
kept on the cadre record (typed in the form or imported from a .lrmx).
"""

from __future__ import annotations

from orgdesk.storage.database import Database


def yearly_grades(db: Database, cadre_id: int) -> dict[int, str]:
    return {}
