"""Reports for readers outside the tool: the board's facts read once, as text, CSV, JSON and PDF."""
