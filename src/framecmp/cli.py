"""The ``framecmp`` command.

Subcommands::

    framecmp demo [-o DIR] [--format csv|parquet]  score the bundled seeds, write a report
    framecmp score PATH -o DIR [--format parquet|csv] [--workers K]
    framecmp report PATH -o report.html [--title TITLE]
    framecmp worksheet PATH [--event E] [--outlets A,B] [--title TITLE] -o sheet.html
    framecmp lexicon check FILE [FILE ...] [--actors MY_ACTORS.yaml]
    framecmp lexicon copy NAME -o FILE          an editable copy of a bundled lexicon

PATH is a corpus file (CSV, JSONL, JSONL.gz, Parquet) or a folder of .txt
files with a metadata file; ``seeds`` means the bundled sample corpus.

score, report and worksheet take the same input options: ``--text-column``,
``--outlet-column``, ``--id-column``, ``--title-column``, ``--date-column``,
``--url-column``, ``--event-column``, ``--language-column``,
``--translated-from-column`` (each names a COLUMN of the input), ``--sep`` (a CSV's
separator; sniffed from the header by default) and ``--encoding``. ``--title`` is
always a title, ``--event`` always an event of the event column.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framecmp._validation import ParameterError
from framecmp._version import __version__

log = logging.getLogger("framecmp")


#: (field, what it holds, its flags): the input column options of score, report and worksheet.
#: Every flag names a COLUMN of the input; the short spellings (--text) are the older ones.
_COLUMN_OPTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("text", "article text", ("--text-column", "--text")),
    ("outlet", "outlet name", ("--outlet-column", "--outlet")),
    ("id", "article id", ("--id-column", "--id")),
    ("title", "headline", ("--title-column",)),
    ("date", "publication date", ("--date-column", "--date")),
    ("url", "URL", ("--url-column",)),
    ("event", "event (articles about the same event share it)", ("--event-column",)),
    ("language", "language code (en, fr, ...)", ("--language-column",)),
    ("translated_from", "language a translated text was translated from", ("--translated-from-column",)),
)
_FLAG = {col: flags[0] for col, _what, flags in _COLUMN_OPTIONS}

#: What ``--format`` writes.
_FORMATS = {"csv": "one CSV file per frame", "parquet": "one Parquet file per frame; read them with pandas.read_parquet"}


def _columns(args: argparse.Namespace) -> dict[str, str]:
    """The input columns named on the command line (``--text-column body`` -> ``{"text": "body"}``)."""
    return {k: v for k, _w, _f in _COLUMN_OPTIONS if (v := getattr(args, f"col_{k}", None)) is not None}


def _read_options(path: str, args: argparse.Namespace | None) -> dict[str, str]:
    """``--sep`` and ``--encoding`` for the reader of ``path`` (checked against its type)."""
    if args is None:
        return {}
    opts = {k: v for k in ("sep", "encoding") if (v := getattr(args, k, None)) is not None}
    if not opts or path == "seeds":
        return {} if path == "seeds" else opts
    name = Path(path).name.lower()
    is_csv = name.endswith((".csv", ".tsv"))
    if "sep" in opts and not is_csv:
        raise ValueError(f"--sep is the field separator of a CSV file; {path} is not a .csv or .tsv file")
    if "encoding" in opts and not (is_csv or Path(path).is_dir()
                                   or name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"))):
        raise ValueError(f"--encoding is for CSV, JSON Lines and folders of .txt files; {path} holds "
                         "its own encoding")
    return opts


def _load_corpus(path: str, args: argparse.Namespace | None = None) -> Any:
    from framecmp.io.readers import load, load_seeds

    if path == "seeds":
        return load_seeds()
    columns: dict[str, Any] = _columns(args) if args is not None else {}
    if columns and Path(path).is_dir():
        flag = _FLAG[next(iter(columns))]
        raise ValueError(f"{flag} names a column of a table; {path} is a folder "
                         "(a folder's fields come from its metadata file)")
    options: dict[str, Any] = dict(_read_options(path, args))
    return load(path, **columns, **options)


# the command-line spelling of the Python parameters an error may name
_OPTIONS = {
    **{col: f"{flag} COLUMN" for col, flag in _FLAG.items()},
    "which": "the NAME of 'framecmp lexicon copy NAME'",
    "encoding": "--encoding NAME",
    "sep": "--sep SEP",
    "event": "--event",
    "outlets": "--outlets",
    "workers": "--workers",
    "chunksize": "--chunksize",
}


def _cli_hint(exc: Exception) -> str:
    """The error's message, with the command-line option of the parameter it names (if any)."""
    msg = str(exc)
    option = None
    if isinstance(exc, ParameterError):
        # "event" is a column of a file to the readers, the event to pick to worksheet()
        reader = exc.caller.startswith(("load", "read", "iter", "from_"))
        option = (f"{_FLAG[exc.param]} COLUMN" if reader and exc.param in _FLAG
                  else _OPTIONS.get(exc.param))
    if option:
        return f"{msg} (on the command line: {option})"
    if re.search(r"not (UTF-8|utf-8)", msg):
        return f"{msg} (on the command line: --encoding cp1252 for a file saved by Excel on Windows)"
    return msg


