"""The `kronika` command line: thin commands that parse, call the library, and render."""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from kronika.dates import parse_date
from kronika.document import Document, entry_to_dict
from kronika.errors import InputNotFoundError, KronikaError, UnsupportedLanguageError, UsageError
from kronika.pipeline import Pipeline
from kronika.render import console, date_text, timeline_table

app = typer.Typer(help="kronika: news articles in, a dated, sourced timeline of events out.",
                  no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]})
actors_app = typer.Typer(help="Look up actors in the knowledge base.", no_args_is_help=True)
eval_app = typer.Typer(help="Score kronika against gold files.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
app.add_typer(eval_app, name="eval")

LANGS = ("en", "ru", "auto")
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}

DbOption = Annotated[str | None, typer.Option(
    "--db", help="DuckDB file [default: $KRONIKA_DB, else kronika.duckdb]")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="publication date YYYY-MM-DD: the anchor for 'yesterday', 'on Monday'…")]
LangOption = Annotated[str, typer.Option("--lang", help="en, ru or auto")]
ActorsOption = Annotated[list[str] | None, typer.Option(
    "--actors", help="a YAML file of your own actors, added to the knowledge base (repeatable)")]


def _lang(value: str) -> str | None:
    if value not in LANGS:
        raise UnsupportedLanguageError(value, LANGS[:-1])
    return None if value == "auto" else value


def _published(value: str | None) -> date | None:
    return parse_date(value, "--published") if value else None


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(path)
    if p.is_dir():
        raise UsageError(f"{path} is a folder; give files here, or use `kronika ingest` for folders")
    return p.read_bytes()


def _process(path: str, published: date | None, lang: str | None,
             pipeline: Pipeline | None = None) -> Document:
    pipeline = pipeline or Pipeline.default()
    return pipeline.process(_read(path), published=published, lang=lang,
                            uri=None if path == "-" else str(Path(path).resolve()))


@app.command()
def process(
    files: Annotated[list[str], typer.Argument(help="text or HTML files; - reads stdin")],
    published: PublishedOption = None,
    lang: LangOption = "auto",
    fmt: Annotated[str, typer.Option("--format", help="json, jsonl or table")] = "json",
    explain: Annotated[bool, typer.Option("--explain", help="say which rule found each event "
                                                            "and each noise span")] = False,
    actors: ActorsOption = None,
) -> None:
    """Process documents and print them as kronika.document/1 JSON; nothing is stored.

    Example:
        kronika process article.txt --published 2022-05-13 --format table --explain
    """
    if fmt not in ("json", "jsonl", "table"):
        raise UsageError(f"--format {fmt!r} is not one of json, jsonl, table")
    pipeline = _with_actors(Pipeline.default(), actors)
    for path in files:
        doc = _process(path, _published(published), _lang(lang), pipeline)
        _warn_about(doc, path)
        if fmt == "json":
            typer.echo(doc.to_json())
        elif fmt == "jsonl":
            typer.echo(doc.to_json(indent=None))
        else:
            out = console()
            events = {e.id: e for e in doc.events}
            out.print(timeline_table(doc.timeline, events, title=doc.title or path))
        if explain:
            _explain(doc)


def _warn_about(doc: Document, path: str) -> None:
    """Say on stderr what the output cannot hold, so that an empty layer is not a mystery."""
    if doc.published is None:
        typer.echo(f"kronika: note: {path}: no publication date given or found, so yearless and "
                   f"relative dates stay unanchored; pass --published YYYY-MM-DD", err=True)
    if doc.language != "en":
        typer.echo(f"kronika: note: {path}: language {doc.language!r} has sentences, noise and "
                   f"actors so far; its time expressions and events come later", err=True)


