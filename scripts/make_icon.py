"""Draw the application icon (resources/icons/orgdesk.png, .ico) — run once, commit the result."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    app = QGuiApplication(sys.argv)
    font_id = QFontDatabase.addApplicationFont(str(ROOT / "resources/fonts/wqy-zenhei.ttc"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    size = 256
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#b71c1c"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8, 8, size - 16, size - 16), 40, 40)
    p.setPen(QColor("#ffd54f"))
    font = QFont(family)
    font.setPixelSize(150)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "组")
    p.end()
    out = ROOT / "resources/icons"
    out.mkdir(parents=True, exist_ok=True)
    image.save(str(out / "orgdesk.png"))
    image.scaled(64, 64, mode=Qt.TransformationMode.SmoothTransformation).save(
        str(out / "orgdesk.ico")
    )
    del app


if __name__ == "__main__":
    main()
