"""A bounded cache of pages of rows, shared by every table model over SQL.

A cell outside the cached pages costs one page query; only `max_pages` pages
are kept (least recently used go first), so memory stays flat however many
rows the table has.  The model decides what a page is (its filter and sort)
through `fetch(offset, limit)`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PageCache(Generic[T]):
    def __init__(
        self, fetch: Callable[[int, int], list[T]], *, page_size: int = 200, max_pages: int = 12
    ) -> None:
        self._fetch = fetch
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, list[T]] = OrderedDict()

    def clear(self) -> None:
        self._pages.clear()

    def row(self, row: int) -> T | None:
        page_no, offset = divmod(row, self.page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(page_no * self.page_size, self.page_size)
            self._pages[page_no] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def find(self, wanted: Callable[[T], bool]) -> int | None:
        """Row number of the first cached row for which `wanted` holds (no query)."""
        for page_no, page in self._pages.items():
            for offset, item in enumerate(page):
                if wanted(item):
                    return page_no * self.page_size + offset
        return None

    def __len__(self) -> int:
        """Pages held (for tests of the memory bound)."""
        return len(self._pages)
