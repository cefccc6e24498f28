"""The ``eewatch`` command line: one umbrella, a module per command."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from eewatch.app import exitcodes
from eewatch.config import ConfigError, default_database_url
from eewatch.store.errors import StorageError, describe_storage_error

if TYPE_CHECKING:
    from eewatch.config import Config
    from eewatch.domain.record import Round
    from eewatch.store.store import Store

log = logging.getLogger("eewatch")


def command_names() -> list[str]:
    """Every module of this package is a command of the same name, with ``add_parser(subparsers)``."""
    import os

    return sorted(
        name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and not name.startswith("_")
    )


def _summary(name: str) -> str:
    """A command's one-line help, read from its module docstring without importing it."""
    import ast
    from pathlib import Path

    source = (Path(__path__[0]) / f"{name}.py").read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source)) or ""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return plain(first.split(": ", 1)[1] if first.startswith("``") and ": " in first else first)


_LITERAL = re.compile(r"``(.+?)``")


def plain(text: str) -> str:
    """Help text without the reStructuredText of docstrings: ````--test```` is shown as ``--test``."""
    return _LITERAL.sub(r"\1", text)


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing ``shutil``: it imports ``zlib``, ``bz2``
    and ``lzma``, ~2 ms of every cron run, for argparse's help width (``$COLUMNS``, the terminal, 80)."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal (found without ``shutil``)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width
        )


class Parser(argparse.ArgumentParser):
    """argparse, with plain help texts and an error that suggests the option meant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

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
    """The umbrella parser. Only ``command``'s module is imported (start-up time matters to cron).

    The common options are the umbrella's and every command's, so they go before or after the
    command (``eewatch --config c.toml status`` and ``eewatch status --config c.toml``).
    """
    names = command_names()
    parser = Parser(
        prog="eewatch",
        description="Watch Canada's Express Entry rounds of invitations.",
        # Shown by ``eewatch --help`` only: not made when a command is given (no data-dir lookup).
        epilog=None if command in names else _epilog(),
    )
    add_common(parser, defaults=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)
    if command in names:
        # A command was given: only its parser is made (the others are never shown nor used).
        __import__(f"{__name__}.{command}", fromlist=["add_parser"]).add_parser(sub)
        return parser
    for name in names:
        sub.add_parser(name, help=_summary(name), add_help=False)
    return parser


def command_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    run: Callable[[Context], int],
    **kwargs: Any,
) -> argparse.ArgumentParser:
    """A command's parser with the common options; ``run(ctx)`` is called with the set-up done.

    A new command is a module of this package with ``add_parser(sub)`` calling this, and ``run``.
    """
    parser = sub.add_parser(name, **kwargs)
    add_common(parser, defaults=False)
    parser.set_defaults(run=run)
    return parser


#: The umbrella's options that take a value (to find the command among ``argv``).
_VALUED = ("--config", "--log-format")


def add_common(parser: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    """Options every command takes. A command's copy has no defaults, so it keeps what was given
    before the command unless given again after it."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument(
        "--config",
        metavar="PATH",
        default=default(None),
        help="config file (default: $EEWATCH_CONFIG or ./config.toml)",
    )
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument(
        "-q", "--quiet", action="store_true", default=default(False), help="only warnings and errors"
    )
    noise.add_argument(
        "-v", "--verbose", action="count", default=default(0), help="more detail (twice for debug)"
    )
    parser.add_argument(
        "--log-format", choices=("text", "json"), default=default("text"), help="log line format"
    )


def add_filters(parser: argparse.ArgumentParser, *, round_type: bool = True, since: bool = True) -> None:
    """``--category`` (and ``--type``, ``--since``): which stored rounds a view reads."""
    from eewatch.domain.record import ROUND_TYPES

    parser.add_argument(
        "--category", type=category_arg, metavar="SLUG", help="only this category (stem, french, ...)"
    )
    if round_type:
        parser.add_argument("--type", choices=ROUND_TYPES, help="only this round type")
    if since:
        parser.add_argument("--since", type=iso_date, metavar="DATE", help="only rounds on or after DATE")


