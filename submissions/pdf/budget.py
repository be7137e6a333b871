"""Running the expensive half of the check in a forked child process with
resource limits, so that the web worker never pays for a hostile file.

The child gets `PDF_CHECK_SECONDS` of CPU (RLIMIT_CPU: the kernel stops it
past that) and `PDF_CHECK_MEMORY_MB` of address space on top of what it
inherits (RLIMIT_AS: an allocation past it fails), and the parent stops
waiting, and kills it, after `wall_seconds`. The result comes back pickled
through a pipe. Forking copies the already imported code, so a check costs
a few milliseconds of start-up, not an interpreter's.
"""

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Budget:
    cpu_seconds: int
    memory_mb: int
    wall_seconds: float


@dataclass(frozen=True)
class Usage:
    """What one check cost: the child's CPU time and peak resident memory, and the wall time waited."""

    cpu_seconds: float
    memory_mb: float
    wall_seconds: float


class BudgetExceeded(Exception):
    """The child ran out of time ("time") or memory ("memory")."""

    def __init__(self, resource_name: str, usage: Usage):
        super().__init__(resource_name)
        self.resource = resource_name
        self.usage = usage


def _address_space_now() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * PAGE_SIZE
    except OSError:  # no /proc: the memory limit is not set
        return 0


def _limit_child(budget: Budget) -> None:
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_seconds, budget.cpu_seconds + 1))
    inherited = _address_space_now()
    if inherited:
        ceiling = inherited + budget.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def _child(write_fd: int, budget: Budget, function: Callable, args: tuple) -> None:
    status = 0
    try:
        _limit_child(budget)
        try:
            result = ("done", function(*args))
        except MemoryError:
            result = ("memory", None)
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        status = 1
    finally:
        os._exit(status)


def _collect(read_fd: int, pid: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_within(budget: Budget, function: Callable, *args) -> tuple[object, Usage]:
    """`function(*args)` in a child under `budget`: its return value and what
    it cost, or BudgetExceeded. `function` must return something picklable."""
    started = time.monotonic()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(write_fd, budget, function, args)
    os.close(write_fd)
    try:
        payload = _collect(read_fd, pid, time.monotonic() + budget.wall_seconds)
    except BaseException:  # the request itself was interrupted (a timeout's signal): no child outlives it
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_fd)
    if payload is None:
        os.kill(pid, signal.SIGKILL)
    _, status, rusage = os.wait4(pid, 0)
    usage = Usage(cpu_seconds=rusage.ru_utime + rusage.ru_stime, memory_mb=rusage.ru_maxrss / 1024,
                  wall_seconds=time.monotonic() - started)
    if payload is None or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)):
        raise BudgetExceeded("time", usage)
    if not payload:
        raise BudgetExceeded("memory", usage)
    outcome, value = pickle.loads(payload)
    if outcome == "memory":
        raise BudgetExceeded("memory", usage)
    return value, usage
