"""The `kronika` command line: thin commands that parse, call the library, and render."""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
import time
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

DbOption = Annotated[str | None, typer.Option(
    "--db", help="DuckDB file [default: $KRONIKA_DB, else kronika.duckdb]")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="publication date YYYY-MM-DD: the anchor for 'yesterday', 'on Monday'…")]
LangOption = Annotated[str, typer.Option("--lang", help="en, ru or auto")]
ActorsOption = Annotated[list[str] | None, typer.Option(
    "--actor", help="an actor that must take part (repeatable)")]
TypesOption = Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable)")]
StatusesOption = Annotated[list[str] | None, typer.Option("--status",
                                                          help="status (repeatable)")]
AfterOption = Annotated[str | None, typer.Option(help="only entries after this date "
                                                      "(exclusive)")]
BeforeOption = Annotated[str | None, typer.Option(help="only entries before this date "
                                                       "(exclusive)")]
PlaceOption = Annotated[list[str] | None, typer.Option(
    "--place", help="where it happened: a place, or a region or country it lies in "
                    "(repeatable: any of them)")]
CountryOption = Annotated[list[str] | None, typer.Option(
    "--country", help="ISO alpha-3 code of the country it happened in (repeatable)")]
BBoxOption = Annotated[str | None, typer.Option(
    "--bbox", help="only places inside west,south,east,north (degrees), e.g. 22,44,41,53")]
ActorFilesOption = Annotated[list[str] | None, typer.Option(
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
    learned: Annotated[bool, typer.Option(
        "--learned", help="also let the learned event typer add events where the rules found "
                          "none: more events found, more of them wrong (README, Events)")] = False,
    actors: ActorFilesOption = None,
) -> None:
    """Process documents and print them as kronika.document/1 JSON; nothing is stored.

    Example:
        kronika process article.txt --published 2022-05-13 --format table --explain
        kronika process article.txt --learned --explain   # with the learned event typer
    """
    if fmt not in ("json", "jsonl", "table"):
        raise UsageError(f"--format {fmt!r} is not one of json, jsonl, table")
    pipeline = _with_actors(Pipeline.default(learned=learned), actors)
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
    if doc.language not in ("en", "ru"):
        typer.echo(f"kronika: note: {path}: language {doc.language!r} is neither English nor "
                   f"Russian, so kronika reads no events from it; pass --lang en or --lang ru if "
                   f"the guess is wrong", err=True)


def _explain(doc: Document) -> None:
    out = console()
    out.print("[bold]noise[/]")
    for n in doc.noise:
        out.print(f"  {n.kind:<12} rule {n.rule:<24} {n.text[:70]!r}")
    out.print("[bold]events[/]")
    for e in doc.events:
        from kronika.eval.events import date_text, speaker

        said = speaker(e)
        out.print(f"  {e.type:<9} {e.status:<17} rule {e.rule:<32} trigger {e.trigger.text!r} "
                  f"date {date_text(e)} ({e.date.basis})"
                  + (f" says {said}" if said else "") + (" hedged" if e.hedged else ""),
                  markup=False)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, folders (searched recursively), "
                                                    "http(s) URLs; - reads stdin")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="publication date YYYY-MM-DD for documents that give none")] = None,
    lang: LangOption = "auto",
    report: Annotated[str | None, typer.Option(
        "--report", help="write what became of each input to this file, one JSON per line")]
    = None,
    include: Annotated[list[str] | None, typer.Option(
        "--include", help="in folders, take only files matching this glob (repeatable) "
                          "[default: known suffixes]")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="in folders, leave out files matching this glob (repeatable)")]
    = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", help="JSON key of a document part in .json/.jsonl, as NAME=KEY (repeatable; "
                        "NAME is text, html, title, url, published or author)")] = None,
    max_bytes: Annotated[str, typer.Option(
        "--max-bytes", help="largest document: a file, WARC record, JSON line or download")]
    = "20M",
    max_archive_bytes: Annotated[str, typer.Option(
        "--max-archive-bytes", help="largest decompressed size of a .gz/.bz2/.xz file")] = "8G",
    timeout: Annotated[float, typer.Option("--timeout", help="seconds to wait for a server")]
    = 20.0,
    max_redirects: Annotated[int, typer.Option("--max-redirects", help="redirects to follow")]
    = 5,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="fetch URLs on loopback, link-local and private networks too")]
    = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="processes analysing documents at once [default: all cores]")]
    = None,
    time_limit: Annotated[float, typer.Option(
        "--time-limit", help="seconds one document may take before it is failed and skipped "
                             "(0: no limit)")] = 60.0,
    domain: Annotated[list[str] | None, typer.Option(
        "--domain", help="keep only pages of this site or its subdomains (repeatable)")] = None,
    only_lang: Annotated[list[str] | None, typer.Option(
        "--only-lang", help="keep only documents in this language (repeatable)")] = None,
    published_after: Annotated[str | None, typer.Option(
        "--published-after", help="keep only documents published after this day")] = None,
    published_before: Annotated[str | None, typer.Option(
        "--published-before", help="keep only documents published before this day")] = None,
    keyword: Annotated[list[str] | None, typer.Option(
        "--keyword", help="keep only documents whose title or text holds one of these words "
                          "(repeatable, any case)")] = None,
    published_floor: Annotated[str | None, typer.Option(
        "--published-floor", help="earliest plausible publication day; earlier page dates are "
                                  "flagged and not used [default: 1994-01-01]")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume/--no-resume", help="continue the unfinished run of the same command")] = True,
    run_report: Annotated[str | None, typer.Option(
        "--run-report", help="write the run report (skips and why, gaps per source) as JSON "
                             "to this file")] = None,
) -> None:
    """Read documents from files, folders, archives, feeds and URLs, and store them.

    Every input ends stored, a duplicate of a stored document (the same bytes, or a
    near-duplicate text), skipped (nothing to ingest, or left out by a filter) or failed (the
    reason is given); the exit status is 1 if any failed. Takes .html, .txt, .md, .json,
    .jsonl, .warc, RSS/Atom feeds, each also as .gz, .bz2 or .xz. A run that was killed
    continues where it stopped when the same command is run again (--no-resume starts over).

    Example:
        kronika ingest articles/ crawl.warc.gz feed.xml --db news.duckdb --report outcomes.jsonl
    """
    from kronika.ingest import Fields, Ingestor, Limits, iter_items, parse_size, tally
    from kronika.ingest.sources import expand
    from kronika.parallel import cores
    from kronika.store import Store

    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {jobs}")
    limits = Limits(max_bytes=parse_size(max_bytes, "--max-bytes"),
                    max_archive_bytes=parse_size(max_archive_bytes, "--max-archive-bytes"),
                    timeout=timeout, max_redirects=max_redirects, allow_private=allow_private)
    fields, default_date, language = Fields.parse(field), _published(published), _lang(lang)
    from kronika.ingest.runs import Filters, Run
    from kronika.published import DEFAULT_FLOOR, Policy

    filters = Filters(tuple(d.lower() for d in domain or ()), tuple(only_lang or ()),
                      _published_opt(published_after, "--published-after"),
                      _published_opt(published_before, "--published-before"),
                      tuple(keyword or ()))
    floor = _published_opt(published_floor, "--published-floor")
    policy = Policy(floor=floor) if floor else None
    names = expand(paths, include=include, exclude=exclude)  # a missing path stops us here
    items = iter_items(names, limits=limits, fields=fields)
    options = {"filters": filters.to_dict(), "published": published, "lang": lang,
               "floor": (floor or DEFAULT_FLOOR).isoformat(), "include": include,
               "exclude": exclude, "field": field}
    counts = tally([])
    problems = []  # the first MAX_LISTED failures, for the listing; --report has all
    err = console(stderr=True)
    out = _open_report(report)
    try:
        with Store(db) as store, _ingest_progress(err) as progress:
            task = progress.add_task("ingesting", total=None)
            run = Run.open(store, [str(Path(n).resolve()) if Path(n).exists() else n
                                   for n in names], options, resume=resume)
            if run.resumed:
                err.print(f"resuming run {run.run_id}: {len(run.done)} inputs were done before "
                          f"it stopped")
            ingestor = Ingestor(store, Pipeline.default(), published=default_date,
                                lang=language, filters=filters, run=run, policy=policy)
            outcomes = ingestor.run(items, jobs=cores() if jobs is None else jobs,
                                    time_limit=time_limit or None)
            started = time.monotonic()
            for outcome in outcomes:
                counts[outcome.status] += 1
                if outcome.status == "failed" and len(problems) < MAX_LISTED:
                    problems.append(outcome)
                if out:
                    out.write(outcome.to_json() + "\n")
                    out.flush()  # a killed run's report holds what it did
                rate = sum(counts.values()) / max(time.monotonic() - started, 1e-9)
                progress.update(task, advance=1,
                                description=f"{rate:.1f}/s {_short_input(outcome.input)}")
            run.finish()
            from kronika.ingest.runs import report as run_report_of

            summary = run_report_of(store, run.run_id)
    finally:
        if out:
            out.close()
    err.print(_summary_table(counts))
    err.print(", ".join(f"{counts[s]} {s}" for s in counts))
    _print_run_report(err, summary, brief=True)
    if run_report:
        Path(run_report).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    for o in problems:
        err.print(f"  failed: {o.describe()}", markup=False, highlight=False, soft_wrap=True)
    if counts["failed"] > len(problems):
        err.print(f"  ... and {counts['failed'] - len(problems)} more"
                  + (f" (see {report})" if report else " (use --report FILE to see all)"))
    if counts["failed"]:
        raise typer.Exit(1)