def _explain(doc: Document) -> None:
    out = console()
    out.print("[bold]noise[/]")
    for n in doc.noise:
        out.print(f"  {n.kind:<12} rule {n.rule:<24} {n.text[:70]!r}")
    out.print("[bold]events[/]")
    for e in doc.events:
        out.print(f"  {e.type:<9} {e.status:<17} rule {e.rule:<32} trigger {e.trigger.text!r} "
                  f"date basis {e.date.basis}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files or folders (searched recursively); "
                                                    "- reads stdin")],
    db: DbOption = None,
    published: PublishedOption = None,
    lang: LangOption = "auto",
) -> None:
    """Process documents and store them; the same bytes are stored once.

    Example:
        kronika ingest articles/ --db news.duckdb
    """
    from rich.progress import Progress

    from kronika.store import Store

    files = _expand(paths)
    pipeline = Pipeline.default()
    stored = skipped = 0
    failed: list[tuple[str, str]] = []
    err = console(stderr=True)
    with Store(db) as store, Progress(console=err, transient=True,
                                      disable=len(files) < 2) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            try:
                doc = _process(path, _published(published), _lang(lang), pipeline)
                if store.add(doc):
                    stored += 1
                else:
                    skipped += 1
            except KronikaError as exc:
                if isinstance(exc, UsageError):
                    raise
                failed.append((path, exc.message))
            progress.advance(task)
    err.print(f"{stored} stored, {skipped} already stored, {len(failed)} failed")
    for path, why in failed:
        err.print(f"  failed: {path}: {why}")
    if failed:
        raise typer.Exit(1)


def _expand(paths: list[str]) -> list[str]:
    files: list[str] = []
    for path in paths:
        if path.startswith(("http://", "https://")):
            raise UsageError("fetching URLs is not built yet; save the page and ingest the file")
        if path == "-":
            files.append(path)
            continue
        p = Path(path)
        if not p.exists():
            raise InputNotFoundError(path)
        if p.is_dir():
            files.extend(str(f) for f in sorted(p.rglob("*"))
                         if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        else:
            files.append(path)
    return files


@app.command()
def timeline(
    db: DbOption = None,
    actor: Annotated[list[str] | None, typer.Option("--actor", help="an actor that must take "
                                                    "part (repeatable)")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable)")]
    = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="status (repeatable)")]
    = None,
    after: Annotated[str | None, typer.Option(help="only entries after this date (exclusive)")]
    = None,
    before: Annotated[str | None, typer.Option(help="only entries before this date "
                                                    "(exclusive)")] = None,
    first: Annotated[int | None, typer.Option(help="only the first N entries")] = None,
    last: Annotated[int | None, typer.Option(help="only the last N entries; --last 1 is the "
                                                  "latest")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
) -> None:
    """Print the stored timeline, filtered.

    Example:
        kronika timeline --actor Austin --actor Shoigu --status attempted_failed --last 1
    """
    from kronika.store import Store, default_path
    from kronika.timeline.query import select

    if fmt not in ("table", "json", "csv"):
        raise UsageError(f"--format {fmt!r} is not one of table, json, csv")
    path = db or default_path()
    if not Path(path).exists():
        raise UsageError(f"no store at {path}; fill one with `kronika ingest FILE --db {path}`")
    with Store(path, read_only=True) as store:
        entries = select(store.entries(), actors=actor or [], types=type_ or [],
                         statuses=status or [],
                         after=parse_date(after, "--after") if after else None,
                         before=parse_date(before, "--before") if before else None,
                         first=first, last=last)
        events = dict((e.id, e) for _, e in store.events())
    _print_entries(entries, events, fmt)


def _print_entries(entries, events, fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps([entry_to_dict(e) for e in entries], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["id", "earliest", "latest", "type", "status", "sources", "targets",
                    "hedged", "confidence", "summary"])
        for e in entries:
            w.writerow([e.id, e.date.earliest or "", e.date.latest or "", e.type, e.status,
                        "; ".join(a.name for a in e.sources),
                        "; ".join(a.name for a in e.targets), e.hedged, e.confidence,
                        e.summary])
        typer.echo(buf.getvalue(), nl=False)
    else:
        console().print(timeline_table(entries, events))


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="a text or HTML file; - reads stdin")],
    fmt: Annotated[str, typer.Option("--format", help="json")] = "json",
) -> None:
    """Print the article a file holds: title, text, published, language, author, url.

    Example:
        kronika extract page.html
    """
    doc = Pipeline.default().upto("extract").process(_read(file))
    typer.echo(json.dumps({"title": doc.title, "text": doc.text,
                           "published": doc.published and doc.published.isoformat(),
                           "language": doc.language, "author": None, "url": doc.source_uri},
                          ensure_ascii=False, indent=2))


