"""Several uvicorn worker processes on one port, each accepting on a listening socket of its own.

uvicorn's own supervisor hands every worker one shared listening socket. Under keep-alive load that
shares out badly: whichever worker wakes first accepts every connection waiting at that moment.
Measured with 50 client connections opened together against 2 workers: 48 went to one worker and
2 to the other, so one core served nearly every request while the other idled. Here each worker
binds its own socket to the port with SO_REUSEPORT, and Linux hands each new connection to one of
the listening sockets by a hash of its addresses, which spreads them evenly.

The supervisor keeps the port bound (without listening on it, so it is never handed a connection)
for as long as it runs: no other program can take the port while a worker restarts, and port 0 is
resolved once to one port that every worker then shares.

Where SO_REUSEPORT does not balance connections (it only does on Linux), `serve` keeps uvicorn's
shared-socket supervisor.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from types import FrameType

import uvicorn
from uvicorn.config import STARTUP_FAILURE

log = logging.getLogger(__name__)

#: Seconds a stopping worker gets to finish its requests before it is killed.
STOP_GRACE_S = 10.0
#: How often the supervisor looks for workers that died.
WATCH_INTERVAL_S = 0.5


def balances_connections() -> bool:
    """Whether listening sockets sharing a port get its connections spread among them."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _port_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    # Accepted connections inherit it (Linux). Without it a response written in two parts
    # (headers, then body) waits 40 ms for the client's delayed ACK behind Nagle's algorithm.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def reserve_port(host: str, port: int) -> socket.socket:
    """A socket bound to the port, not listening: it holds the port (and fixes port 0 to a real
    one) for the workers, which bind it too, without ever being handed a connection itself."""
    return _port_socket(host, port)


def listening_socket(host: str, port: int, backlog: int) -> socket.socket:
    """A worker's own listening socket on the shared port."""
    sock = _port_socket(host, port)
    sock.listen(backlog)
    return sock


def _serve_one(config: uvicorn.Config, host: str, port: int) -> None:
    """A worker process: its own socket, one uvicorn server on it."""
    config.configure_logging()  # logging is not inherited by a spawned process
    try:
        sock = listening_socket(host, port, config.backlog)
    except OSError:
        log.exception("worker could not listen on %s:%d", host, port)
        sys.exit(STARTUP_FAILURE)
    uvicorn.Server(config).run(sockets=[sock])


class ReusePortWorkers:
    """Start `config.workers` worker processes on host:port, restart any that dies after starting,
    and stop them all on SIGINT or SIGTERM."""

    def __init__(
        self,
        config: uvicorn.Config,
        host: str,
        port: int,
        *,
        target: Callable[[uvicorn.Config, str, int], None] = _serve_one,
    ) -> None:
        self.config = config
        self.host = host
        self.target = target
        self.reserved = reserve_port(host, port)
        self.port: int = self.reserved.getsockname()[1]
        self.stopping = threading.Event()
        self.failed = False
        self._context = multiprocessing.get_context("spawn")
        self.processes: list[BaseProcess] = []

    def _start(self) -> BaseProcess:
        process = self._context.Process(
            target=self.target, args=(self.config, self.host, self.port), daemon=False
        )
        process.start()
        return process

    def _stop_on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stopping.set()

    def run(self) -> None:
        previous = {
            sig: signal.signal(sig, self._stop_on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            log.info("serving on %s:%d with %d workers", self.host, self.port, self.config.workers)
            self.processes = [self._start() for _ in range(self.config.workers)]
            while not self.stopping.wait(WATCH_INTERVAL_S):
                self._replace_dead()
        finally:
            self._stop_all()
            self.reserved.close()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _replace_dead(self) -> None:
        for index, process in enumerate(self.processes):
            if process.is_alive():
                continue
            if process.exitcode == STARTUP_FAILURE:
                # The app or the socket is broken: every replacement would fail the same way.
                log.error("a worker failed to start (exit %s); stopping", process.exitcode)
                self.failed = True
                self.stopping.set()
                return
            log.warning("worker %s died (exit %s); starting another", process.pid, process.exitcode)
            self.processes[index] = self._start()

    def _stop_all(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in self.processes:
            process.join(STOP_GRACE_S)
            if process.is_alive():
                process.kill()
                process.join()
