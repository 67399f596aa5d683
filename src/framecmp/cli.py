"""The ``framecmp`` command.

Subcommands::

    framecmp demo [-o DIR]                      score the bundled seeds, write a report
    framecmp score PATH -o DIR [--format parquet|csv] [--workers K]
    framecmp report PATH -o report.html
    framecmp worksheet PATH [--event E] [--outlets A,B] -o sheet.html
    framecmp lexicon check FILE [FILE ...] [--actors MY_ACTORS.yaml]
    framecmp lexicon copy NAME -o FILE          an editable copy of a bundled lexicon

PATH is a corpus file (CSV, JSONL, JSONL.gz, Parquet) or a folder of .txt
files with a metadata file; ``seeds`` means the bundled sample corpus.
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

from framecmp._version import __version__

log = logging.getLogger("framecmp")


_COLUMN_OPTIONS = (("text", "article text"), ("outlet", "outlet name"), ("id", "article id"),
                   ("title", "headline"), ("date", "publication date"))


def _columns(args: argparse.Namespace) -> dict[str, str]:
    """The input columns named on the command line (``--text body`` -> ``{"text": "body"}``)."""
    return {k: v for k, _ in _COLUMN_OPTIONS if (v := getattr(args, f"col_{k}", None)) is not None}


def _load_corpus(path: str, args: argparse.Namespace | None = None) -> Any:
    from framecmp.io.readers import load, load_seeds

    if path == "seeds":
        return load_seeds()
    columns = _columns(args) if args is not None else {}
    if columns and Path(path).is_dir():
        raise ValueError(f"--{next(iter(columns))} names a column of a table; {path} is a folder "
                         "(a folder's fields come from its metadata file)")
    return load(path, **columns)


def _cli_hint(msg: str) -> str:
    """Add the command-line spelling to an error that names a Python parameter."""
    m = re.search(r"The '(\w+)' parameter of (\w+)\(\)", msg)
    if m and m.group(1) in dict(_COLUMN_OPTIONS):
        flag = "--title-column" if m.group(1) == "title" else f"--{m.group(1)}"
        return f"{msg} (on the command line: {flag} COLUMN)"
    if m and m.group(1) == "which":
        return f"{msg} (on the command line: the NAME of 'framecmp lexicon copy NAME')"
    return msg


def _out(msg: str) -> None:
    sys.stdout.write(msg + "\n")


def _progress_flag(args: argparse.Namespace) -> bool | None:
    return False if getattr(args, "no_progress", False) else None


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
    scores.save(out / "frames", format="csv")
    sheet = worksheet(scores)
    sheet.save(out / "worksheet.html")
    _out(f"Scored {len(corpus)} seed articles ({scores.summary()}).")
    _out(f"Report:    {out / 'report.html'}")
    _out(f"Worksheet: {out / 'worksheet.html'} (answer key beside it)")
    _out(f"Frames:    {out / 'frames'}/*.csv")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from framecmp.runs import score_file

    # files are streamed in chunks; a folder (or the seeds) is read whole, then scored in chunks
    summary = score_file(
        args.path,
        args.output,
        format=args.format,
        workers=args.workers,
        chunksize=args.chunksize,
        progress=_progress_flag(args),
        columns=_columns(args),
    )
    _out(summary)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from framecmp.present.report import report
    from framecmp.scoring import score

    corpus = _load_corpus(args.path, args)
    scores = score(corpus, workers=args.workers, progress=_progress_flag(args))
    report(scores, args.output, title=args.title or f"framecmp report: {args.path}")
    _out(f"Report written to {args.output} ({scores.summary()}).")
    return 0


def cmd_worksheet(args: argparse.Namespace) -> int:
    from framecmp.present.teach import worksheet
    from framecmp.scoring import score

    corpus = _load_corpus(args.path, args)
    scores = score(corpus, progress=_progress_flag(args))
    outlets = [o.strip() for o in args.outlets.split(",")] if args.outlets else None
    sheet = worksheet(scores, event=args.event, outlets=outlets, mode=args.mode)
    paths = sheet.save(args.output)
    _out("Worksheet written: " + ", ".join(str(p) for p in paths))
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


def _add_column_options(sub: argparse.ArgumentParser, *, title_flags: Sequence[str] = ("--title-column",)) -> None:
    """``--text COLUMN`` etc.: which input column holds which field (files, not folders)."""
    for col, what in _COLUMN_OPTIONS:
        default = "'id' if the file has it, else file name and row" if col == "id" else f"'{col}'"
        flags = tuple(title_flags) if col == "title" else (f"--{col}",)
        sub.add_argument(*flags, dest=f"col_{col}", default=None, metavar="COLUMN",
                         help=f"input column holding the {what} (default: {default})")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framecmp",
        description="Compare how news outlets frame the same events: stance toward actors, "
        "loaded terms and attribution style, every number traced to spans of text.",
    )
    p.add_argument("--version", action="version", version=f"framecmp {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo", help="score the bundled seed articles and write a report")
    d.add_argument("-o", "--output", default="demo-output", help="output folder (default: demo-output)")
    d.add_argument("--no-progress", action="store_true", help="no progress bar")
    d.set_defaults(func=cmd_demo)

    s = sub.add_parser("score", help="score a corpus file, write the frames (streams big files)")
    s.add_argument("path", help="CSV, JSONL(.gz), Parquet file, a folder, or 'seeds'")
    s.add_argument("-o", "--output", required=True, help="output folder for the frames")
    s.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    s.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    s.add_argument("--chunksize", type=int, default=2000, help="articles read per chunk")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(s, title_flags=("--title-column", "--title"))  # --title: the older spelling
    s.set_defaults(func=cmd_score)

    r = sub.add_parser("report", help="score a corpus and write a self-contained HTML report")
    r.add_argument("path", help="corpus file or folder, or 'seeds'")
    r.add_argument("-o", "--output", default="report.html")
    r.add_argument("--title", default=None,
                   help="the report's title (the input's headline column is --title-column)")
    r.add_argument("--workers", type=int, default=1)
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(r)
    r.set_defaults(func=cmd_report)

    w = sub.add_parser("worksheet", help="write a classroom worksheet and its answer key")
    w.add_argument("path", help="corpus file or folder, or 'seeds'")
    w.add_argument("--event", default=None, help="only articles of this event")
    w.add_argument("--outlets", default=None, help="comma-separated outlets to compare")
    w.add_argument("--mode", choices=["highlight", "blank"], default="highlight")
    w.add_argument("-o", "--output", default="worksheet.html")
    w.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(w)
    w.set_defaults(func=cmd_worksheet)

    lx = sub.add_parser("lexicon", help="check or copy lexicon files")
    lsub = lx.add_subparsers(dest="lexicon_command", metavar="ACTION")
    lc = lsub.add_parser("check", help="validate lexicon files; every problem with its line")
    lc.add_argument("files", nargs="+")
    lc.add_argument("--actors", default=None, metavar="FILE",
                    help="your own actors file, so that referents may name its actors")
    lc.set_defaults(func=cmd_lexicon_check)
    lw = lsub.add_parser("copy", help="write an editable copy of a bundled lexicon")
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
        sys.stderr.write(f"framecmp {args.command}: error: {_cli_hint(str(exc))}\n")
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