@app.command()
def timex(
    file: Annotated[str, typer.Argument(help="a text or HTML file; - reads stdin")],
    published: PublishedOption = None,
    lang: LangOption = "auto",
    fmt: Annotated[str, typer.Option("--format", help="jsonl")] = "jsonl",
) -> None:
    """Print one time expression per line, with its value and interval.

    Example:
        kronika timex article.txt --published 2022-05-13
    """
    from kronika.document import _plain

    doc = Pipeline.default().upto("timex").process(_read(file), published=_published(published),
                                                  lang=_lang(lang))
    for t in doc.timexes:
        typer.echo(json.dumps(_plain(t), ensure_ascii=False))


def _with_actors(pipeline: Pipeline, files: list[str] | None) -> Pipeline:
    """The pipeline with its actors stage reading the users' actor files too."""
    if not files:
        return pipeline
    from kronika.actors import Actors, load_kb

    load_kb(tuple(files))  # fail now, with the file and line, before any document is read
    return Pipeline([Actors(actors=tuple(files)) if s.name == "actors" else s
                     for s in pipeline.stages])


@actors_app.command("resolve")
def actors_resolve(
    text: Annotated[str, typer.Argument(help="a mention, e.g. 'head of the Pentagon'")],
    on: Annotated[str, typer.Option("--date", help="the date the mention is read on")],
    actors: ActorsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON lines")] = False,
) -> None:
    """Say which canonical actor(s) a mention means on a date, and why (English or Russian).

    Example:
        kronika actors resolve "head of the Pentagon" --date 2018-06-01
        kronika actors resolve "глава Минобороны" --date 2025-03-01
    """
    from kronika.actors import load_kb, resolve
    from kronika.actors.resolver import detect_language

    files = tuple(actors or ())
    load_kb(files)
    found = resolve(text, parse_date(on, "--date"), actors=files)
    if not found:
        raise UsageError(f"no actor known for {text!r}; the knowledge base is in "
                         f"kronika/actors/kb/*.yaml (add your own with --actors FILE)")
    if as_json:
        for r in found:
            typer.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return
    out = console()
    kb = load_kb(files)
    out.print(f"language {detect_language(text)}, date {on}")
    for r in found:
        out.print(f"[bold]{r.text!r}[/] (rule {r.rule})")
        for a in r.actors:
            qid = kb.people[a.id].wikidata if a.id in kb.people else None
            out.print(f"  [bold]{a.name}[/] ({a.kind}, id {a.id}"
                      f"{f', wikidata {qid}' if qid else ''}, country {a.country}, role {a.role})")
        out.print(f"  why: {r.why}")


