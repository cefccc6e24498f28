"""Logging set-up: plain lines for people, JSON lines for log shippers."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from eewatch.domain.userinfo import scrub_userinfo
from eewatch.store.errors import StorageError

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any extras."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        if record.exc_info:
            data["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(data, default=str)


def setup_logging(verbosity: int = 0, fmt: str = "text") -> None:
    """Configure the root logger: -1 quiet, 0 normal, 1 verbose, 2 debug."""
    level = {-1: logging.WARNING, 0: logging.INFO, 1: logging.DEBUG}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if verbosity < 2:
        handler.addFilter(_quiet_libraries)
    handler.addFilter(_masked_userinfo)
    handler.addFilter(_said_by_eewatch)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


_CHATTY = ("scrapy", "twisted", "filelock", "asyncio", "hpack", "apscheduler")


def _quiet_libraries(record: logging.LogRecord) -> bool:
    """Scrapy and Twisted are chatty (and reset their own levels): keep their warnings only."""
    return record.levelno >= logging.WARNING or not record.name.startswith(_CHATTY)


def _masked_userinfo(record: logging.LogRecord) -> bool:
    """A user and password written into a URL (the feed's) never reach a log line, whoever logs it."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed call: logging reports it itself, unmasked text never formed
        return True
    masked = scrub_userinfo(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        record.exc_text = scrub_userinfo(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = scrub_userinfo(record.exc_text)
    return True


def _said_by_eewatch(record: logging.LogRecord) -> bool:
    """Scrapy's traceback for an item the store could not write: eewatch says it in one line itself.

    Nor is a daemon job cancelled by the daemon's own shutdown an error (APScheduler logs one
    with its traceback when the job was due at the moment the daemon stopped).
    """
    error = record.exc_info[1] if record.exc_info else None
    if record.name.startswith("scrapy") and isinstance(error, StorageError):
        return False
    # asyncio as already imported (a process that never imported it has no CancelledError to drop):
    # importing it here would cost every cron check about 10 ms for its first log line.
    asyncio = sys.modules.get("asyncio")
    cancelled = asyncio is not None and isinstance(error, asyncio.CancelledError)
    return not (record.name.startswith("apscheduler") and cancelled)
