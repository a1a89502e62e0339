"""Print preview of a PDF the report wrote: what the head sees is what is printed.

PySide6-Essentials has QtPrintSupport (QPrintPreviewDialog) but not QtPdf, so
the pages are rasterised with pypdfium2 and painted onto the printer.  Without
pypdfium2 the PDF opens in the system viewer instead (`preview_pdf` says which).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

MAX_DPI = 200


def paint_pdf(path: Path, printer: QPrinter) -> int:
    """Paint every page of `path` onto `printer`; returns the number of pages."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for number in range(len(pdf)):
            if number:
                printer.newPage()
            page = pdf[number]
            image = _page_image(page, dpi / 72.0)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
        return len(pdf)
    finally:
        painter.end()
        pdf.close()


def _page_image(page: Any, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    fmt = QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
    return QImage(bytes(bitmap.buffer), width, height, stride, fmt).copy()


def make_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setDocName(name)
    return printer


def preview_pdf(parent: QWidget | None, path: Path) -> str:
    """Open the print preview ("preview") or, lacking pypdfium2, the system viewer ("external")."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return "external"
    printer = make_printer(path.stem)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {path.name}")
    dialog.paintRequested.connect(lambda p: paint_pdf(path, p))
    dialog.resize(900, 1000)
    dialog.exec()
    return "preview"