@eval_app.command("actors")
def eval_actors(
    files: Annotated[list[str], typer.Argument(help="case files in the [[words|name]] markup")],
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Score actor resolution on annotated mentions: accuracy and precision per file and in all.

    Example:
        kronika eval actors tests/data/actors.en.txt tests/data/actors.ru.txt
    """
    from kronika.actors import resolve
    from kronika.eval.actors import Score, read_cases, score

    scores = {f: score(read_cases(f), resolve) for f in files}
    total = Score()
    for s_ in scores.values():
        total.gold += s_.gold
        total.predicted += s_.predicted
        total.correct += s_.correct
        total.misses += s_.misses
    if fmt == "json":
        typer.echo(json.dumps({"files": {f: s_.to_dict() for f, s_ in scores.items()},
                               "total": total.to_dict()}, ensure_ascii=False, indent=2))
        return
    for f, s_ in [*scores.items(), ("total", total)]:
        typer.echo(f"{f}: accuracy {s_.accuracy:.3f} ({s_.correct}/{s_.gold} gold mentions), "
                   f"precision {s_.precision:.3f} ({s_.predicted} predicted)")
    for miss in total.misses:
        typer.echo(f"  miss: {miss}")


@eval_app.command("timeline")
def eval_timeline(
    gold: Annotated[str, typer.Argument(help="a kronika.gold/1 JSON file")],
    pred: Annotated[str | None, typer.Argument(help="a processed document JSON; by default the "
                                                    "gold's document is processed now")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Score a timeline against gold: recall, precision, noise flagged, leaks, queries.

    Example:
        kronika eval timeline ../shared/gold/rbc-2022-05-13-shoigu-austin.gold.json
    """
    from kronika.eval.timeline import gold_document_path, load_gold, score

    g = load_gold(gold)
    if pred:
        doc = Document.from_json(_read(pred).decode("utf-8"))
    else:
        path = gold_document_path(gold, g)
        doc = Pipeline.default().process(path.read_bytes(), published=g.get("published"),
                                         lang=g.get("language"))
    result = score(doc, g)
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    out = console()
    for q in result.queries:
        got = f"{q.got.date.earliest} … {q.got.date.latest}" if q.got else "nothing"
        out.print(f"query {'ok ' if q.ok else 'BAD'} {q.ask}\n    expected {q.expected[0]} … "
                  f"{q.expected[1]}, got {got}")
    for gid in result.missed:
        out.print(f"missed gold entry {gid}")
    for eid in result.spurious:
        e = next(x for x in doc.timeline if x.id == eid)
        out.print(f"spurious entry {e.summary} [{e.date.earliest} … {e.date.latest}]")
    out.print(f"noise flagged {result.noise_flagged:.3f}  leaks {len(result.leaks)}  "
              f"queries {result.queries_right}/{len(result.queries)}")
    out.print(f"recall {result.recall:.3f}  precision {result.precision:.3f}")


@app.command()
def demo(
    db: Annotated[str | None, typer.Option("--db", help="store to fill [default: a fresh "
                                                        "temporary one]")] = None,
) -> None:
    """Process the bundled example article into a fresh store, print its timeline, and answer
    the questions of its gold file.

    Example:
        kronika demo
    """
    from kronika.store import Store
    from kronika.timeline.query import answer

    data = resources.files("kronika.data")
    gold = json.loads(data.joinpath("gold/rbc-2022-05-13-shoigu-austin.gold.json").read_text(
        encoding="utf-8"))
    raw = data.joinpath("examples/rbc-2022-05-13-shoigu-austin.en.txt").read_bytes()
    out = console()
    with tempfile.TemporaryDirectory() as tmp, Store(db or str(Path(tmp) / "demo.duckdb")) as store:
        doc = Pipeline.default().process(raw, published=gold["published"], lang="en",
                                         uri="kronika:examples/rbc-2022-05-13-shoigu-austin")
        store.add(doc)
        entries = store.entries()
        events = dict((e.id, e) for _, e in store.events())
    out.print(f"[bold]{doc.title}[/] (published {doc.published}, {len(doc.events)} event "
              f"mentions, {len(entries)} timeline entries, {len(doc.noise)} noise spans flagged)")
    out.print(timeline_table(entries, events))
    for q in gold.get("queries", []):
        e = answer(entries, q)
        out.print(f"\n[bold]Q:[/] {q['ask']}")
        if e is None:
            out.print("[bold]A:[/] the timeline has no entry for this")
            continue
        evs = [events[i] for i in e.events if i in events]
        says = "; ".join(sorted({f"{ev.attribution.speaker.name}"
                                 + (f" on {ev.attribution.said}" if ev.attribution.said else "")
                                 for ev in evs if ev.attribution and ev.attribution.speaker}))
        out.print(f"[bold]A:[/] {date_text(e.date)}: {e.summary}"
                  + (f"; reported by {says}" if says else ""))
        out.print(f"   [dim]{evs[0].evidence.text if evs else ''}[/]")


def main() -> None:
    try:
        app()
    except KronikaError as exc:
        typer.echo(f"kronika: error: {exc}", err=True)
        sys.exit(2 if isinstance(exc, UsageError) else 1)