def _out(msg: str) -> None:
    sys.stdout.write(msg + "\n")


def _language_line(articles: Any) -> None:
    """One line: how many articles were left out because of their language (if any)."""
    left = articles[articles["status"] == "unsupported_language"] if "status" in articles else articles[:0]
    if len(left):
        from framecmp.present.display import language_name

        counts = left["language"].map(language_name).value_counts()
        langs = ", ".join(f"{name} {n}" for name, n in counts.items())
        _out(f"Not scored: {len(left)} article(s) in a language framecmp cannot read yet ({langs}); "
             "the articles table lists them with status 'unsupported_language'.")


def _progress_flag(args: argparse.Namespace) -> bool | None:
    return False if getattr(args, "no_progress", False) else None


def _misused(args: argparse.Namespace) -> None:
    """One meaning per option: --title is a title, --event an event; columns are --X-column."""
    if getattr(args, "misused_title", None) is not None:
        raise ValueError("--title is the title of a report or worksheet; the input's headline "
                         "column is --title-column COLUMN")
    if getattr(args, "misused_event", None) is not None:
        raise ValueError("--event picks the event of a worksheet; the input's event column is "
                         "--event-column COLUMN")


def _frames_line(folder: Path | str, format: str) -> None:
    _out(f"Frames:    {folder}/*.{format} ({_FORMATS[format]})")


def _encoding_line(n_not_utf8: int, args: argparse.Namespace) -> None:
    """The last line when some articles could not be read: how to fix it."""
    if n_not_utf8:
        given = getattr(args, "encoding", None)
        how = ("re-save the file as UTF-8, or give its real encoding with --encoding NAME"
               if given else "run again with --encoding cp1252 (a file saved by Excel on Windows) "
               "or --encoding latin-1, or re-save the file as UTF-8")
        _out(f"{n_not_utf8} article(s) not read: the text is not "
             f"{given or 'UTF-8'} (status 'not_utf8'). To fix: {how}.")


def _after_scoring(articles: Any, args: argparse.Namespace) -> None:
    """The lines every scoring command ends with: languages left out, then encoding problems."""
    _language_line(articles)
    _encoding_line(int((articles["status"] == "not_utf8").sum()) if "status" in articles else 0, args)


def cmd_demo(args: argparse.Namespace) -> int:
    from framecmp.io.readers import load_seeds
    from framecmp.present.report import report
    from framecmp.present.teach import worksheet
    from framecmp.scoring import score

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    corpus = load_seeds()
    scores = score(corpus, progress=_progress_flag(args))
    report(scores, out / "report.html", title="framecmp demo: five Mali articles")
    scores.save(out / "frames", format=args.format)
    sheet = worksheet(scores)
    sheet.save(out / "worksheet.html")
    _out(f"Scored {len(corpus)} seed articles ({scores.summary()}).")
    _out(f"Report:    {out / 'report.html'}")
    _out(f"Worksheet: {out / 'worksheet.html'} (answer key beside it)")
    _frames_line(out / "frames", args.format)
    _language_line(scores.articles)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from framecmp.runs import score_file

    _misused(args)
    # files are streamed in chunks; a folder (or the seeds) is read whole, then scored in chunks
    summary = score_file(
        args.path,
        args.output,
        format=args.format,
        workers=args.workers,
        chunksize=args.chunksize,
        progress=_progress_flag(args),
        columns=_columns(args),
        read_options=_read_options(args.path, args),
        engine=args.engine,
    )
    _out(summary.split("; frames written to")[0] + ".")
    _frames_line(args.output, args.format)
    n_lang = re.search(r"(\d+) unsupported_language", summary)
    if n_lang:
        _out(f"Not scored: {n_lang.group(1)} article(s) in a language framecmp cannot read yet; the "
             "articles frame lists them (column 'language') with status 'unsupported_language'.")
    n_bad = re.search(r"(\d+) not_utf8", summary)
    _encoding_line(int(n_bad.group(1)) if n_bad else 0, args)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from framecmp.present.report import report
    from framecmp.scoring import score

    _misused(args)
    corpus = _load_corpus(args.path, args)
    scores = score(corpus, workers=args.workers, progress=_progress_flag(args), engine=args.engine)
    report(scores, args.output, title=args.title or f"framecmp report: {args.path}")
    _out(f"Report written to {args.output} ({scores.summary()}).")
    _after_scoring(scores.articles, args)
    return 0


