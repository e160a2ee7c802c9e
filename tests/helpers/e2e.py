"""The real app, driven from outside: a virtual X display with a window manager, a private
D-Bus session with the accessibility bus, the real ``carnet`` process, and a driver that
reads its accessibility tree by role and accessible name, as a screen reader would.

Under CI=true a missing Xvfb, openbox, xdotool, AT-SPI or pyatspi fails the run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
AT_SPI_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
PASSPHRASE = "phrase secrète du cabinet"
SCREEN = "1400x900x24"


def _missing() -> str | None:
    for tool in ("Xvfb", "openbox", "xdotool", "dbus-daemon", "import"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path(AT_SPI_LAUNCHER).exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "python3-pyatspi is not installed for the system's Python"
    return None


class Session:
    """Xvfb + openbox + a D-Bus session with AT-SPI, for the whole e2e run."""

    def __init__(self, base: Path, screen: str = SCREEN) -> None:
        self.base, self.screen = base, screen
        self.procs: list[subprocess.Popen[bytes]] = []
        home = base / "home"
        runtime = base / "run"
        for d in (home, runtime):
            d.mkdir(parents=True)
        runtime.chmod(0o700)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "LANG": "fr_FR.UTF-8",
            "LANGUAGE": "fr",
        }
        self.display = self._start_x()
        self.env["DISPLAY"] = self.display
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._start_dbus()
        self._start_window_manager()
        self._spawn([AT_SPI_LAUNCHER, "--launch-immediately"])

    def _start_window_manager(self) -> None:
        """openbox, up and managing the screen (without it keyboard focus never reaches
        a dialog); under load it sometimes loses a race with Xvfb and exits: again."""
        for _ in range(3):
            wm = self._spawn(["openbox"])
            deadline = time.monotonic() + 15
            while wm.poll() is None and time.monotonic() < deadline:
                probe = subprocess.run(
                    ["xdotool", "getactivewindow"], env=self.env, capture_output=True, text=True
                )
                if "claims not to support" not in probe.stderr:
                    return  # a window manager answers for _NET_ACTIVE_WINDOW
                time.sleep(0.05)
        raise RuntimeError("openbox did not start on the virtual display")

    def _spawn(self, argv: list[str], **kw: Any) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            argv, env=self.env, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, **kw
        )
        self.procs.append(proc)
        return proc

    def _start_x(self) -> str:
        read, write = os.pipe()
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", self.screen, "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
            env=self.env,
        )
        os.close(write)
        self.procs.append(proc)
        with os.fdopen(read) as f:
            number = f.readline().strip()  # Xvfb writes it once the display is ready
        if not number:
            raise RuntimeError("Xvfb did not start")
        return f":{number}"

    def _start_dbus(self) -> str:
        proc = self._spawn(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        address = proc.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        return address

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


class Driver:
    """The AT-SPI driver process (tests/e2e/atspi_driver.py under the system Python)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(HERE / "atspi_driver.py")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def ask(self, **request: Any) -> Any:
        stdin: IO[str] | None = self.proc.stdin
        stdout: IO[str] | None = self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        answer = json.loads(stdout.readline())
        if "error" in answer:
            raise RuntimeError(f"AT-SPI driver: {answer['error']} for {request}")
        return answer["ok"]

    def close(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()  # the driver ends at end of input
        self.proc.wait(timeout=10)


class App:
    """One real ``carnet`` process on the session's display, found in the accessibility
    tree by its process id. Every action names its widget by role and accessible name."""

    def __init__(self, session: Session, driver: Driver, data_dir: Path, shots: Path) -> None:
        self.session, self.driver, self.data_dir, self.shots = session, driver, data_dir, shots
        self.window: str | None = None  # see in_window()
        env = {
            **session.env,
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "CARNET_DATA_DIR": str(data_dir),
            # The tests' cheap Argon2id cost (tests/conftest.py), and no OS keyring: a
            # test that needs one says so.
            "CARNET_INSECURE_FAST_KDF": "1",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        carnet = Path(sys.executable).with_name("carnet")
        argv = [str(carnet)] if carnet.exists() else [sys.executable, "-m", "desktop.cli"]
        self.log = (shots / f"{data_dir.name}.log").open("wb")
        self.proc = subprocess.Popen(
            [*argv, "gui"], env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.pid = self.proc.pid

    # -- what the tests call ----------------------------------------------------------------

    def in_window(self, prefix: str | None) -> App:
        """Look only inside the top-level window whose name starts with ``prefix`` (None:
        anywhere): two open dialogs may both have a field named "Confirmer"."""
        self.window = prefix
        return self

    def _ask(self, **request: Any) -> Any:
        if self.window is not None:
            request.setdefault("within", self.window)
        return self.driver.ask(pid=self.pid, **request)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait(self, role: str, timeout: float = 20, **name: str) -> None:
        """Wait until a visible widget of this role and name is on screen."""
        if not self._ask(op="wait", role=role, timeout=timeout, **name):
            self.fail(f"no {role} {name} on screen after {timeout} s")

    def gone(self, role: str, timeout: float = 20, **name: str) -> None:
        if not self._ask(op="gone", role=role, timeout=timeout, **name):
            self.fail(f"{role} {name} still on screen after {timeout} s")

    def click(self, role: str, name: str, timeout: float = 20) -> None:
        self.wait(role, timeout, name=name)
        self._ask(op="click", role=role, name=name, timeout=timeout)

    def type_into(self, role: str, name: str, text: str) -> None:
        self.wait(role, name=name)
        self._ask(op="set_text", role=role, name=name, text=text)

    def text(self, role: str, name: str) -> str:
        self.wait(role, name=name)
        return str(self._ask(op="text", role=role, name=name))

    def focus(self, role: str, name: str) -> None:
        self.wait(role, name=name)
        self._ask(op="focus", role=role, name=name)

    def focused(self, role: str, name: str, timeout: float = 20) -> None:
        """Wait until this widget has the keyboard focus (what a person types goes there)."""
        self.wait(role, timeout, name=name)
        if not self._ask(op="focused", role=role, name=name, timeout=timeout):
            self.fail(f"{role} {name!r} never got the keyboard focus")

    def extents(self, role: str, **name: str) -> tuple[int, int, int, int]:
        """(x, y, width, height) of a visible widget on the screen."""
        self.wait(role, **name)
        x, y, w, h = self._ask(op="extents", role=role, **name)
        return int(x), int(y), int(w), int(h)

    def wheel(self, role: str, name: str, notches: int) -> None:
        """Turn the mouse wheel over this widget, as a person scrolls it: ``notches`` up
        (positive) or down (negative), the pointer on its centre."""
        x, y, width, height = self.extents(role, name=name)
        button = "4" if notches > 0 else "5"
        subprocess.run(
            ["xdotool", "mousemove", "--sync", str(x + width // 2), str(y + height // 2),
             "click", "--repeat", str(abs(notches)), "--delay", "20", button],
            env=self.session.env, check=True,
        )  # fmt: skip

    def focus_labelled(self, role: str, label: str) -> None:
        """Focus the widget a label names (a combo box's own name is its current item)."""
        self.wait(role, labelled=label)
        self._ask(op="focus", role=role, labelled=label)

    def keys(self, *keys: str) -> None:
        """Real key presses (xdotool) to the focused widget, e.g. ``keys("ctrl+l")``, once
        one of this app's windows is the active one (keys sent a moment earlier would go
        to whatever had the focus)."""
        deadline = time.monotonic() + 15
        while self._active_pid() != self.pid:
            if time.monotonic() > deadline:
                self.fail(f"none of carnet's windows is active to receive {keys}")
            time.sleep(0.05)
        subprocess.run(["xdotool", "key", "--delay", "30", *keys], env=self.session.env, check=True)

    def _active_pid(self) -> int | None:
        done = subprocess.run(
            ["xdotool", "getactivewindow", "getwindowpid"],
            env=self.session.env,
            capture_output=True,
            text=True,
        )
        return int(done.stdout) if done.returncode == 0 and done.stdout.strip() else None

    def wait_text(self, fragment: str, timeout: float = 20) -> None:
        """Wait until some visible name or text (a label's rich text, a note) has it."""
        if not self._ask(op="wait_text", contains=fragment, timeout=timeout):
            self.fail(f"no {fragment!r} on screen after {timeout} s")

    def screen_texts(self) -> list[str]:
        return list(self.driver.ask(op="texts", pid=self.pid))

    def screenshot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.session.env, check=True)
        return path

    def stays_up(self, timeout: float = 60) -> None:
        """The process is still running and its main window is on screen."""
        assert self.alive(), f"carnet exited with {self.proc.returncode}: {self.output()}"
        found = self.driver.ask(
            op="wait", pid=self.pid, role="frame", prefix="Carnet", timeout=timeout
        )
        if not found:
            self.fail("the main window is not on screen")

    def output(self) -> str:
        self.log.flush()
        return (self.shots / f"{self.data_dir.name}.log").read_text(errors="replace")[-3000:]

    def fail(self, what: str) -> None:
        tree = "\n".join(self.driver.ask(op="dump", pid=self.pid)) if self.alive() else ""
        pytest.fail(f"{what}\nalive: {self.alive()}\nlog:\n{self.output()}\nvisible tree:\n{tree}")

    def close(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()










def carnet_cli(
    data_dir: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> str:
    """The ``carnet`` command, to prepare a practice (never to do what the test checks);
    ``env`` adds to its environment (a Session's settings folder: XDG_CONFIG_HOME)."""
    env = {
        **os.environ,
        **(env or {}),
        "CARNET_DATA_DIR": str(data_dir),
        "CARNET_PASSPHRASE": PASSPHRASE,
        "CARNET_NEW_PASSPHRASE": PASSPHRASE,  # join: this computer's own passphrase
        "CARNET_INSECURE_FAST_KDF": "1",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"carnet {' '.join(args)}: {done.stderr}")
    return done.stdout
