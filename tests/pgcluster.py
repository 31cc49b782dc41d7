"""A PostgreSQL cluster of a test's own (initdb + pg_ctl from the installed server), on
its own port in a temporary folder: it can be stopped and started without touching the
shared server the other tests use."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.botapi import free_port


def binaries() -> Path | None:
    """The folder of initdb/pg_ctl, the newest installed; None if there is none."""
    def version(path: str) -> int:
        name = Path(path).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


class Cluster:
    """`folder` holds it; as root (initdb refuses root) it runs as the `postgres` user in
    a folder of that user's own under /tmp instead."""

    def __init__(self, folder: Path) -> None:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("no PostgreSQL binaries (initdb, pg_ctl) installed")
        self.bin = bin_dir
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            folder = Path(tempfile.mkdtemp(prefix="charley-pg-"))
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.folder = folder
        self.data = folder / "pgdata"
        self.sockets = folder / "pgsock"
        self.sockets.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            owner = pwd.getpwnam("postgres")
            os.chown(self.sockets, owner.pw_uid, owner.pw_gid)
        self.port = free_port()
        self.log = folder / "postgres.log"
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--no-sync", "-E", "UTF8")
        with subprocess.Popen([*self.as_user, "tee", "-a", str(self.data / "postgresql.conf")],
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) as conf:
            assert conf.stdin is not None
            conf.stdin.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.sockets}'\nfsync = off\n"
                       "max_connections = 100\n")

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "LC_ALL": "C"}
        return subprocess.run([*self.as_user, str(self.bin / tool), *args], env=env, check=check,
                              capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "start")

    def stop(self, mode: str = "fast", wait: bool = True) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-W" if not wait else "-w", "stop",
                  check=wait)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def destroy(self) -> None:
        if self.running():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        if self.as_user:
            shutil.rmtree(self.folder, ignore_errors=True)
