"""Developer tools: browser helpers, the benchmark, the load test, screenshots and the README generator (nothing in the app imports them)."""