def _worksheet_event(corpus: Any, articles: Any, args: argparse.Namespace, outlets: list[str] | None) -> str | None:
    """The event of the worksheet: --event, else the one covered by the most outlets (said)."""
    ok = articles[articles["status"] == "ok"]
    if outlets:
        ok = ok[ok["outlet"].astype(str).isin(outlets)]
    events = ok["event"].dropna().astype(str)
    if events.empty:
        meta = sorted({k for a in corpus for k in a.metadata} - {"source", "row", "status_detail", "date_raw",
                                                                  "clean_timeouts"})
        where = (f"; the input's other columns: {meta}" if meta else "")
        if args.event is not None:
            raise ValueError(f"--event {args.event!r}: the articles have no event. Name the column that "
                             f"holds events with --event-column COLUMN{where}")
        _out("The articles have no event, so the worksheet takes one article per outlet, which may "
             f"report different events (name the event column with --event-column COLUMN{where}).")
        return None
    if args.event is not None:
        return str(args.event)
    per_event = ok.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
    if per_event.max() < 2:
        _out("No event is covered by two outlets: the worksheet takes one article per outlet, on "
             f"different events (choose one with --event; events: {sorted(set(events))}).")
        return None
    event = str(per_event.idxmax())
    others = sorted(set(events) - {event})
    _out(f"Event: {event} (covered by {int(per_event.max())} outlets, the most; choose another with "
         f"--event{f', e.g. {others[0]!r}' if others else ''}).")
    return event


def cmd_worksheet(args: argparse.Namespace) -> int:
    from framecmp.present.teach import worksheet
    from framecmp.scoring import score

    corpus = _load_corpus(args.path, args)
    scores = score(corpus, progress=_progress_flag(args))
    outlets = [o.strip() for o in args.outlets.split(",")] if args.outlets else None
    event = _worksheet_event(corpus, scores.articles, args, outlets)
    sheet = worksheet(scores, event=event, outlets=outlets, mode=args.mode, title=args.title)
    paths = sheet.save(args.output)
    _out("Worksheet written: " + ", ".join(str(p) for p in paths))
    _after_scoring(scores.articles, args)
    return 0


def cmd_lexicon_check(args: argparse.Namespace) -> int:
    from framecmp.lexicon_check import check_lexicon_file

    bad = 0
    for f in args.files:
        problems = check_lexicon_file(f, actors=args.actors)
        if problems:
            bad += 1
            _out(f"{f}: {len(problems)} problem(s)")
            for p in problems:
                _out(f"  - {p}")
        else:
            _out(f"{f}: OK")
    return 1 if bad else 0


def cmd_lexicon_copy(args: argparse.Namespace) -> int:
    from framecmp.lexicon_check import write_editable_lexicon

    dest = Path(args.output)
    if not args.overwrite and (dest.is_file() or (dest / f"{args.name}.yaml").is_file()):
        raise FileExistsError(f"{dest if dest.is_file() else dest / (args.name + '.yaml')} exists; "
                              "pass --overwrite to replace it")
    path = write_editable_lexicon(args.output, which=args.name, overwrite=args.overwrite)
    _out(f"Editable copy of '{args.name}' written to {path}. Check it with: framecmp lexicon check {path}")
    return 0


def _add_column_options(sub: argparse.ArgumentParser) -> None:
    """``--text-column COLUMN`` etc.: which input column holds which field; ``--sep``, ``--encoding``."""
    g = sub.add_argument_group("input columns (files, not folders)")
    for col, what, flags in _COLUMN_OPTIONS:
        default = "'id' if the file has it, else file name and row" if col == "id" else f"'{col}'"
        g.add_argument(*flags, dest=f"col_{col}", default=None, metavar="COLUMN",
                       help=f"the column holding the {what} (default: {default})")
    r = sub.add_argument_group("reading the file")
    r.add_argument("--sep", default=None, metavar="CHAR",
                   help="field separator of a CSV (default: the one of , ; tab | its header row uses)")
    r.add_argument("--encoding", default=None, metavar="NAME",
                   help="text encoding of the file (default utf-8; cp1252 for Excel on Windows)")


