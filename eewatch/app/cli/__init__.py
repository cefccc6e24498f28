"""The ``eewatch`` command line: one umbrella, a module per command."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from eewatch.app import exitcodes
from eewatch.config import ConfigError, default_database_url
from eewatch.store.errors import StorageError, describe_storage_error

log = logging.getLogger("eewatch")


def command_names() -> list[str]:
    """Every module of this package is a command of the same name, with ``add_parser(subparsers)``."""
    folder = Path(__path__[0])
    return sorted(p.stem for p in folder.glob("*.py") if not p.name.startswith("_"))


def _summary(name: str) -> str:
    """A command's one-line help, read from its module docstring without importing it."""
    import ast

    source = (Path(__path__[0]) / f"{name}.py").read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source)) or ""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return plain(first.split(": ", 1)[1] if first.startswith("``") and ": " in first else first)


_LITERAL = re.compile(r"``(.+?)``")


def plain(text: str) -> str:
    """Help text without the reStructuredText of docstrings: ````--test```` is shown as ``--test``."""
    return _LITERAL.sub(r"\1", text)


class Parser(argparse.ArgumentParser):
    """argparse, with plain help texts and an error that suggests the option meant."""

    def format_help(self) -> str:
        return plain(super().format_help())

    def format_usage(self) -> str:
        return plain(super().format_usage())

    def unrecognized(self, extras: Sequence[str]) -> NoReturn:
        """``unrecognized arguments: --limt 5`` with this (sub)command's usage and the nearest option."""
        message = f"unrecognized arguments: {' '.join(extras)}"
        options = sorted(o for action in self._actions for o in action.option_strings if o.startswith("--"))
        for extra in extras:
            if extra.startswith("--"):
                import difflib

                near = difflib.get_close_matches(extra.split("=", 1)[0], options, n=1, cutoff=0.75)
                if near:
                    message += f" (did you mean {near[0]}?)"
                    break
        self.error(message)


def _epilog() -> str:
    return (
        "Config is found by --config, then $EEWATCH_CONFIG, then ./config.toml. "
        f"Default database: {default_database_url()} ($EEWATCH_DATABASE_URL overrides). "
        "Exit codes: 0 ok, 1 internal error, 2 usage or config error, 3 source error, "
        "4 storage error, 5 delivery error, 6 unhealthy, 7 another daemon holds the database."
    )


def build_parser(command: str | None = None) -> Parser:
    """The umbrella parser. Only ``command``'s module is imported (start-up time matters to cron)."""
    names = command_names()
    parser = Parser(
        prog="eewatch",
        description="Watch Canada's Express Entry rounds of invitations.",
        # Shown by ``eewatch --help`` only: not made when a command is given (no data-dir lookup).
        epilog=None if command in names else _epilog(),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)
    for name in names:
        if name == command:
            __import__(f"{__name__}.{name}", fromlist=["add_parser"]).add_parser(sub)
        elif command in names:
            # A command was given: the others' one-line help is never shown (no docstrings parsed).
            sub.add_parser(name, add_help=False)
        else:
            sub.add_parser(name, help=_summary(name), add_help=False)
    return parser


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command takes."""
    parser.add_argument(
        "--config", metavar="PATH", help="config file (default: $EEWATCH_CONFIG or ./config.toml)"
    )
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    noise.add_argument("-v", "--verbose", action="count", default=0, help="more detail (twice for debug)")
    parser.add_argument("--log-format", choices=("text", "json"), default="text", help="log line format")


def category_arg(text: str) -> str:
    """A ``--category`` value: lower case, an old slug read as its new name (``senior-managers-canadian``)."""
    from eewatch.domain.taxonomy import canonical_category

    return canonical_category(text.strip().lower())


def whole_number(text: str, minimum: int) -> int:
    """A count given on the command line: a whole number, at least ``minimum``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
    return value


def positive_int(text: str) -> int:
    """``--limit``, ``--last``: at least 1."""
    return whole_number(text, 1)


def count(text: str) -> int:
    """``--notify-backfill``: 0 or more."""
    return whole_number(text, 0)


def iso_date(text: str) -> dt.date:
    """A date given on the command line (``--since``): ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None


def usage_error(command: str, message: str) -> int:
    """Say what is wrong with the command line on one line, as argparse does; exit code 2."""
    sys.stderr.write(f"eewatch {command}: error: {message}\n")
    return exitcodes.CONFIG


def verbosity(args: argparse.Namespace) -> int:
    return -1 if getattr(args, "quiet", False) else getattr(args, "verbose", 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``eewatch``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command)
    args, extras = parser.parse_known_args(argv)
    if extras:
        # The command's parser, so its usage is shown, not the umbrella's.
        chosen = _subcommand_parser(parser, args.command)
        (chosen if isinstance(chosen, Parser) else parser).unrecognized(extras)
    return _dispatch(args)


def _subcommand_parser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get(name)
    return None


def scrape_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``scrape`` (the same as ``eewatch scrape``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    return main(["scrape", *argv])


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except ConfigError as exc:
        log.error("config error: %s", exc)
        return exitcodes.CONFIG
    except StorageError as exc:
        log.error("database error: %s", exc)
        return exitcodes.STORAGE
    except BrokenPipeError:
        # The reader went away (``| head``): not an error of ours.
        sys.stderr.close()
        return exitcodes.OK
    except KeyboardInterrupt:
        log.warning("interrupted")
        return 130
    except Exception as exc:
        # SQLAlchemy is imported only by the commands that use it (not by a cron check).
        sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
        if sqlalchemy_exc is None or not isinstance(exc, sqlalchemy_exc.SQLAlchemyError):
            raise
        # The driver's first line (passwords masked), never the SQL: it may carry data.
        log.error("database error: %s", describe_storage_error(None, exc))
        return exitcodes.STORAGE
