"""The daemon's schedule against a wall clock that steps (NTP after a suspend, an operator's ``date -s``).

APScheduler keeps each job's next run as a wall-clock time and sleeps on the
event loop (a monotonic timer) until then, as measured when it went to sleep.
When the wall clock steps back an hour, the next poll is an hour away again: no
poll for an hour. When it steps years ahead, an interval job's missed runs are
counted one by one. So the daemon watches the wall clock against the monotonic
one (:class:`ClockSteps`, every few seconds, on the loop's monotonic timer) and
on a step moves every job (:func:`realign`): an interval job by the step itself,
so it runs when it would have by the monotonic clock; a cron job to its next
time from the new wall clock (it names wall-clock times).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("eewatch.app.daemon")

#: How often the daemon compares the clocks (seconds, on the monotonic clock).
CHECK_EVERY = 5.0
#: A difference smaller than this is drift being corrected, not a step.
TOLERANCE = 2.0


def wall_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ClockSteps:
    """How far the wall clock stepped against the monotonic clock since the last look."""

    def __init__(
        self,
        wall: Callable[[], dt.datetime] = wall_now,
        monotonic: Callable[[], float] = time.monotonic,
        tolerance: float = TOLERANCE,
    ) -> None:
        self.wall = wall
        self.monotonic = monotonic
        self.tolerance = tolerance
        self.offset = self._offset()

    def _offset(self) -> float:
        return self.wall().timestamp() - self.monotonic()

    def step(self) -> float:
        """Seconds the wall clock jumped (negative: back) since the last call; 0.0 if it did not."""
        offset = self._offset()
        jumped, self.offset = offset - self.offset, offset
        return jumped if abs(jumped) > self.tolerance else 0.0


def realign(scheduler: Any, step: float, now: dt.datetime) -> None:
    """Move every scheduled job after the wall clock stepped by ``step`` seconds (``now`` is after it)."""
    from apscheduler.triggers.interval import IntervalTrigger

    for job in scheduler.get_jobs():
        if job.next_run_time is None:
            continue
        if isinstance(job.trigger, IntervalTrigger):
            moved = job.next_run_time + dt.timedelta(seconds=step)
        else:
            moved = job.trigger.get_next_fire_time(None, now.astimezone(job.next_run_time.tzinfo))
            if moved is None:
                continue
        job.modify(next_run_time=moved)


class ScheduleKeeper:
    """Looks at the clocks every :data:`CHECK_EVERY` seconds on the loop; realigns the scheduler on a step."""

    def __init__(self, scheduler: Any, loop: Any, steps: ClockSteps | None = None) -> None:
        self.scheduler = scheduler
        self.loop = loop
        self.steps = steps or ClockSteps()
        self._handle: Any = None

    def start(self) -> None:
        self._handle = self.loop.call_later(CHECK_EVERY, self.check)

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def check(self) -> None:
        step = self.steps.step()
        if step and self.scheduler.running:
            log.warning(
                "the wall clock stepped %s by %.0f s: the schedule follows the elapsed time",
                "back" if step < 0 else "ahead",
                abs(step),
            )
            realign(self.scheduler, step, self.steps.wall())
        self.start()
