"""Measure ODOP Atlas against its performance targets and print every figure (the code: `dashboard.devtools.benchmark`)."""

import sys

from dashboard.devtools.benchmark import main

if __name__ == "__main__":
    sys.exit(main())