#: Failed inputs listed after the summary table (all of them go to --report).
MAX_LISTED = 20


def _published_opt(value: str | None, option: str) -> date | None:
    return parse_date(value, option) if value else None


def _print_run_report(out, summary: dict, *, brief: bool = False) -> None:
    """The run report as tables: what was skipped or failed and why, and the gaps."""
    from rich.table import Table

    if not summary:
        return
    if summary["skipped"]:
        table = Table(title=f"run {summary['run']}: skipped and failed, by reason")
        for col in ("status", "code", "why", "inputs", "for example"):
            table.add_column(col, justify="right" if col == "inputs" else "left")
        for s in summary["skipped"]:
            table.add_row(s["status"], s["code"], s["why"], str(s["inputs"]),
                          s["examples"][0] if s["examples"] else "")
        out.print(table)
    for g in summary["gaps"][: 10 if brief else None]:
        out.print(f"gap: {g['text']} ({g['days']} days)", markup=False, highlight=False)
    if not brief:
        table = Table(title="documents stored, by source")
        for col in ("source", "documents", "first", "last"):
            table.add_column(col)
        for source, s in summary["sources"].items():
            table.add_row(source, str(s["documents"]), s["first"], s["last"])
        out.print(table)


@app.command()
def report(
    db: DbOption = None,
    run: Annotated[str | None, typer.Option("--run", help="run id [default: the latest]")]
    = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    gap_days: Annotated[int, typer.Option(
        "--gap-days", help="days without a document from a source that make a gap")] = 7,
) -> None:
    """What an ingest run did: counts, what was skipped or failed and why, and the gaps in
    time per source ("no documents from example.com between 2022-05-02 and 2022-05-20").

    Example:
        kronika report --db news.duckdb --format json
    """
    from kronika.ingest.runs import report as run_report_of

    if fmt not in ("table", "json"):
        raise UsageError(f"--format {fmt!r} is not table or json")
    with _open_store(db) as store:
        summary = run_report_of(store, run, gap_days=gap_days)
    if not summary:
        raise UsageError(f"no ingest run {run or ''} in the store; run `kronika ingest` first")
    if fmt == "json":
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(f"run {summary['run']} (kronika {summary['version']}), started "
              f"{summary['started_at']}, " + (f"finished {summary['finished_at']}"
                                              if summary['finished_at'] else "not finished"))
    out.print(", ".join(f"{n} {s}" for s, n in summary["counts"].items()))
    _print_run_report(out, summary)


def _open_report(path: str | None):
    if not path:
        return None
    try:
        # line-buffered: the report can be followed while a long run goes on
        return open(path, "w", encoding="utf-8", buffering=1)  # noqa: SIM115 (closed by the caller)
    except OSError as exc:
        raise UsageError(f"cannot write the report {path}: {exc.strerror}; pass a writable "
                         f"path to --report") from exc


def _ingest_progress(err):
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.completed} inputs"),
                    TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                    transient=True, disable=not err.is_terminal)


def _short_input(uri: str, width: int = 60) -> str:
    return uri if len(uri) <= width else "…" + uri[-(width - 1):]


