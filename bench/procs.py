"""Real processes for the fault and cluster runs: throwaway PostgreSQL clusters, Redis
servers, an SMTP server, gunicorn app servers and manage.py workers, all on loopback ports
in one temporary folder, all stopped at the end.

Only the standard library at import time: Django is set up by the caller when it needs it.
"""

import http.client
import mailbox
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# Debian's PostgreSQL server programs (the newest major version installed), or PG_BIN.
PG_BIN = Path(
    os.environ.get("PG_BIN")
    or max(
        Path("/usr/lib/postgresql").glob("*/bin"),
        default="/usr/lib/postgresql/15/bin",
        key=lambda path: int(path.parent.name),
    )
)
SECRET = "fault-and-cluster-runs-secret-key-not-for-production-0123456789"  # noqa: S105


def say(message):
    print(f"\033[1m==> {message}\033[0m", flush=True)


def note(message):
    print(f"    {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, *, seconds=30, process=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.3):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


def wait_until(predicate, *, seconds, every=0.1):
    """Poll `predicate` until it returns something true; return (value, seconds taken)."""
    started = time.monotonic()
    while True:
        value = predicate()
        if value or time.monotonic() - started > seconds:
            return value, time.monotonic() - started
        time.sleep(every)


class Workspace:
    """A temporary folder every process of a run lives in; removed at the end."""

    def __init__(self, prefix, keep=False):
        self.path = Path(tempfile.mkdtemp(prefix=prefix))
        self.path.chmod(0o755)  # the postgres user must reach its data folders
        self.keep = keep
        self.processes = []

    def spawn(self, name, args, *, env=None, cwd=ROOT):
        log = open(self.path / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [str(a) for a in args],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = self.path / f"{name}.log"
        self.processes.append(process)
        return process

    def close(self, *clusters):
        """Stop every process, then the PostgreSQL clusters, then remove the folder."""
        for process in reversed(self.processes):
            stop(process)
        for cluster in clusters:
            cluster.stop("immediate")
        if not self.keep:
            shutil.rmtree(self.path, ignore_errors=True)


def stop(process, sig=signal.SIGTERM, timeout=10):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def kill(process):
    """SIGKILL, as the kernel's OOM killer or a lost machine would: no clean-up at all."""
    stop(process, signal.SIGKILL)


class Postgres:
    """A throwaway PostgreSQL cluster (Debian's initdb / pg_ctl) on a spare port."""

    def __init__(self, workspace, name, *, port=None):
        self.workspace, self.name = workspace, name
        self.port = port or free_port()
        self.data = workspace.path / name
        self.log = self.data / "server.log"  # written by the postgres user

    def _as_postgres(self, *args, check=True):
        command = [str(a) for a in args]
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, check=False, capture_output=True, text=True)
        if check and result.returncode:
            log = self.log.read_text()[-1500:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}{result.stdout}{log}")
        return result

    def init(self):
        self.data.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
        self._as_postgres(
            PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync"
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.data}'\n"
                "fsync = off\nfull_page_writes = off\nmax_connections = 60\n"
                "shared_buffers = 32MB\nwal_level = replica\nmax_wal_senders = 4\n"
                "hot_standby = on\n"
            )
        return self

    def replica_of(self, primary):
        """A streaming replica made with pg_basebackup from a running primary."""
        self.data.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
        self._as_postgres(
            "/usr/bin/pg_basebackup",
            "-h", "127.0.0.1", "-p", primary.port, "-U", "postgres",
            "-D", self.data, "-R", "-X", "stream", "--no-sync", "--checkpoint=fast",
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"port = {self.port}\nunix_socket_directories = '{self.data}'\n")
        return self

    def start(self):
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "start")
        return self

    def stop(self, mode="fast"):
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def url(self, database="pledgeline"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement, database="pledgeline"):
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-Atc", statement],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return out.stdout.strip()


