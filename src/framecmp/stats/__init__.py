"""Comparing outlets and events honestly: intervals, tests, events, distinctive words."""