def _summary_table(counts):
    from rich.table import Table

    table = Table(title="kronika ingest", show_header=True)
    table.add_column("outcome")
    table.add_column("inputs", justify="right")
    for status, n in counts.items():
        table.add_row(status, str(n))
    table.add_row("[bold]total[/]", f"[bold]{sum(counts.values())}[/]")
    return table


StoryOption = Annotated[str | None, typer.Option(
    "--story", help='actors that must all take part, e.g. "Austin Shoigu" (comma-separate '
                    'names of several words: "Lloyd Austin, Sergei Shoigu")')]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="entries from this day on (inclusive): YYYY-MM-DD, today, or 30d/6w/3m/1y "
                    "back from today")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="entries up to this day (inclusive): YYYY-MM-DD, today, or 30d/6w/3m/1y")]
BetweenOption = Annotated[tuple[str, str] | None, typer.Option(
    "--between", help='the two actors, e.g. --between "Lloyd Austin" "Sergei Shoigu"')]
ExplainOption = Annotated[bool, typer.Option("--explain", help="show the evidence chain: every "
                                             "report, who says so, which gave the date")]


@app.command()
def timeline(
    db: DbOption = None,
    actor: ActorsOption = None,
    type_: TypesOption = None,
    status: StatusesOption = None,
    after: AfterOption = None,
    before: BeforeOption = None,
    first: Annotated[int | None, typer.Option(help="only the first N entries")] = None,
    last: Annotated[int | None, typer.Option(help="only the last N entries; --last 1 is the "
                                                  "latest")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json, csv or md")] = "table",
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    bbox: BBoxOption = None,
) -> None:
    """Print the stored timeline (merged across documents), filtered.

    Example:
        kronika timeline --actor Austin --actor Shoigu --status attempted_failed --last 1
        kronika timeline --story "Austin Shoigu" --since 30d --format md
        kronika timeline --place "Donetsk Oblast" --country UKR --bbox 22,44,41,53
    """
    from kronika.timeline.query import parse_bbox
    from kronika.timeline.show import markdown

    if fmt not in ("table", "json", "csv", "md"):
        raise UsageError(f"--format {fmt!r} is not one of table, json, csv, md")
    with _open_store(db) as store:
        entries = store.timeline(actors=[*(actor or []), *_story_names(story)],
                                 types=type_ or [], statuses=status or [],
                                 after=parse_date(after, "--after") if after else None,
                                 before=parse_date(before, "--before") if before else None,
                                 since=_when(since, "--since"), until=_when(until, "--until"),
                                 first=first, last=last, places=place or [],
                                 countries=country or [], bbox=parse_bbox(bbox) if bbox else None)
        conflicts = store.conflicts([e.id for e in entries]) if fmt == "md" else []
        events = (dict((e.id, e) for _, e in store.events([i for x in entries for i in x.events]))
                  if fmt == "table" else {})
    if fmt == "md":
        typer.echo(markdown(entries, conflicts), nl=False)
    else:
        _print_entries(entries, events, fmt)


def _story_names(story: str | None) -> list[str]:
    if not story:
        return []
    parts = story.split(",") if "," in story else story.split()
    return [p.strip() for p in parts if p.strip()]


def _when(value: str | None, what: str) -> date | None:
    from kronika.dates import parse_when

    return parse_when(value, what) if value else None


def _open_store(db: str | None):
    from kronika.store import Store, default_path

    path = db or default_path()
    if not Path(path).exists():
        raise UsageError(f"no store at {path}; fill one with `kronika ingest FILE --db {path}`")
    return Store(path, read_only=True)


def _print_explained(entries, conflicts) -> None:
    from kronika.timeline.show import evidence_chain

    for e in entries:
        for line in evidence_chain(e, conflicts):
            typer.echo(line)


@app.command()
def last(
    type_: Annotated[str, typer.Argument(help="PLOVER type, e.g. CONSULT")],
    between: BetweenOption = None,
    actor: Annotated[list[str] | None, typer.Option("--actor", help="an actor that must take "
                                                    "part (repeatable)")] = None,
    status: Annotated[list[str] | None, typer.Option(
        "--status", help="statuses that count (repeatable) [default: occurred]")] = None,
    until: UntilOption = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    explain: ExplainOption = False,
) -> None:
    """The latest entry of a type between two actors: "when did they last talk?".

    Example:
        kronika last CONSULT --between "Lloyd Austin" "Sergei Shoigu" --explain
    """
    from kronika.timeline.ask import last_contact

    names = [*(between or ()), *(actor or [])]
    with _open_store(db) as store:
        entries = store.timeline(actors=names, types=[type_], statuses=status or ["occurred"],
                                 until=_when(until, "--until"))
        found = last_contact(entries, store.conflicts([e.id for e in entries]))
    if found is None:
        raise typer.Exit(_nothing(f"no dated {type_.upper()} entry with {', '.join(names)}"))
    if fmt == "json":
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    elif explain:
        _print_explained([found.entry], found.conflicts)
    else:
        typer.echo(f"{date_text(found.entry.date)}  {found.entry.summary}  "
                   f"(confidence {found.entry.confidence:.2f}, {found.entry.n_sources} sources)")


def _nothing(message: str) -> int:
    typer.echo(f"kronika: {message}", err=True)
    return 1


@app.command()
def gaps(
    between: BetweenOption = None,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", help="types that count as contact (repeatable) [default: CONSULT]")] = None,
    status: Annotated[list[str] | None, typer.Option(
        "--status", help="statuses that count (repeatable) [default: occurred]")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option(help="how many gaps to list, longest first")] = 5,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    explain: ExplainOption = False,
) -> None:
    """The longest stretches without contact between two actors.

    Example:
        kronika gaps --between "Lloyd Austin" "Sergei Shoigu" --until 2022-12-31
    """
    from kronika.timeline.ask import longest_gaps

    if not between:
        raise UsageError('give the two actors: --between "Lloyd Austin" "Sergei Shoigu"')
    with _open_store(db) as store:
        entries = store.timeline(actors=list(between), types=type_ or ["CONSULT"],
                                 statuses=status or ["occurred"], since=_when(since, "--since"),
                                 until=_when(until, "--until"))
        conflicts = store.conflicts([e.id for e in entries]) if explain else []
    found = longest_gaps(entries, since=_when(since, "--since"), until=_when(until, "--until"),
                         top=top)
    if fmt == "json":
        typer.echo(json.dumps([g.to_dict() for g in found], ensure_ascii=False, indent=2))
        return
    if not found:
        raise typer.Exit(_nothing(f"no gap: fewer than two dated contacts between "
                                  f"{' and '.join(between)}"))
    for g in found:
        before = g.before.summary if g.before else "(the start of the period asked)"
        after = g.after.summary if g.after else "(the end of the period asked)"
        typer.echo(f"{g.days:>5} days  {g.start} … {g.end}  after: {before}  next: {after}")
        if explain:
            _print_explained([x for x in (g.before, g.after) if x], conflicts)


@app.command()
def count(
    by: Annotated[str, typer.Option("--by", help="day, week, month or year")] = "month",
    type_: TypesOption = None,
    actor: ActorsOption = None,
    status: StatusesOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text, json or csv")] = "text",
    explain: ExplainOption = False,
) -> None:
    """Count timeline entries per period (by their earliest day).

    Example:
        kronika count --by month --type ASSAULT
    """
    from kronika.timeline.ask import count_by

    filters = {"actors": actor or [], "types": type_ or [], "statuses": status or [],
               "since": _when(since, "--since"), "until": _when(until, "--until")}
    with _open_store(db) as store:
        if explain:  # the entries themselves, for their evidence
            entries = store.timeline(**filters)
            conflicts = store.conflicts([e.id for e in entries])
            counts = count_by(entries, by)
        else:
            entries, conflicts, counts = [], [], store.count(by, **filters)
    if fmt == "json":
        typer.echo(json.dumps([c.to_dict() for c in counts], indent=2))
    elif fmt == "csv":
        typer.echo("period,count")
        for c in counts:
            typer.echo(f"{c.period},{c.count}")
    else:
        by_id = {e.id: e for e in entries}
        for c in counts:
            typer.echo(f"{c.period:<10} {c.count:>6}")
            if explain:
                _print_explained([by_id[i] for i in c.entries], conflicts)


def _print_entries(entries, events, fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps([e.to_dict() if hasattr(e, "to_dict") else entry_to_dict(e)
                               for e in entries], ensure_ascii=False, indent=2))
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
    file: Annotated[str, typer.Argument(help="a text or HTML file, an archive, a feed, an "
                                             "http(s) URL; - reads stdin")],
    fmt: Annotated[str, typer.Option("--format", help="json")] = "json",
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="fetch a URL on a loopback, link-local or private network")]
    = False,
) -> None:
    """Print the article a file holds: title, text, published, language, author, url, encoding.

    A file that holds several documents (a feed, a WARC, JSON lines) prints one JSON object
    per line, one per document.

    Example:
        kronika extract page.html
    """
    from kronika.ingest import Limits, iter_items, read_document

    if fmt != "json":
        raise UsageError(f"--format {fmt!r} is not one of json")
    pipeline = Pipeline.default().upto("extract")
    items = iter_items([file], limits=Limits(allow_private=allow_private))
    first = next(items, None)
    second = next(items, None)
    several = second is not None
    for item in (i for i in (first, second) if i is not None):
        _print_article(read_document(item, pipeline), several)
    for item in items:
        _print_article(read_document(item, pipeline), several)


