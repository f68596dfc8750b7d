"""Run a program on an untrusted file in a jail: bubblewrap namespaces plus resource limits.

Why bubblewrap: it is Debian's small, audited setuid-free jail (the one Flatpak uses). It
gives the child its own empty network namespace — no route anywhere, not even to services
on the server's loopback — its own PID namespace, and a file system made only of what we
bind: the system's programs and libraries read-only, the Python that runs us read-only, and
one work folder read-write (as /jail). The instance folder (database, keys, papers), /etc, /home,
/root and /var do not exist inside. A seccomp filter alone could stop connect(), but not a
file read through a library we do not control (LibreOffice following a link to
``file:///…``); namespaces stop both. rlimits cap address space, CPU seconds, the size of
any file written and open files; the caller's wall-clock timeout kills the whole jail.

``SANDBOX=none`` (development only) keeps the limits but drops the jail; `meeting doctor`
then says uploads are not isolated.
"""

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from meeting.core.errors import Unavailable

INSIDE = "/jail"  # where the work folder appears in the jail (never a real path here)
# Read-only system parts a parser or LibreOffice needs; none holds a secret.
SYSTEM_RO = ("/usr", "/etc/fonts", "/etc/ld.so.cache", "/etc/alternatives", "/etc/libreoffice")
MERGED_USR = {"/bin": "usr/bin", "/sbin": "usr/sbin", "/lib": "usr/lib", "/lib64": "usr/lib64"}


@dataclass(frozen=True)
class Limits:
    """What one jailed run may use."""

    memory_mb: int
    cpu_seconds: int
    wall_seconds: int
    file_mb: int = 1024
    open_files: int = 256


class Timeout(Exception):
    """The jailed program ran past its wall-clock limit and was killed."""


def mode() -> str:
    """``bwrap`` (default) or ``none``, from the app's config or the environment."""
    value = current_app.config.get("SANDBOX") if has_app_context() else None
    return (value or os.environ.get("SANDBOX") or "bwrap").lower()


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def _python_paths() -> list[str]:
    """The interpreter, the venv and our own package, so ``python -m meeting.…`` runs."""
    import meeting

    paths = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix),
             os.path.dirname(os.path.realpath(sys.executable)),
             os.path.dirname(os.path.realpath(meeting.__file__))}
    return sorted(p for p in paths if not p.startswith("/usr/"))


def jail_argv(argv: list[str], workdir: Path) -> list[str]:
    """Wrap ``argv`` in bubblewrap: system read-only, ``workdir`` as /jail, nothing else."""
    bwrap = bwrap_path()
    if bwrap is None:
        raise Unavailable(_l("Uploaded files cannot be checked safely on this server: the "
                             "bubblewrap package is missing. The IT office can run "
                             "`meeting doctor`."))
    jail = [bwrap, "--unshare-all", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in SYSTEM_RO:
        jail += ["--ro-bind-try", path, path]
    for link, target in MERGED_USR.items():
        if os.path.islink(link):
            jail += ["--symlink", target, link]
        else:
            jail += ["--ro-bind-try", link, link]
    for path in _python_paths():
        jail += ["--ro-bind", path, path]
    jail += ["--bind", str(workdir), INSIDE, "--chdir", INSIDE]
    return jail + ["--"] + argv


def _limit(limits: Limits):
    def apply():  # runs in the child between fork and exec
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
        size = limits.file_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def start(argv: list[str], workdir: Path, limits: Limits, *, env: dict | None = None,
          capture: bool = True) -> subprocess.Popen:
    """Start ``argv`` jailed in ``workdir`` (seen inside as /jail); the caller waits for it
    and calls ``kill`` at its own deadline (``run`` does both).

    :raises Unavailable: bubblewrap is missing and the sandbox is not switched off.
    """
    workdir = Path(workdir).resolve()
    env = {"PATH": "/usr/bin:/bin", "HOME": INSIDE, "LANG": "C.UTF-8", **(env or {})}
    if mode() == "none":
        # Same paths as in the jail, so callers need not care: /jail is the folder itself.
        argv = [a.replace(INSIDE, str(workdir), 1) if a.startswith(INSIDE) else a
                for a in argv]
        env = {k: v.replace(INSIDE, str(workdir)) for k, v in env.items()}
        cwd = workdir
    else:
        argv = jail_argv(argv, workdir)
        cwd = None
    return subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
                            preexec_fn=_limit(limits), start_new_session=True)


def run(argv: list[str], workdir: Path, limits: Limits, *, env: dict | None = None,
        capture: bool = True) -> subprocess.CompletedProcess:
    """Run ``argv`` jailed in ``workdir`` (seen inside as /jail); paths in argv use /jail.

    :raises Timeout: past ``limits.wall_seconds`` (the jail and all inside it are killed).
    :raises Unavailable: bubblewrap is missing and the sandbox is not switched off.
    """
    proc = start(argv, workdir, limits, env=env, capture=capture)
    try:
        out, err = proc.communicate(timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        kill(proc)
        raise Timeout() from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def kill(proc: subprocess.Popen):
    """Kill a started jail and everything in it, and reap it."""
    import signal

    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole session: bwrap and all below it
    except ProcessLookupError:
        pass
    proc.communicate()


def python_argv(module: str, *args: str) -> list[str]:
    """``python -m module args`` as the jail runs it."""
    return [sys.executable, "-m", module, *args]


def python_env() -> dict:
    """What a jailed ``python -m meeting.…`` needs to find its packages."""
    import meeting

    root = os.path.dirname(os.path.dirname(os.path.realpath(meeting.__file__)))
    return {"PYTHONPATH": root, "PYTHONDONTWRITEBYTECODE": "1"}
