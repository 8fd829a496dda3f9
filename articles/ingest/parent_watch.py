"""End a worker process when the process that started it ends, however it ends.

A parsing worker of a large import waits on a queue that it holds open
itself, so nothing tells it that the import is gone: a killed import used to
leave its workers running for good.

On Linux the kernel kills the worker: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``
takes effect the moment the parent dies, even by SIGKILL, costs nothing
while it runs and needs no thread that could itself be stuck. The signal
follows the parent *thread*, so workers must be started by a thread that
outlives them (an import starts them from its own thread and shuts them down
before returning). Elsewhere a daemon thread polls the parent's id instead.
"""

import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def follow_parent(parent_pid: int) -> None:
    """Leave stopping to ``parent_pid``, this process's parent, and end with it."""
    # Ctrl-C reaches every process of the terminal: the import stops and
    # ends its workers, which would otherwise each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not (sys.platform.startswith("linux") and _set_parent_death_signal()):
        threading.Thread(
            target=_watch, args=(parent_pid,), name="parent-watch", daemon=True
        ).start()
    # The parent may have died before the signal was asked for.
    if os.getppid() != parent_pid:
        os._exit(1)


def _set_parent_death_signal() -> bool:
    import ctypes  # only workers need it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)