def _print_article(doc: Document, compact: bool) -> None:
    typer.echo(json.dumps({"title": doc.title, "text": doc.text,
                           "published": doc.published and doc.published.isoformat(),
                           "language": doc.language, "author": doc.author,
                           "url": doc.url or (doc.source_uri if doc.source_uri and "://" in
                                              doc.source_uri else None),
                           "encoding": doc.encoding, "mixed_language": doc.mixed_language,
                           "source": doc.source_uri,
                           "publication": doc.publication.to_dict() if doc.publication
                           else None},
                          ensure_ascii=False, indent=None if compact else 2))


@app.command()
def timex(
    file: Annotated[str, typer.Argument(help="a text or HTML file; - reads stdin")],
    published: PublishedOption = None,
    lang: LangOption = "auto",
    fmt: Annotated[str, typer.Option("--format", help="jsonl")] = "jsonl",
    explain: Annotated[bool, typer.Option(
        "--explain", help="print the rule that fired and the anchor for each expression")] = False,
) -> None:
    """Print one time expression per line, with its value and interval.

    Example:
        kronika timex article.txt --published 2022-05-13
        kronika timex statement.txt --published 2022-05-13 --lang ru --explain
    """
    from kronika.document import _plain
    from kronika.timex import explain as explain_timex

    if fmt != "jsonl":
        raise UsageError(f"--format {fmt!r} is not known for timex; use jsonl")
    doc = Pipeline.default().upto("timex").process(_read(file), published=_published(published),
                                                  lang=_lang(lang))
    for t in doc.timexes:
        typer.echo(explain_timex(t, doc.language) if explain
                   else json.dumps(_plain(t), ensure_ascii=False))


def _with_actors(pipeline: Pipeline, files: list[str] | None) -> Pipeline:
    """The pipeline with its actors stage reading the users' actor files too."""
    if not files:
        return pipeline
    from kronika.actors import Actors, load_kb

    load_kb(tuple(files))  # fail now, with the file and line, before any document is read
    return Pipeline([Actors(actors=tuple(files), sentences=s.sentences) if s.name == "actors"
                     else s for s in pipeline.stages])