def _format_option(sub: argparse.ArgumentParser, default: str) -> None:
    sub.add_argument("--format", choices=list(_FORMATS), default=default,
                     help=f"file format of the frames (default: {default})")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framecmp",
        allow_abbrev=False,
        description="Compare how news outlets frame the same events: stance toward actors, "
        "loaded terms and attribution style, every number traced to spans of text.",
    )
    p.add_argument("--version", action="version", version=f"framecmp {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo", allow_abbrev=False, help="score the bundled seed articles and write a report")
    d.add_argument("-o", "--output", default="demo-output", help="output folder (default: demo-output)")
    _format_option(d, "csv")
    d.add_argument("--no-progress", action="store_true", help="no progress bar")
    d.set_defaults(func=cmd_demo)

    s = sub.add_parser("score", allow_abbrev=False, help="score a corpus file, write the frames (streams big files)")
    s.add_argument("path", help="CSV, JSONL(.gz), Parquet file, a folder, or 'seeds'")
    s.add_argument("-o", "--output", required=True, help="output folder for the frames")
    _format_option(s, "parquet")
    s.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    s.add_argument("--engine", choices=["linear", "rules", "neural"], default="linear",
                   help="the target engine that scores every actor mention (default linear; "
                        "neural needs pip install \"framecmp[neural]\")")
    s.add_argument("--chunksize", type=int, default=2000, help="articles read per chunk")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(s)
    s.add_argument("--title", dest="misused_title", default=None, help=argparse.SUPPRESS)
    s.add_argument("--event", dest="misused_event", default=None, help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_score)

    r = sub.add_parser("report", allow_abbrev=False, help="score a corpus and write a self-contained HTML report")
    r.add_argument("path", help="corpus file or folder, or 'seeds'")
    r.add_argument("-o", "--output", default="report.html")
    r.add_argument("--title", default=None,
                   help="the report's title (the input's headline column is --title-column)")
    r.add_argument("--workers", type=int, default=1)
    r.add_argument("--engine", choices=["linear", "rules", "neural"], default="linear",
                   help="the target engine (default linear; neural needs the neural extra)")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(r)
    r.add_argument("--event", dest="misused_event", default=None, help=argparse.SUPPRESS)
    r.set_defaults(func=cmd_report)

    w = sub.add_parser("worksheet", allow_abbrev=False, help="write a classroom worksheet and its answer key")
    w.add_argument("path", help="corpus file or folder, or 'seeds'")
    w.add_argument("--event", default=None, metavar="EVENT",
                   help="use the articles of this event (a value of the event column; default: "
                        "the event covered by the most outlets, named in the output)")
    w.add_argument("--outlets", default=None, help="comma-separated outlets to compare")
    w.add_argument("--title", default=None,
                   help="the worksheet's title (the input's headline column is --title-column)")
    w.add_argument("--mode", choices=["highlight", "blank"], default="highlight")
    w.add_argument("-o", "--output", default="worksheet.html")
    w.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(w)
    w.set_defaults(func=cmd_worksheet)

    lx = sub.add_parser("lexicon", allow_abbrev=False, help="check or copy lexicon files")
    lsub = lx.add_subparsers(dest="lexicon_command", metavar="ACTION")
    lc = lsub.add_parser("check", allow_abbrev=False, help="validate lexicon files; every problem with its line")
    lc.add_argument("files", nargs="+")
    lc.add_argument("--actors", default=None, metavar="FILE",
                    help="your own actors file, so that referents may name its actors")
    lc.set_defaults(func=cmd_lexicon_check)
    lw = lsub.add_parser("copy", allow_abbrev=False, help="write an editable copy of a bundled lexicon")
    lw.add_argument("name", help="e.g. loaded_terms, actors, reporting_verbs")
    lw.add_argument("-o", "--output", required=True)
    lw.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    lw.set_defaults(func=cmd_lexicon_copy)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``framecmp`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 0 if args.command is None else 2
    shown = warnings.formatwarning
    # a warning is for the user at the command line: one line, no source-code excerpt
    warnings.formatwarning = lambda message, category, *_a, **_k: (
        f"framecmp {args.command}: {category.__name__}: {message}\n")
    from framecmp.runs import Stopped, WorkersFailed

    try:
        return int(args.func(args))
    except (OSError, ValueError, TypeError, ImportError) as exc:
        sys.stderr.write(f"framecmp {args.command}: error: {_cli_hint(exc)}\n")
        return 2
    except WorkersFailed as exc:  # the output is written; some articles have a status
        sys.stderr.write(f"framecmp {args.command}: error: {exc}\n")
        return 1
    except Stopped as exc:  # SIGINT or SIGTERM: the chunks written are whole
        sys.stderr.write(f"framecmp {args.command}: {exc.message()}\n")
        return 128 + exc.signum
    except KeyboardInterrupt:
        sys.stderr.write(f"framecmp {args.command}: stopped\n")
        return 130
    finally:
        warnings.formatwarning = shown


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
