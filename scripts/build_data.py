"""Rebuild the shipped data tables from the raw source files kept in the repo (the code: `dashboard.build.everything`)."""

import sys

from dashboard.build.everything import main

if __name__ == "__main__":
    sys.exit(main())
