"""Composition root: `orgdesk` and `python -m orgdesk` start here."""

import sys

from orgdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
