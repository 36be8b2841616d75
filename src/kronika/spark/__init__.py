"""kronika on Apache Spark: the same pipeline over archives too big for one machine.

`kronika spark INPUT... --out DIR` (or `spark-submit kronika/spark/job.py ...`) reads WARC, JSONL
and Parquet inputs with the readers of `kronika ingest`, runs the pipeline in every task, and
writes Parquet tables. See `job.py`, and `merge.py` for the distributed corpus timeline.
"""

from kronika.spark.job import TABLES, process_item, process_part, read_items, run, session

__all__ = ["TABLES", "process_item", "process_part", "read_items", "run", "session"]