class Redis:
    def __init__(self, workspace, name, *, policy="allkeys-lru", port=None):
        self.workspace, self.name, self.policy = workspace, name, policy
        self.port = port or free_port()
        self.process = None

    def start(self):
        self.process = self.workspace.spawn(
            self.name,
            ["redis-server", "--bind", "127.0.0.1", "--port", self.port, "--save", "",
             "--appendonly", "no", "--maxmemory", "64mb", "--maxmemory-policy", self.policy],
        )  # fmt: skip
        wait_for_port(self.port, process=self.process)
        return self

    def stop(self):
        stop(self.process)

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"


class Smtp:
    """aiosmtpd in a process of its own, keeping every message in a Maildir."""

    def __init__(self, workspace, *, port=None):
        self.workspace = workspace
        self.port = port or free_port()
        self.maildir = workspace.path / "maildir"
        self.process = None

    def start(self):
        self.process = self.workspace.spawn(
            "smtp",
            [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", self.maildir],
        )  # fmt: skip
        wait_for_port(self.port, process=self.process)
        return self

    def stop(self):
        stop(self.process)

    def hang(self):
        """Stopped, not gone: connections are accepted by the kernel and never answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def recipients(self):
        """Every delivered message's recipient, once per message (duplicates included)."""
        if not self.maildir.exists():
            return []
        return [str(message["To"]) for message in mailbox.Maildir(self.maildir, create=False)]


def manage(workspace, name, *args, env):
    return workspace.spawn(name, [PYTHON, "manage.py", *args], env=env)


def run_manage(*args, env, check=True):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True
    )


def gunicorn(workspace, name, *, port, env, workers=2):
    process = workspace.spawn(
        name,
        [str(Path(PYTHON).parent / "gunicorn"), "pledgeline.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", workers, "--timeout", "30",
         "--graceful-timeout", "5", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    wait_for_port(port, process=process)
    return process


def app_env(*, database_url, site_port, var_dir, email_url, redis_url=None, **extra):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{site_port}",
        "PLEDGELINE_VAR_DIR": str(var_dir),
        "EMAIL_URL": email_url,
        "LOG_LEVEL": "WARNING",
        "CACHE_KEY_PREFIX": "pl",
        # Every simulated signer comes from 127.0.0.1, at one email domain, without proof
        # of work: the limits stay on (their cost is paid) but out of reach.
        "RATE_LIMIT_SIGN_PER_IP": "100000000/10m",
        "RATE_LIMIT_SIGN_PER_DOMAIN": "100000000/10m",
        "POW_BURST_PER_MINUTE": "100000000",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    env.pop("REPLICA_DATABASE_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def setup_django(env):
    """Configure Django in this process against the run's database (to check and build
    confirmation links); the harness never uses the app's cache."""
    for key in ("DATABASE_URL", "SECRET_KEY", "SITE_URL", "PLEDGELINE_VAR_DIR", "EMAIL_URL"):
        os.environ[key] = env[key]
    for key in ("REDIS_URL", "REPLICA_DATABASE_URL", "TASKS_BACKEND", "RQ_URL"):
        if key in env:
            os.environ[key] = env[key]
        else:
            os.environ.pop(key, None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "pledgeline.settings"
    os.environ["CONN_MAX_AGE"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# HTTP --------------------------------------------------------------------------------------


def request(port, method, path, *, form=None, cookies=None, timeout=30):
    """One request on its own connection, as a browser from the site's own page would send
    it. Returns (status, headers, body); status is an error name if no answer came."""
    headers = {"Host": f"127.0.0.1:{port}"}
    body = None
    if method == "POST":
        body = urlencode(form or {})
        headers.update(
            {
                "Origin": f"http://127.0.0.1:{port}",
                "Sec-Fetch-Site": "same-origin",
                "Content-Type": "application/x-www-form-urlencoded",
            }
        )
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__, [], b""
    finally:
        connection.close()


def sign_form(email, n):
    return {
        "name": f"Fault Signer {n}",
        "email": email,
        "affiliation": "student",
        "display": "initial",
        "website": "",
    }


def confirm_path(signature):
    from signatures.links import confirm_url

    return "/" + confirm_url(signature).split("://", 1)[1].split("/", 1)[1]
