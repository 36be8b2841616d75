"""kronika on Apache Spark: the same pipeline over archives too big for one machine.

`kronika spark INPUT... --out DIR` (or `spark-submit kronika/spark/job.py ...`) reads WARC, JSONL
and Parquet inputs, runs the pipeline in every task, and writes Parquet tables. See `job.py`.
"""

from kronika.spark.job import TABLES, process_part, process_record, run, session
from kronika.spark.records import Failure, Record, from_jsonl_line, from_row, from_warc

__all__ = ["TABLES", "Failure", "Record", "from_jsonl_line", "from_row", "from_warc",
           "process_part", "process_record", "run", "session"]
