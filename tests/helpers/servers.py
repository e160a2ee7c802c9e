"""Real storage servers on 127.0.0.1 for the tests, and the pytest fixtures that run them.

Each server starts once per test session on a free port and stops at the end:

* ``wsgidav_server``: WsgiDAV 4 on cheroot in a thread, basic auth.
* ``apache_server``: Apache httpd with mod_dav_fs as a subprocess, basic auth (htpasswd).
* ``moto_server``: moto's S3 server in a thread, with a bucket (signatures unchecked).

Each yields a :class:`Server`. For a fresh, empty remote per test, use ``remote_url``
(parametrized over folder, both WebDAV servers and S3), which yields a
:class:`RemoteTarget`: ``open_backend(target.url, **target.credentials)`` or put
``target.env`` into a subprocess's environment.

When a server or tool is missing, the fixtures call :func:`require_or_skip`: a skip on a
developer's machine, a failure under ``CI=true`` (a CI that silently skips the real
servers would test nothing).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import pytest
import requests

USER = "carnet"
PASSWORD = "test-secret-1"
BUCKET = "carnet-test"
S3_KEY_ID = "AKIDCARNETTEST"
S3_SECRET = "carnet-test-secret"
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def require_or_skip(reason: str) -> NoReturn:
    """Skip the test because something it needs is missing; fail instead under CI=true."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: missing test servers are a failure, not a skip)")
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"Timed out after {timeout} s waiting for {what}.")
        time.sleep(delay)  # polling a condition, not waiting a fixed time
        delay = min(delay * 2, 0.2)


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Server:
    """A running server: ``base`` is its http URL with a trailing ``/`` (no credentials)."""

    kind: str
    base: str
    user: str
    password: str
    root: Path | None = None  # on-disk folder behind a WebDAV server
    extra: dict[str, Any] = field(default_factory=dict)


# -- WsgiDAV ----------------------------------------------------------------------------


@contextlib.contextmanager
def run_wsgidav(root: Path) -> Iterator[Server]:
    try:
        from cheroot import wsgi
        from wsgidav.wsgidav_app import WsgiDAVApp
    except ImportError:
        require_or_skip("WsgiDAV or cheroot is not installed")
    config = {
        "host": "127.0.0.1",
        "port": 0,
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
        "http_authenticator": {
            "domain_controller": None,
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
        },
        "verbose": 0,
        "logging": {"enable": False},
        "dir_browser": {"enable": False},
        "lock_storage": True,
        "property_manager": True,
    }
    app = WsgiDAVApp(config)
    server = wsgi.Server(("127.0.0.1", 0), app, numthreads=16)
    server.prepare()  # binds, so the port is known before the thread starts
    port = int(server.bind_addr[1])
    thread = threading.Thread(target=server.serve, name="wsgidav", daemon=True)
    thread.start()
    try:
        wait_until(lambda: port_open(port), 10, "WsgiDAV to listen")
        yield Server("webdav-wsgidav", f"http://127.0.0.1:{port}/", USER, PASSWORD, root)
    finally:
        server.stop()
        thread.join(10)


# -- Apache mod_dav ----------------------------------------------------------------------

_APACHE_CONF = """\
ServerRoot "{dir}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{dir}/httpd.pid"
DefaultRuntimeDir "{dir}/run"
ErrorLog "{dir}/error.log"
LogLevel warn
{user_group}
LoadModule mpm_event_module {mods}/mod_mpm_event.so
LoadModule authz_core_module {mods}/mod_authz_core.so
LoadModule authn_core_module {mods}/mod_authn_core.so
LoadModule authn_file_module {mods}/mod_authn_file.so
LoadModule auth_basic_module {mods}/mod_auth_basic.so
LoadModule authz_user_module {mods}/mod_authz_user.so
LoadModule alias_module {mods}/mod_alias.so
LoadModule dav_module {mods}/mod_dav.so
LoadModule dav_fs_module {mods}/mod_dav_fs.so
StartServers 1
ServerLimit 2
ThreadsPerChild 32
MaxRequestWorkers 64
KeepAliveTimeout 5
DocumentRoot "{dir}/dav"
DavLockDB "{dir}/lock/DavLock"
Alias /dav "{dir}/dav"
<Directory "{dir}/dav">
    Dav On
    AuthType Basic
    AuthName "carnet"
    AuthBasicProvider file
    AuthUserFile "{dir}/htpasswd"
    Require valid-user
</Directory>
"""


