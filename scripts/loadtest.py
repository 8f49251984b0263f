"""Load test: a recorded browser session replayed by 50 and 200 users (the code: `dashboard.devtools.loadtest`)."""

import sys

from dashboard.devtools.loadtest import main

if __name__ == "__main__":
    sys.exit(main())
