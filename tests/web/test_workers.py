"""Worker processes with a listening socket each on one port (SO_REUSEPORT), on Linux."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn

from conflictwatch.store import open_store
from conflictwatch.web import workers

pytestmark = pytest.mark.skipif(
    not workers.balances_connections(), reason="SO_REUSEPORT spreads connections on Linux only"
)


def test_reserved_port_is_shared_by_the_workers_sockets_and_never_accepts() -> None:
    reserved = workers.reserve_port("127.0.0.1", 0)
    port = reserved.getsockname()[1]
    assert port > 0
    first = workers.listening_socket("127.0.0.1", port, backlog=16)
    second = workers.listening_socket("127.0.0.1", port, backlog=16)
    try:
        assert first.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        assert second.getsockname()[1] == port
        clients = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(20)]
        accepted = 0
        for listening in (first, second):
            listening.settimeout(0.2)
            with contextlib.suppress(TimeoutError):
                while True:
                    connection, _ = listening.accept()
                    connection.close()
                    accepted += 1
        for client in clients:
            client.close()
        # Every connection reached a listening worker socket; none waits on the reserved one.
        assert accepted == 20
    finally:
        for sock in (first, second, reserved):
            sock.close()


def test_a_taken_port_is_refused_at_once() -> None:
    taken = socket.socket()  # a listener without SO_REUSEPORT: nobody may share its port
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        with pytest.raises(OSError):
            workers.reserve_port("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


def test_a_worker_that_cannot_start_stops_the_supervisor() -> None:
    config = uvicorn.Config("conflictwatch_no_such_module:app", workers=2, log_level="critical")
    supervisor = workers.ReusePortWorkers(config, "127.0.0.1", 0)
    supervisor.run()  # returns once it sees the first worker fail, with all of them stopped
    assert supervisor.failed
    assert all(not process.is_alive() for process in supervisor.processes)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


ESTABLISHED, LISTENING = "01", "0A"  # TCP states as /proc/net/tcp writes them


def _sockets_on(port: int, state: str) -> set[int]:
    """Socket inodes in `state` whose local port is `port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                    inodes.add(int(fields[9]))
    return inodes


def _connections_held(pid: int, port: int) -> int:
    wanted = _sockets_on(port, ESTABLISHED)
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:[") and int(target[8:-1]) in wanted:
                held += 1
    return held


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _serving(db: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    command = [sys.executable, "-m", "conflictwatch", "serve", "--db", db]
    command += ["--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield server
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/api/episodes")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_serve_spreads_keep_alive_connections_over_its_workers_and_replaces_a_dead_one(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "store.db")
    open_store(db).close()
    port = _free_port()
    with _serving(db, port) as server:
        # Both workers listening (the supervisor's reserved socket never listens).
        assert _wait_until(lambda: len(_sockets_on(port, LISTENING)) == 2 and _answers(port))
        pids = [pid for pid in _children(server.pid) if Path(f"/proc/{pid}/fd").exists()]
        # 40 connections opened at once and kept open, as a load tester's or a proxy's pool is.
        connections = []
        for _ in range(40):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.connect()
            connections.append(connection)
        for connection in connections:
            connection.request("GET", "/api/episodes")
            assert connection.getresponse().status == 200
        held = {pid: _connections_held(pid, port) for pid in pids}
        for connection in connections:
            connection.close()
        workers_held = sorted(count for count in held.values() if count)
        # One shared socket gives nearly all of them to one worker; a hash gives each about half.
        assert len(workers_held) == 2 and sum(workers_held) == 40
        assert workers_held[0] >= 8
        # A worker that dies is replaced, and the port keeps answering.
        victim = max(held, key=lambda pid: held[pid])
        os.kill(victim, signal.SIGKILL)
        assert _wait_until(
            lambda: (
                victim not in _children(server.pid)
                and any(pid not in pids for pid in _children(server.pid))
                and len(_sockets_on(port, LISTENING)) == 2
            )
        )
        assert _answers(port)
    assert server.returncode == 0
