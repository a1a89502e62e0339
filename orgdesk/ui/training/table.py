"""The training pages' table model (the shared one, `ui/list_model.py`) and cell colours.

The training lists are per year and per sitting: tens to a few hundred rows.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from orgdesk.ui.list_model import ROW_ROLE, SORT_ROLE, Column, RowsModel, shown

__all__ = ["ROW_ROLE", "SORT_ROLE", "Column", "RowsModel", "shown"]

RED = QBrush(QColor("#fde2e1"))
YELLOW = QBrush(QColor("#fff4cc"))
GREEN = QBrush(QColor("#e3f4e1"))
GREY = QBrush(QColor("#eeeeee"))
