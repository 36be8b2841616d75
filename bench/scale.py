"""`make bench` (scale part): HTML pages to a stored timeline, per core, on 1 and 2 cores.

Pages: Wikinews articles (../shared/corpus/wikinews, CC BY 2.5; English and Russian) wrapped in
the synthetic site templates of `bench/pages.py` so that extraction has real work to do;
without ../shared the bundled example article is used. Everything is measured in this one run:

- real news HTML (English): the saved news pages of `bench/realpages.py`, row "en real";
- baseline: trafilatura's extraction alone on the same pages (`trafilatura.extract`), best of three runs;
- kronika on one core: HTML → document → stored timeline (DuckDB), time share per stage and
  row;
- kronika on N cores (`kronika.parallel.run_all`, the engine of `kronika ingest --jobs`);
- peak memory of the whole process tree as PSS (shared model pages counted once);
- with `--spark`: the Spark job in local mode on 1 and 2 cores over the same texts as JSONL.

    python bench/scale.py [--jobs 2] [--limit 200] [--spark]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pages import TEMPLATES, page  # noqa: E402
from rich.console import Console
from rich.table import Table

from kronika.document import Document
from kronika.ingest import BATCH, BATCH_SECONDS
from kronika.parallel import Done, cores, run_all
from kronika.pipeline import Pipeline
from kronika.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared/corpus/wikinews"
#: Pages after the measured ones that each language runs through first, untimed: a long ingest
#: pays the first use of each rule once (the time tagger compiles a pattern when first needed).
WARM_UP = 20

def _page(row: dict, lang: str, i: int) -> bytes:
    article = {"title": row["title"], "text": row["text"], "lang": lang,
               "published": row.get("published")}
    return page(article, TEMPLATES[i % len(TEMPLATES)], seed=i).encode("utf-8")


def load(lang: str, limit: int) -> list[tuple[bytes, str | None]]:
    path = SHARED / f"{lang}.jsonl"
    if path.exists():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif lang == "en":
        text = resources.files("kronika.data").joinpath(
            "examples/rbc-2022-05-13-shoigu-austin.en.txt").read_text(encoding="utf-8")
        rows = [{"title": f"Example {i}", "text": text, "published": "2022-05-13"}
                for i in range(50)]
    else:
        return []
    return [(_page(r, lang, i), r["published"]) for i, r in enumerate(rows[:limit])]


def process(item: tuple[bytes, str | None]) -> Document:
    data, published = item
    return _pipeline().process(data, published=published)


@cache
def _pipeline() -> Pipeline:
    return Pipeline.default()


class PeakPss:
    """Samples the summed PSS of this process and its children every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakPss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import os
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_pss(p) for p in _tree(os.getpid())))
            self._stop.wait(0.05)