def category_arg(text: str) -> str:
    """A ``--category`` value: lower case, an old slug read as its new name (``senior-managers-canadian``)."""
    from eewatch.domain.taxonomy import canonical_category

    return canonical_category(text.strip().lower())


#: The largest count a command takes: what a database's 64-bit integer (SQL ``LIMIT``) holds.
MAX_COUNT = 2**63 - 1


def whole_number(text: str, minimum: int) -> int:
    """A count given on the command line: a whole number, at least ``minimum``, at most :data:`MAX_COUNT`."""
    digits = text.strip().lstrip("+-")
    if len(digits) > 30:  # int() would read thousands of digits, and the count is absurd anyway
        raise argparse.ArgumentTypeError(f"{text[:30]!r}... is too large (at most {MAX_COUNT})")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_COUNT}, got {value}")
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


class UserError(Exception):
    """A mistake of the user's (command line, config, a path): one line on stderr and an exit code."""

    def __init__(self, message: str, code: int = exitcodes.CONFIG) -> None:
        super().__init__(message)
        self.code = code


def usage_error(command: str, message: str, code: int = exitcodes.CONFIG) -> int:
    """Say what is wrong on one line, as argparse does (``eewatch rounds: error: ...``); the exit code."""
    sys.stderr.write(f"eewatch {command}: error: {message}\n")
    return code


def verbosity(args: argparse.Namespace) -> int:
    return -1 if getattr(args, "quiet", False) else getattr(args, "verbose", 0)


class Context:
    """What every command starts with: its arguments, logging set up, the config (read on first
    use), and the store (opened with the config's names checked against it)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.command: str = args.command
        self._config: Config | None = None

    @property
    def verbosity(self) -> int:
        return verbosity(self.args)

    @property
    def config(self) -> Config:
        """The config (``--config``, ``$EEWATCH_CONFIG``, ``./config.toml``); a mistake is exit 2."""
        if self._config is None:
            from eewatch.config import load_config

            self._config = load_config(self.args.config)
        return self._config

    def store(self, *, migrate: bool = True, check_names: bool = True) -> Store:
        """The config's database, opened (and migrated); the category names of ``[profile]`` and
        ``[[alerts]]`` are checked against it, so every command refuses the config ``scrape`` refuses."""
        from eewatch.app.database import open_store

        store = open_store(self.config, migrate=migrate)
        if check_names:
            from eewatch.app.names import check_config_names

            try:
                check_config_names(self.config, store)
            except BaseException:
                store.close()
                raise
        return store

    def rounds(self, store: Store, **options: Any) -> list[Round]:
        """Stored rounds as the filter options (``add_filters``) and ``options`` say, newest first;
        an unknown ``--category`` is a usage error with the nearest name."""
        args = self.args
        category = getattr(args, "category", None)
        if category:
            from eewatch.app.names import known_categories
            from eewatch.config import unknown_category

            known = known_categories(store)
            if category not in known:
                raise UserError(f"--category: {unknown_category(category, known)}")
        return store.rounds(
            category=category,
            round_type=getattr(args, "type", None),
            since=getattr(args, "since", None),
            **options,
        )

    def error(self, message: str, code: int = exitcodes.CONFIG) -> int:
        """A user error of this command, on one line; returns the exit code."""
        return usage_error(self.command, message, code)


def find_command(argv: Sequence[str]) -> str | None:
    """The command among ``argv``: the first word that is not an option nor an option's value."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``eewatch``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(find_command(argv))
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
    """Set up logging, run the command; every user error the same way: one line, its exit code."""
    from eewatch.app.logs import setup_logging

    setup_logging(verbosity(args), args.log_format)
    ctx = Context(args)
    try:
        return int(args.run(ctx))
    except UserError as exc:
        return ctx.error(str(exc), exc.code)
    except ConfigError as exc:
        return ctx.error(str(exc))
    except StorageError as exc:
        return ctx.error(f"database error: {exc}", exitcodes.STORAGE)
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
        return ctx.error(f"database error: {describe_storage_error(None, exc)}", exitcodes.STORAGE)
