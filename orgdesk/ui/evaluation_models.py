"""The 年度考核 tab's table model (the shared one, `ui/list_model.py`) and grade colours.

A department has hundreds of cadres, not tens of thousands; columns here are
(header, getter) pairs.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from orgdesk.ui.list_model import SORT_ROLE, RowsModel, shown
from orgdesk.ui.list_model import ColumnLike as Column

__all__ = ["SORT_ROLE", "Column", "RowsModel", "shown"]

GRADE_COLOURS = {
    "优秀": QBrush(QColor("#fdecea")),
    "基本称职": QBrush(QColor("#fff4cc")),
    "不称职": QBrush(QColor("#e8e8e8")),
}