@contextlib.contextmanager
def run_apache() -> Iterator[Server]:
    apache = shutil.which("apache2") or shutil.which("httpd")
    if not apache or not shutil.which("htpasswd") or not APACHE_MODULES.is_dir():
        require_or_skip("Apache httpd (apache2-bin, apache2-utils) is not installed")
    workdir = Path(tempfile.mkdtemp(prefix="carnet-apache-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        os.chmod(workdir, 0o755)  # the workers (nobody) must traverse it
        for sub in ("dav", "lock", "run"):
            (workdir / sub).mkdir()
        subprocess.run(
            ["htpasswd", "-i", "-c", str(workdir / "htpasswd"), USER],
            input=PASSWORD.encode(),
            check=True,
            capture_output=True,
        )
        os.chmod(workdir / "htpasswd", 0o644)
        user_group = ""
        if os.geteuid() == 0:  # workers refuse to run as root
            import grp
            import pwd

            group = "nogroup" if _has_group("nogroup") else "nobody"
            user_group = f"User nobody\nGroup {group}"
            uid, gid = pwd.getpwnam("nobody").pw_uid, grp.getgrnam(group).gr_gid
            for sub in ("dav", "lock"):
                os.chown(workdir / sub, uid, gid)
        port = free_port()
        conf = workdir / "httpd.conf"
        conf.write_text(
            _APACHE_CONF.format(dir=workdir, port=port, mods=APACHE_MODULES, user_group=user_group)
        )
        proc = subprocess.Popen(
            [apache, "-f", str(conf), "-DFOREGROUND"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        with contextlib.suppress(TimeoutError):
            wait_until(lambda: port_open(port) or proc.poll() is not None, 15, "Apache")
        if proc.poll() is not None or not port_open(port):
            log_file = workdir / "error.log"
            log = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""

            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"Apache did not start: {err} {log}")
        yield Server(
            "webdav-apache", f"http://127.0.0.1:{port}/dav/", USER, PASSWORD, workdir / "dav"
        )
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # graceful stop of the parent we started
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if proc is not None and proc.stderr:
            proc.stderr.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _has_group(name: str) -> bool:
    import grp

    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


# -- moto S3 -----------------------------------------------------------------------------


@contextlib.contextmanager
def run_moto() -> Iterator[Server]:
    try:
        from moto.server import ThreadedMotoServer
        from requests_aws4auth import AWS4Auth
    except ImportError:
        require_or_skip("moto[server] or requests-aws4auth is not installed")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        base = f"http://{host}:{port}/"
        auth = AWS4Auth(S3_KEY_ID, S3_SECRET, "us-east-1", "s3")
        with requests.Session() as s:
            r = s.put(f"{base}{BUCKET}", auth=auth, timeout=10)
            r.raise_for_status()
        yield Server("s3-moto", base, S3_KEY_ID, S3_SECRET, extra={"bucket": BUCKET})
    finally:
        server.stop()


# -- pytest fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def wsgidav_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """WsgiDAV on 127.0.0.1, user ``USER``/``PASSWORD``, serving a temp folder at ``/``."""
    with run_wsgidav(tmp_path_factory.mktemp("wsgidav")) as server:
        yield server


@pytest.fixture(scope="session")
def apache_server() -> Iterator[Server]:
    """Apache mod_dav on 127.0.0.1, user ``USER``/``PASSWORD``, DAV share at ``/dav/``."""
    with run_apache() as server:
        yield server


@pytest.fixture(scope="session")
def moto_server() -> Iterator[Server]:
    """moto's S3 on 127.0.0.1 with bucket ``BUCKET`` (any key pair is accepted)."""
    with run_moto() as server:
        yield server


class RemoteTarget(NamedTuple):
    """A fresh, empty remote: ``open_backend(url, **credentials)``, or ``env`` for a
    subprocess (``CARNET_REMOTE_PASSWORD`` or the AWS key pair)."""

    kind: str
    url: str
    env: dict[str, str]

    @property
    def credentials(self) -> dict[str, Any]:
        if "CARNET_REMOTE_PASSWORD" in self.env:
            return {"password": self.env["CARNET_REMOTE_PASSWORD"]}
        if "AWS_ACCESS_KEY_ID" in self.env:
            return {
                "access_key": self.env["AWS_ACCESS_KEY_ID"],
                "secret_key": self.env["AWS_SECRET_ACCESS_KEY"],
            }
        return {}


REMOTE_KINDS = ("folder", "webdav-wsgidav", "webdav-apache", "s3-moto")


def make_remote(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> RemoteTarget:
    """A fresh empty remote of ``kind`` (a unique collection or prefix on the server)."""
    unique = uuid.uuid4().hex[:12]
    if kind == "folder":
        root = tmp_path / "remote"
        root.mkdir()
        return RemoteTarget(kind, root.as_uri(), {})
    if kind.startswith("webdav-"):
        fixture = "wsgidav_server" if kind == "webdav-wsgidav" else "apache_server"
        server: Server = request.getfixturevalue(fixture)
        with requests.request(
            "MKCOL", f"{server.base}{unique}/", auth=(server.user, server.password), timeout=10
        ) as r:
            assert r.status_code == 201, r.status_code
        host_path = server.base.removeprefix("http://")
        url = f"webdav+http://{server.user}@{host_path}{unique}/"
        return RemoteTarget(kind, url, {"CARNET_REMOTE_PASSWORD": server.password})
    if kind == "s3-moto":
        server = request.getfixturevalue("moto_server")
        endpoint = server.base.rstrip("/")
        url = f"s3://{server.extra['bucket']}/{unique}?endpoint={endpoint}&region=us-east-1"
        env = {"AWS_ACCESS_KEY_ID": server.user, "AWS_SECRET_ACCESS_KEY": server.password}
        return RemoteTarget(kind, url, env)
    raise ValueError(f"unknown remote kind {kind}")


@pytest.fixture(params=REMOTE_KINDS)
def remote_url(request: pytest.FixtureRequest, tmp_path: Path) -> RemoteTarget:
    """A fresh empty remote on each real backend: folder, WsgiDAV, Apache, moto S3."""
    return make_remote(str(request.param), request, tmp_path)
