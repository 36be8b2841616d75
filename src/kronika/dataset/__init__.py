"""Reproducible datasets: the published export schema (`schema.py`) and dated, self-describing
snapshots of a store (`snapshot.py`)."""
