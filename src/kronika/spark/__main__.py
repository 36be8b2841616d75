"""`python -m kronika.spark INPUT... --out DIR`: the Spark job, as `kronika spark`."""

from kronika.spark.job import main

main()