def _tree(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # the process ended meanwhile
            out += [p for c in task.read_text().split() for p in _tree(int(c))]
    return out


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def trafilatura_alone(pages: list[tuple[bytes, str | None]], runs: int = 3) -> float:
    """trafilatura's best time of `runs` on the pages: the baseline took 0.74 to 1.44 s on the
    same 200 pages in single runs, which moved the ratio more than any change to kronika did."""
    import trafilatura

    return min(timed(lambda: [trafilatura.extract(p.decode("utf-8")) for p, _ in pages])
               for _ in range(runs))


def one_core(pages: list[tuple[bytes, str | None]], db: str) -> tuple[float, dict[str, float], int]:
    pipeline = _pipeline()
    shares = dict.fromkeys([*pipeline.names, "store"], 0.0)
    events = 0
    t0 = time.perf_counter()
    batch: list[Document] = []
    since = time.perf_counter()
    with Store(db) as store:
        for k, (data, published) in enumerate(pages, 1):
            doc = Document.from_bytes(data, published=published and date.fromisoformat(published),
                                      language="auto")
            for stage in pipeline.stages:
                s = time.perf_counter()
                doc = stage(doc)
                shares[stage.name] += time.perf_counter() - s
            batch.append(doc)
            events += len(doc.events)
            # stored in batches, as `kronika ingest` stores them
            if len(batch) == BATCH or time.perf_counter() - since > BATCH_SECONDS \
                    or k == len(pages):
                s = time.perf_counter()
                store.add_many(batch)
                shares["store"] += time.perf_counter() - s
                batch, since = [], time.perf_counter()
    return time.perf_counter() - t0, shares, events


def many_cores(pages: list[tuple[bytes, str | None]], db: str, jobs: int) -> float:
    t0 = time.perf_counter()
    batch: list[Document] = []
    since = time.perf_counter()
    with Store(db) as store:
        # a short name per page, as `kronika ingest` gives its items (the default, str(), would
        # write out each page's bytes)
        for outcome in run_all(process, pages, jobs=jobs, prepare=_pipeline,
                               name=lambda item: f"page of {len(item[0])} bytes"):
            if isinstance(outcome, Done):
                batch.append(outcome.result)
            if len(batch) == BATCH or (batch and time.perf_counter() - since > BATCH_SECONDS):
                store.add_many(batch)
                batch, since = [], time.perf_counter()
        if batch:
            store.add_many(batch)
    return time.perf_counter() - t0


def spark(lang: str, pages_count: int, masters: list[str]) -> dict[str, float]:
    from kronika.spark import run, session

    rows = [json.loads(line) for line in (SHARED / f"{lang}.jsonl").read_text(
        encoding="utf-8").splitlines()][:pages_count]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("\n".join(json.dumps({"html": _page(r, lang, i).decode(),
                                             "url": r.get("url"), "published": r["published"]})
                                 for i, r in enumerate(rows)), encoding="utf-8")
        for master in masters:
            s = session(master, "kronika-bench")
            s.sparkContext.setLogLevel("ERROR")
            cores_ = master[len("local["):-1]  # no brackets in paths: Spark reads them as globs
            run(s, [str(src)], f"{tmp}/warm-{cores_}", partitions=2)  # JVM and workers up
            out[master] = timed(lambda: run(s, [str(src)], f"{tmp}/out-{cores_}",  # noqa: B023
                                            partitions=8))
            s.stop()
    return out


def real_pages(out: Console) -> list[tuple[bytes, str | None]]:
    """The English pages of `bench/realpages.py` (real news HTML), or none with the reason."""
    import realpages

    pages = realpages.fetch()
    if isinstance(pages, str):
        out.print(f"[yellow]en real: {pages}; skipped[/]")
        return []
    return realpages.english(pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=min(2, cores()))
    ap.add_argument("--limit", type=int, default=262, help="pages per language")
    ap.add_argument("--spark", action="store_true", help="also time the Spark job (slow start)")
    args = ap.parse_args()
    out = Console()
    # Load every rule set and model before timing (what a long-running ingest pays once).
    from kronika.language.backbone import backbone

    _pipeline().process("Warm-up: Austin met Shoigu on May 13.", published="2022-05-13")
    _pipeline().process("13 мая Остин провёл переговоры с Шойгу.", published="2022-05-13")
    for lang in ("en", "ru"):
        backbone(lang)
    table = Table(title=f"HTML to stored timeline ({'../shared wikinews' if SHARED.exists() else 'bundled example'}, one run)")
    for col in ("lang", "pages", "trafilatura alone", "kronika 1 core", "× trafilatura",
                "articles/s/core", f"kronika {args.jobs} cores", "speed-up", "peak PSS"):
        table.add_column(col, justify="right")
    shares_by: dict[str, dict[str, float]] = {}
    for lang in ("en", "ru", "en real"):
        if lang == "en real":
            pages = real_pages(out)
        else:
            pages = load(lang, args.limit + WARM_UP)
            warm, pages = pages[args.limit:], pages[:args.limit]
            for data, published in warm:  # rules and patterns compile on first use: not timed
                process((data, published))
                trafilatura_alone([(data, published)], runs=1)
        if not pages:
            out.print(f"[yellow]{lang}: no pages (../shared is absent), skipped[/]")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            base = trafilatura_alone(pages)
            with PeakPss() as pss1:
                single, shares, _ = one_core(pages, f"{tmp}/one.duckdb")
            with PeakPss() as pssn:
                multi = many_cores(pages, f"{tmp}/many.duckdb", args.jobs)
        shares_by[lang] = shares
        table.add_row(lang, str(len(pages)), f"{base:.2f} s", f"{single:.2f} s",
                      f"{single / base:.1f}", f"{len(pages) / single:.1f}", f"{multi:.2f} s",
                      f"{single / multi:.2f}",
                      f"{max(pss1.peak, pssn.peak) / 2**20:.0f} MB")
    out.print(table)
    stages = Table(title="time share per stage (1 core)")
    stages.add_column("stage")
    for lang in shares_by:
        stages.add_column(lang, justify="right")
    first = next(iter(shares_by.values()), {})
    for k in sorted(first, key=lambda k: -first[k]):
        stages.add_row(k, *(f"{100 * sh[k] / (sum(sh.values()) or 1.0):.1f} %"
                            for sh in shares_by.values()))
    out.print(stages)
    if args.spark and SHARED.exists():
        times = spark("en", args.limit, ["local[1]", "local[2]"])
        n = min(args.limit, 262)
        out.print("Spark local mode, en: " + ", ".join(
            f"{m}: {t:.1f} s = {n / t:.1f} articles/s" for m, t in times.items())
            + f"; speed-up {times['local[1]'] / times['local[2]']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
