"""A pause point for the tests that kill OrgDesk half-way through something.

`hold("import")` does nothing unless the environment variable
ORGDESK_TEST_HOLD names that point: then it writes the point's name to the
file named by ORGDESK_TEST_HOLD_FILE (so the test knows the work is under way)
and sleeps, waiting for the SIGKILL.  Costs one dictionary lookup otherwise.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

HOLD = "ORGDESK_TEST_HOLD"
HOLD_FILE = "ORGDESK_TEST_HOLD_FILE"


def hold(point: str) -> None:
    if os.environ.get(HOLD) != point:
        return
    marker = os.environ.get(HOLD_FILE)
    if marker:
        Path(marker).write_text(point, encoding="utf-8")
    time.sleep(float(os.environ.get("ORGDESK_TEST_HOLD_SECONDS", "120")))
