"""Entry point of the frozen app (PyInstaller runs this file as `__main__`).

The same composition root as `python -m orgdesk`: no arguments opens the window,
a subcommand (`demo`, `check`, `selftest`, …) runs on the command line.
"""

import multiprocessing
import sys

from orgdesk.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