@actors_app.command("resolve")
def actors_resolve(
    text: Annotated[str, typer.Argument(help="a mention, e.g. 'head of the Pentagon'")],
    on: Annotated[str, typer.Option("--date", help="the date the mention is read on")],
    actors: ActorFilesOption = None,
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


@actors_app.command("coverage")
def actors_coverage() -> None:
    """List the stretches since 2000 when nobody held a required office (kb/coverage.yaml).

    Example:
        kronika actors coverage
    """
    from kronika.actors.coverage import gaps, load_coverage

    cov, found = load_coverage(), gaps()
    out = console()
    out.print(f"required offices of {len(cov.roles)} countries and unions, "
              f"{cov.since}..{cov.facts_as_of} (facts as of {cov.facts_as_of}); "
              f"gaps longer than {cov.max_gap_days} days: {len(found)}")
    for g in found:
        out.print(f"  {g}")


@eval_app.command("timex")
def eval_timex(
    gold: Annotated[str, typer.Argument(help="gold: a TimeML .tml file, a MEANTIME .xml file, a "
                                             "kronika .jsonl file, or a folder of them")],
    pred: Annotated[str | None, typer.Argument(help="predictions in any gold format, matched by "
                                                    "document id; by default kronika tags the "
                                                    "gold texts now")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    errors: Annotated[int, typer.Option("--errors", help="list up to N errors")] = 0,
) -> None:
    """Score time expressions as TempEval-3 does: strict and relaxed span F1, type and value F1.

    Example:
        kronika eval timex tests/data/timex/meantime.test.en.jsonl
        kronika eval timex ../shared/data/timeml-en/meantime_newsreader_english_oct15/intra-doc_annotation
    """
    from kronika.eval.timex import kronika_system, load, predictions, score

    docs = load(gold)
    if pred:
        found = predictions(pred)
        missing = [d.id for d in docs if d.id not in found]
        if missing:
            raise UsageError(f"{pred} lacks {len(missing)} gold documents (first: {missing[0]}); "
                             f"predictions are matched to gold by document id")
        result = score(docs, lambda d: found[d.id])
    else:
        result = score(docs, kronika_system)
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    out = console()
    out.print(f"{result.documents} documents, {result.gold} gold expressions, "
              f"{result.system} found")
    for name, (p, r, f) in (("strict span", result.strict), ("relaxed span", result.relaxed),
                            ("type", result.type), ("value", result.value)):
        out.print(f"{name:<13} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for e in result.errors[:errors]:
        out.print(json.dumps(e, ensure_ascii=False), markup=False, highlight=False)


@eval_app.command("published")
def eval_published(
    folder: Annotated[str, typer.Argument(help="a folder of HTML pages with gold.jsonl (one "
                                               "line per page: file, url, published, now)")],
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    errors: Annotated[int, typer.Option("--errors", help="list up to N errors")] = 0,
) -> None:
    """Score publication dates: accuracy of `published` against the gold, accuracy of its
    source, flags found, and the number of future dates accepted (must be 0).

    Example:
        kronika eval published tests/data/published
    """
    from kronika.eval.published import score

    result = score(folder)
    if fmt == "json":
        typer.echo(json.dumps(result, indent=2))
        return
    out = console()
    out.print(f"{result['pages']} pages: published accuracy {result['accuracy']:.3f}, source "
              f"accuracy {result['source_accuracy']:.3f}, flag recall "
              f"{result['flag_recall']:.3f}, future dates accepted "
              f"{result['future_accepted']}")
    for e in result["errors"][:errors]:
        out.print(json.dumps(e, ensure_ascii=False), markup=False, highlight=False)


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


@eval_app.command("events")
def eval_events(
    files: Annotated[list[str], typer.Argument(help="case files in the events markup")],
    lang: Annotated[str, typer.Option(help="language of files without an @lang line")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    errors: Annotated[int, typer.Option(help="how many disagreements to list")] = 20,
    coder: Annotated[str, typer.Option(
        help="kronika (the pipeline), learned (the pipeline with the learned typer, as "
             "`process --learned`) or cues: the plain cue-word baseline, one event per type "
             "whose cue word a case holds, no syntax, roles or status")] = "kronika",
    only_events: Annotated[bool, typer.Option(
        "--only-events", help="score only the cases with at least one gold event (typing and "
                              "roles, without telling event sentences from the rest)")] = False,
) -> None:
    """Score the event coder on annotated sentences: per-type and macro F1 for the PLOVER type,
    status accuracy, mode accuracy and actor F1 (see kronika.eval.events for the markup).

    Example:
        kronika eval events tests/data/events.en.txt
        kronika eval events --coder cues tests/data/events.en.txt   # the baseline
        kronika eval events --coder learned tests/data/events.en.txt  # with the learned typer
    """
    from kronika.eval.events import read_cases, score

    cases = [c for f in files for c in read_cases(f, lang)]
    if only_events:
        cases = [c for c in cases if c.events]
    if coder == "cues":
        from kronika.eval.baseline import cue_words

        coders = {code: cue_words(code) for code in ("en", "ru")}
        result = score(cases, lambda c: coders["ru" if c.lang == "ru" else "en"](c.text))
    elif coder in ("kronika", "learned"):
        from kronika.pipeline import Pipeline

        pipeline = Pipeline.default(learned=coder == "learned")
        result = score(cases, lambda c: list(pipeline.process(c.text, published=c.published,
                                                              lang=c.lang).events))
    else:
        raise typer.BadParameter(f"unknown coder {coder!r}; give kronika, learned or cues",
                                 param_hint="--coder")
    _echo_event_score(result, fmt, errors)


def _echo_event_score(result, fmt: str, errors: int) -> None:  # noqa: ANN001 - eval.events.Score
    """An events score as JSON, or as the summary lines, the per-type table and `errors`
    disagreements."""
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    micro = result.micro
    typer.echo(f"{result.cases} cases: type macro-F1 {result.macro_f1:.3f} (micro P "
               f"{micro.precision:.3f} R {micro.recall:.3f} F1 {micro.f1:.3f}); status accuracy "
               f"{result.status_accuracy:.3f} over {result.pairs} pairs; mode accuracy "
               f"{result.mode_accuracy:.3f} over {result.mode_gold}; actor F1 "
               f"{result.actors.f1:.3f} (P {result.actors.precision:.3f} "
               f"R {result.actors.recall:.3f})")
    typer.echo(f"  hedged accuracy {result.hedged_accuracy:.3f} over {result.pairs} pairs; date "
               f"accuracy {result.date_accuracy:.3f} over {result.date_gold}; speaker accuracy "
               f"{result.says_accuracy:.3f} over {result.says_gold}")
    for t, c in sorted(result.types.items()):
        typer.echo(f"  {t:<10} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
                   f"({c.tp + c.fn} gold)")
    for e in result.errors[:errors]:
        typer.echo(f"  {e}")


@eval_app.command("agreement")
def eval_agreement(
    files: Annotated[list[str], typer.Argument(
        help="FIRST SECOND: a case file and another annotation of its sentences; give several "
             "such pairs to pool them")],
    lang: Annotated[str, typer.Option(help="language of files without an @lang line")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    errors: Annotated[int, typer.Option(help="how many disagreements to list")] = 0,
) -> None:
    """Inter-annotator agreement on events: the second annotation scored against the first in
    the coder's figures (type macro- and micro-F1, status accuracy, actor F1), so that the
    coder's scores can be read against what two people agree on. Several pairs are pooled into
    one score, as `eval events` pools its files.

    Example:
        kronika eval agreement tests/data/events/en.heldout5.txt en.heldout5.B.txt
        kronika eval agreement a.txt a.B.txt b.txt b.B.txt   # two pairs, one pooled score
    """
    from kronika.eval.events import pooled_agreement, read_cases

    if len(files) % 2:
        raise typer.BadParameter(
            f"give files in pairs, each first annotation followed by its second ({len(files)} "
            "files given)", param_hint="FILES")
    pairs = [(read_cases(first, lang), read_cases(second, lang))
             for first, second in zip(files[::2], files[1::2], strict=True)]
    _echo_event_score(pooled_agreement(pairs), fmt, errors)


@eval_app.command("places")
def eval_places(
    files: Annotated[list[str], typer.Argument(help="case files in the places markup")],
    lang: Annotated[str, typer.Option(help="language of files without an @lang line")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    errors: Annotated[int, typer.Option(help="how many disagreements to list")] = 20,
) -> None:
    """Score event locations: place accuracy (the right place, or none, for each marked event)
    and resolution accuracy (the right gazetteer id); see kronika.eval.places for the markup.

    Example:
        kronika eval places tests/data/places.en.txt tests/data/places.ru.txt
    """
    from kronika.eval.places import kronika_locator, read_cases, score

    cases = [c for f in files for c in read_cases(f, lang)]
    result = score(cases, kronika_locator())
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{result.events} events in {len(cases)} cases: place accuracy "
               f"{result.place_accuracy:.3f} ({result.place_right}/{result.events}), resolution "
               f"accuracy {result.resolution_accuracy:.3f} ({result.resolved_right}/{result.found})")
    for code, (n, right, found, resolved) in sorted(result.by_lang.items()):
        typer.echo(f"  {code}: place {right}/{n}, resolution {resolved}/{found}")
    for e in result.errors[:errors]:
        typer.echo(f"  {e}")


@eval_app.command("timeline")
def eval_timeline(
    gold: Annotated[str, typer.Argument(help="a kronika.gold/1 JSON file")],
    pred: Annotated[str | None, typer.Argument(help="a processed document JSON; by default the "
                                                    "gold's document is processed now")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Score a timeline against gold: recall, precision, noise flagged, leaks, queries.

    A story gold (with `articles`, many documents) is scored on the corpus timeline of its
    articles: recall, precision, date accuracy, duplicate rate, TLS date F1, per language.

    Example:
        kronika eval timeline ../shared/gold/rbc-2022-05-13-shoigu-austin.gold.json
        kronika eval timeline tests/data/stories/austin-shoigu/gold.json
    """
    from kronika.eval.story import is_story_gold
    from kronika.eval.timeline import gold_document_path, load_gold, score

    g = load_gold(gold)
    if is_story_gold(g):
        _eval_story(gold, g, fmt)
        return
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


def _eval_story(path: str, gold: dict, fmt: str) -> None:
    """Score a story (many articles, one gold timeline): all articles, then per language."""
    from kronika.eval.story import evaluate

    scores = evaluate(path, gold)
    if fmt == "json":
        typer.echo(json.dumps({"story": gold.get("story"), "scores": [s.to_dict() for s in scores]},
                              indent=2))
        return
    out = console()
    out.print(f"[bold]{gold.get('story', path)}[/]")
    out.print(f"{'articles':<13}{'docs':>5}{'gold':>6}{'entries':>8}{'recall':>8}{'precis.':>8}"
              f"{'date acc':>9}{'dup rate':>9}{'TLS date F1':>12}{'conflicts':>10}")
    for s in scores:
        out.print(f"{s.language:<13}{s.documents:>5}{s.gold_required:>6}{s.entries:>8}"
                  f"{s.recall:>8.3f}{s.precision:>8.3f}"
                  f"{'n/a' if s.date_accuracy is None else f'{s.date_accuracy:.3f}':>9}"
                  f"{s.duplicate_rate:>9.3f}{s.tls_date[2]:>12.3f}"
                  f"{s.conflicts_found:>6}/{s.conflicts_gold}")
    every = scores[0]
    for gid in every.missed:
        out.print(f"missed gold entry {gid}")
    for gid, ids in every.duplicates.items():
        out.print(f"{len(ids)} entries match gold entry {gid}")
    for ask, ok in every.queries:
        out.print(f"query {'ok ' if ok else 'BAD'} {ask}")


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


@app.command()
def check(db: DbOption = None) -> None:
    """Verify a store: every event has its document and evidence, offsets lie inside the text.

    Exits 1 and lists the problems when there are any. Example:
        kronika check --db news.duckdb
    """
    from kronika.store import Store
    from kronika.store.check import check as check_store

    err = console(stderr=True)
    with Store(db, read_only=True) as store:
        problems = list(check_store(store))
        counts = {t: store._con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "entries")}
    summary = ", ".join(f"{n} {t}" for t, n in counts.items())
    if not problems:
        err.print(f"ok: {summary} checked, no problems")
        return
    for p in problems:
        err.print(f"problem: {p}")
    err.print(f"{len(problems)} problems in {summary}")
    raise typer.Exit(1)


@app.command()
def spark(
    inputs: Annotated[list[str], typer.Argument(
        help=".warc(.gz), .jsonl or .parquet paths (WARC and JSONL on a file system every "
             "executor mounts; Parquet also on hdfs:// or s3a://)")],
    out: Annotated[str, typer.Option("--out", help="folder for the Parquet tables documents/, "
                                                   "events/, entries/, failures/")],
    master: Annotated[str | None, typer.Option(help="Spark master, e.g. local[2] [default: "
                                                    "spark-submit's, else local[*]]")] = None,
    partitions: Annotated[int | None, typer.Option(help="repartition the records into N tasks "
                                                        "(more tasks: better balance)")] = None,
    published: PublishedOption = None,
    lang: LangOption = "auto",
) -> None:
    """Run the pipeline as an Apache Spark job and write Parquet tables partitioned by month.

    Example:
        kronika spark crawl/*.warc.gz --out tables/ --master local[2]
    """
    from kronika.spark import run, session

    spark_session = session(master)
    try:
        counts = run(spark_session, inputs, out, published=_published(published),
                     lang=_lang(lang), partitions=partitions)
    finally:
        spark_session.stop()
    err = console(stderr=True)
    err.print(", ".join(f"{n} {name}" for name, n in counts.items()) + f" written to {out}")
    if counts.get("failures"):
        err.print(f"see {out.rstrip('/')}/failures for the inputs that could not be processed")





def _stored(db: str | None, **filters):
    """The filtered timeline of an existing store, with its evidence and documents."""
    from kronika.export import TimelineData
    from kronika.store import Store, default_path

    path = db or default_path()
    if not Path(path).exists():
        raise UsageError(f"no store at {path}; fill one with `kronika ingest FILE --db {path}`")
    with Store(path, read_only=True) as store:
        return path, TimelineData.read(store, **filters)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv, jsonl (folders of tables), "
                                                      "ics, md or gdelt (one file)")],
    db: DbOption = None,
    out: Annotated[str | None, typer.Option(
        "--out", help="folder for parquet/csv/jsonl [default: kronika-export]; file for ics/md "
                      "[default: stdout]")] = None,
    actor: ActorsOption = None,
    type_: TypesOption = None,
    status: StatusesOption = None,
    after: AfterOption = None,
    before: BeforeOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    bbox: BBoxOption = None,
) -> None:
    """Export the stored timeline: tables of entries and events, a calendar, or Markdown.

    parquet writes documents, events and entries whole (no filters); csv and jsonl write
    entries and the events they cite; ics writes one all-day calendar event per dated entry;
    md writes a Markdown timeline with footnoted sources; geojson writes the located events
    as GeoJSON points (one file); gdelt writes a GDELT-style
    tab-separated event table (one row per event of the corpus timeline: CAMEO and PLOVER
    type, actors' country codes, date, source URL) for tools that read event data.

    Example:
        kronika export --format md --actor Austin --out austin.md
        kronika export --format geojson --country UKR --out events.geojson
    """
    from kronika.export import FORMATS, TABLE_FORMATS, to_ics, to_markdown, write_tables
    from kronika.store import Store
    from kronika.timeline.query import parse_bbox

    if fmt not in (*FORMATS, "gdelt", "geojson"):
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(FORMATS)}, gdelt, geojson")
    filters = {"actors": actor or [], "types": type_ or [], "statuses": status or [],
               "after": after, "before": before, "places": place or [],
               "countries": country or [], "bbox": parse_bbox(bbox) if bbox else None}
    err = console(stderr=True)
    if fmt == "gdelt":
        if any(filters.values()):
            raise UsageError("--format gdelt exports the whole event table; drop the filters")
        path, _ = _stored(db)
        with Store(path, read_only=True) as store:
            text = _gdelt_tsv(store)
        if not out:
            typer.echo(text, nl=False)
            return
        Path(out).write_text(text, encoding="utf-8", newline="")
        paths = [Path(out)]
    elif fmt == "parquet":
        if any(filters.values()):
            raise UsageError("--format parquet exports whole tables; drop the filters or use "
                             "--format csv or jsonl")
        path, _ = _stored(db)
        with Store(path, read_only=True) as store:
            paths = store.export_parquet(out or "kronika-export")
    else:
        _, data = _stored(db, **filters)
        if fmt == "geojson":
            from kronika.places.geojson import to_geojson

            text, skipped = to_geojson(data)
            if skipped:
                err.print(f"kronika: note: {skipped} events without a place on the map are "
                          f"not in the GeoJSON")
            if not out:
                typer.echo(text, nl=False)
                return
            Path(out).write_text(text, encoding="utf-8")
            paths = [Path(out)]
        elif fmt in TABLE_FORMATS:
            paths = write_tables(data, out or "kronika-export", fmt)
        else:
            if fmt == "ics":
                text, skipped = to_ics(data)
                if skipped:
                    err.print(f"kronika: note: {skipped} undated or open-ended entries are not "
                              f"in the calendar")
            else:
                text = to_markdown(data)
            if not out:
                typer.echo(text, nl=False)
                return
            Path(out).write_text(text, encoding="utf-8", newline="")
            paths = [Path(out)]
    for p in paths:
        err.print(f"wrote {p}")


@app.command()
def schema(
    out: Annotated[str, typer.Option("--out", help="folder for the schema files")] = "schema",
) -> None:
    """Write the export schema: JSON Schemas of documents, entries and events (generated from
    the document model), the column dictionary of the Parquet and CSV tables, the schema
    version and its changelog.

    Example:
        kronika schema --out schema/
    """
    from kronika.dataset.schema import write_schema

    err = console(stderr=True)
    for p in write_schema(out):
        err.print(f"wrote {p}")


@app.command()
def snapshot(
    db: DbOption = None,
    out: Annotated[str, typer.Option("--out", help="folder that gets the dated snapshot "
                                                   "folder")] = ".",
    day: Annotated[str | None, typer.Option(
        "--date", help="the snapshot's date YYYY-MM-DD [default: today]")] = None,
    only_lang: Annotated[list[str] | None, typer.Option(
        "--only-lang", help="only documents in this language (repeatable)")] = None,
    published_after: Annotated[str | None, typer.Option(
        "--published-after", help="only documents published after this day")] = None,
    published_before: Annotated[str | None, typer.Option(
        "--published-before", help="only documents published before this day")] = None,
) -> None:
    """Write a dated, self-describing dataset: the Parquet tables, a manifest (kronika
    version, rule-set hashes, model versions, inputs and their hashes, filters, counts and
    hashes per table), a README saying how to cite it, and the schema files.

    Example:
        kronika snapshot --db news.duckdb --out datasets/ --published-after 2022-01-01
    """
    from kronika.dataset.snapshot import SnapshotFilters
    from kronika.dataset.snapshot import snapshot as write_snapshot
    from kronika.store import Store, default_path

    filters = SnapshotFilters(tuple(only_lang or ()),
                              _published_opt(published_after, "--published-after"),
                              _published_opt(published_before, "--published-before"))
    path = db or default_path()
    if not Path(path).exists():
        raise UsageError(f"no store at {path}; fill one with `kronika ingest FILE --db {path}`")
    with Store(path) as store:
        folder = write_snapshot(store, out, day=_published_opt(day, "--date"), filters=filters)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    err = console(stderr=True)
    for table in manifest["tables"].values():
        err.print(f"{table['file']}: {table['rows']} rows, sha256 {table['sha256'][:16]}…")
    typer.echo(str(folder))


def _gdelt_tsv(store) -> str:
    from kronika.timeline.export import gdelt_rows

    buf = io.StringIO()
    writer = None
    for row in gdelt_rows(store):
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(row), delimiter="\t",
                                    lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
    return buf.getvalue()


@app.command()
def plot(
    out: Annotated[str, typer.Option("--out", help="image file: .png, .svg or .pdf")],
    db: DbOption = None,
    actor: ActorsOption = None,
    type_: TypesOption = None,
    status: StatusesOption = None,
    after: AfterOption = None,
    before: BeforeOption = None,
    title: Annotated[str | None, typer.Option(help="the chart's title")] = None,
) -> None:
    """Draw the stored timeline as an image for reports (matplotlib).

    Dots are known days, solid bars stretches of time, hatched bars uncertain ranges; colours
    are PLOVER quad classes.

    Example:
        kronika plot --out timeline.svg --actor Austin
    """
    from kronika.plot import plot_timeline

    _, data = _stored(db, actors=actor or [], types=type_ or [], statuses=status or [],
                      after=after, before=before)
    n = plot_timeline(data, out, title=title)
    console(stderr=True).print(f"wrote {out} ({n} dated entries)")


WatchRulesOption = Annotated[str | None, typer.Option(
    "--rules", help="a rules file (YAML): saved queries, alert conditions and channels")]


def _watcher(source: str, db: str | None, rules: str | None, every: str | None,
             allow_private: bool, open_store=None, on_change=None):
    """The `Watcher` of `kronika watch` and `kronika serve --watch`."""
    from kronika.store import Store, default_path
    from kronika.watch import Watcher, load_rules, load_sources, source_from_url

    if source.startswith(("http://", "https://")):
        sources = source_from_url(source, every or "15m", allow_private=allow_private)
    else:
        sources = load_sources(source)
        if every:
            console(stderr=True).print(f"kronika: --every has no effect with a sources file; "
                                       f"set every: in {source}")
        if allow_private and not sources.allow_private:
            from dataclasses import replace

            sources = replace(sources, allow_private=True)
    path = db or default_path()
    return Watcher(sources, load_rules(rules) if rules else None,
                   open_store=open_store or (lambda: Store(path)), on_change=on_change)


@app.command()
def watch(
    source: Annotated[str, typer.Argument(help="a sources file (YAML), or one feed or listing "
                                               "page URL")],
    db: DbOption = None,
    every: Annotated[str | None, typer.Option(
        "--every", help="with a URL: how often to poll it (90s, 15m, 2h) [default: 15m]")] = None,
    rules: WatchRulesOption = None,
    once: Annotated[bool, typer.Option("--once", help="poll every source once now, alert, "
                                                      "print the table and stop")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="allow sources on loopback and private networks")] = False,
) -> None:
    """Poll feeds and listing pages, ingest what is new, and alert on what the rules ask for.

    The state (items seen, validators, next polls, alerts sent) is in the store: stop and
    start again at any time; nothing is ingested or alerted twice, nothing is missed.

    Example:
        kronika watch sources.yaml --rules rules.yaml --db news.duckdb
        kronika watch https://example.com/feed.xml --every 15m --once
    """
    import threading

    from rich.live import Live

    from kronika.watch.status import table

    err = console(stderr=True)
    watcher = _watcher(source, db, rules, every, allow_private)
    try:
        if once:
            polls = watcher.round(force=True)
            err.print(table(watcher))
            if any(p.status == "error" for p in polls):
                sys.exit(1)
            return
        stop = threading.Event()
        with Live(table(watcher), console=err, refresh_per_second=2) as live:
            watcher.on_change = lambda w: live.update(table(w))
            try:
                watcher.run(stop)
            except KeyboardInterrupt:
                stop.set()
                err.print("kronika watch: stopped; the state is saved, run the same command "
                          "to go on")
    finally:
        watcher.close()


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to listen on; 127.0.0.1 keeps the server "
                                           "to this machine")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="KRONIKA_TOKEN", show_envvar=True,
        help="require this token on every route but /api/health")] = None,
    max_body: Annotated[int, typer.Option(help="largest request body accepted, in bytes")]
    = 10_000_000,
    watch_file: Annotated[str | None, typer.Option(
        "--watch", help="also run `kronika watch` on this sources file inside the server")]
    = None,
    rules: WatchRulesOption = None,
) -> None:
    """Serve the HTTP API (/api/..., OpenAPI at /docs) and the web timeline page at /.

    The alerts of `kronika watch` are an Atom feed at /alerts.atom.

    Example:
        KRONIKA_TOKEN=s3cret kronika serve --db news.duckdb --port 8000
        kronika serve --db news.duckdb --watch sources.yaml --rules rules.yaml
    """
    import uvicorn

    from kronika.server import create_app
    from kronika.store import default_path

    path = db or default_path()
    local = host in ("127.0.0.1", "localhost", "::1")
    hosts = None if host in ("0.0.0.0", "::") else {"127.0.0.1", "localhost", "::1", host}
    if max_body < 1:
        raise UsageError(f"--max-body must be 1 or more bytes, not {max_body}")
    if rules and not watch_file:
        raise UsageError("--rules needs --watch SOURCES.yaml: alerts are checked after each "
                         "round of polls")
    watcher = None
    if watch_file:
        if watch_file.startswith(("http://", "https://")):
            raise UsageError("--watch takes a sources file; write the URL into one (see README "
                             "'Watch')")
        watcher = _watcher(watch_file, path, rules, None, False, open_store=lambda: None)
        if not watcher.rules.link:
            watcher.link = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    app_ = create_app(path, token=token or None, hosts=hosts, max_body=max_body,
                      watcher=watcher)
    where = "this machine only" if local else "EVERY machine that can reach this one"
    err = console(stderr=True)
    err.print(f"kronika: serving {path} at http://{host}:{port}/ ({where}); token "
              f"{'required' if token else 'NOT required: pass --token or set $KRONIKA_TOKEN'}")
    uvicorn.run(app_, host=host, port=port, log_level="info", server_header=False)


def main() -> None:
    try:
        app()
    except KronikaError as exc:
        typer.echo(f"kronika: error: {exc}", err=True)
        sys.exit(2 if isinstance(exc, UsageError) else 1)
