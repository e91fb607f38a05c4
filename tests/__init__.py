"""supportbench tests: unit tests on values, and end-to-end tests on the real mail lab."""
