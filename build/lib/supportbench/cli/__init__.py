"""The `supportbench` command (main) and what its commands print: `report`, `status`, `inspect`, and
`check --connect`. Every error becomes one located line and exit status 1.
"""
