#!/usr/bin/env python3
"""Pledgeline's two commands.

    python3 dev.py run        set everything up and run the site with the demo campaign
    python3 dev.py test       run every test (extra arguments go to pytest)
    python3 dev.py messages   collect new strings into the translation catalogues (locale/)

Only the standard library is used here, so it works on a fresh machine with Python 3.11+.
"""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".pledgeline-installed"
# pyproject.toml holds the version ranges; the lock, the versions installed (README).
LOCK = ROOT / "requirements.lock"


def say(message):
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_environment():
    if sys.version_info < (3, 11):
        sys.exit("Pledgeline needs Python 3.11 or newer.")
    has_pip = (
        PYTHON.exists()
        and subprocess.run(
            [PYTHON, "-m", "pip", "--version"], capture_output=True, check=False
        ).returncode
        == 0
    )
    if not has_pip:
        # Also mends a half-made environment (say, one made before python3-venv was there).
        say(f"Creating the virtual environment in {VENV.relative_to(ROOT)}/")
        venv.create(VENV, with_pip=True, clear=PYTHON.exists())
        STAMP.unlink(missing_ok=True)
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        say("Installing Pledgeline's dependencies (first run takes a minute)")
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        # The exact versions in the lock, each checked against its hash. The project runs
        # from this folder (manage.py); only its dependencies are installed.
        run(PYTHON, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", LOCK)
        STAMP.write_text(wanted)


def manage(*args, env=None):
    run(PYTHON, "manage.py", *args, env=env)


def compile_catalogues():
    """Build the .mo files the site reads from locale/*.po (they are not committed)."""
    say("Compiling the translation catalogues")
    if shutil.which("msgfmt"):
        manage("compilemessages", "--ignore", ".venv", "--ignore", "var", "-v", "0")
    else:
        # Without GNU gettext the same files are written by polib (a dependency).
        run(
            PYTHON,
            "-c",
            "import pathlib, polib\n"
            "for po in pathlib.Path('locale').glob('*/LC_MESSAGES/*.po'):\n"
            "    polib.pofile(str(po)).save_as_mofile(str(po.with_suffix('.mo')))",
        )


def cmd_run(argv):
    ensure_environment()
    compile_catalogues()
    env = {**os.environ}
    env.setdefault("DEBUG", "1")
    port = env.get("PORT", "8000")
    if not port_is_free(int(port)):
        print(
            f"Port {port} is already in use (is Pledgeline already running?). Stop that "
            f"program, or choose another port: PORT=8001 python3 dev.py run",
            file=sys.stderr,
        )
        return 1
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    say("Preparing the database")
    manage("migrate", "--no-input", "-v", "0", env=env)
    say("Loading the institution directory (a minute the first time, then only on changes)")
    manage("import_institutions", "--if-changed", env=env)
    say("Loading the demo campaign")
    manage("load_demo", env=env)
    mail = subprocess.run(
        [PYTHON, "-c", "from django.conf import settings as s; print(s.EMAIL_DESCRIPTION)"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "pledgeline.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    say("Starting the web server and the mail worker (Ctrl-C stops both)")
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "task_worker", "--queue-name", "*", "--interval", "1"],
        cwd=ROOT,
        env=env,
    )
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT, env=env
    )
    # Folds the count journal now and then, as `flush_counts --every 5` does in production.
    sweeper = subprocess.Popen(
        [PYTHON, "manage.py", "flush_counts", "--every", "5"], cwd=ROOT, env=env
    )
    children = [server, worker, sweeper]
    if not wait_until_answering(f"http://127.0.0.1:{port}/", server):
        print("The web server did not start: see the messages above.", file=sys.stderr)
        stop(children)
        return server.poll() or 1
    print(
        f"\n  Pledgeline is running at  http://127.0.0.1:{port}\n"
        f"  Outgoing mail goes to     {mail}\n"
        f"  Staff admin               http://127.0.0.1:{port}/admin/ "
        f"(create a login: .venv/bin/python manage.py createsuperuser, then\n"
        f"                            .venv/bin/python manage.py staff_add_totp <username> "
        f"and scan the code with an authenticator app)\n",
        flush=True,
    )
    # Retention sweep (docs/privacy.md): at start, then every PRUNE_INTERVAL_MINUTES.
    prune_every = 60 * int(env.get("PRUNE_INTERVAL_MINUTES", "60"))
    next_prune = 0.0
    try:
        while all(child.poll() is None for child in children):
            if time.monotonic() >= next_prune:
                subprocess.run(
                    [PYTHON, "manage.py", "prune_personal_data"], cwd=ROOT, env=env, check=False
                )
                next_prune = time.monotonic() + prune_every
            time.sleep(0.5)
    except KeyboardInterrupt:
        stop(children)
        return 0
    failed = next(child for child in children if child.poll() is not None)  # before stop()
    stop(children)
    print(f"Stopped: {' '.join(map(str, failed.args[1:3]))} exited.", file=sys.stderr)
    return failed.returncode or 1


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def wait_until_answering(url: str, server, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return True
        except urllib.error.HTTPError:
            return True  # it answered
        except OSError:
            time.sleep(0.3)
    return False


def stop(children):
    # Ctrl-C reaches every process of the terminal at once; a second one must not cut the
    # shutdown short. Children that did not get it (a part stopped on its own) are told.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(child.poll() is None for child in children):
        time.sleep(0.1)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


# Kept small enough to read: a longer module gets split by what its parts do, a function
# graded worse than C by radon (cyclomatic complexity over 20) into smaller functions.
MAX_MODULE_LINES = 500
COMPLEXITY_FAILS = {"D", "E", "F"}


def project_modules():
    """The project's own .py files (application code, bench, tests), migrations aside."""
    skip = {"migrations", "var", "node_modules", "__pycache__"}
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(d for d in subfolders if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(folder, name).relative_to(ROOT)


def is_test_code(path: Path) -> bool:
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def long_modules() -> list[str]:
    found = []
    for path in project_modules():
        lines = len((ROOT / path).read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{path}: {lines} lines (at most {MAX_MODULE_LINES})")
    return found


def complex_functions() -> list[str]:
    """Functions and methods of the application code and bench radon grades D or worse."""
    code = [path for path in project_modules() if not is_test_code(path)]
    output = subprocess.run(
        [VENV / "bin" / "radon", "cc", "--json", "--min", "D", *code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for path, blocks in sorted(json.loads(output).items()):
        if isinstance(blocks, dict):  # radon could not read the file
            found.append(f"{path}: radon: {blocks.get('error')}")
            continue
        for block in blocks:
            if block["type"] != "class" and block["rank"] in COMPLEXITY_FAILS:
                name = ".".join(filter(None, [block.get("classname"), block["name"]]))
                found.append(
                    f"{path}:{block['lineno']} {name}: complexity {block['complexity']} "
                    f"(grade {block['rank']}, at worst C)"
                )
    return found


def check_sizes_and_complexity() -> bool:
    problems = {
        "Modules too long: split each by what its parts do": long_modules(),
        "Functions too complex: split each into smaller functions": complex_functions(),
    }
    for heading, offenders in problems.items():
        if offenders:
            print(f"{heading}:", *(f"  {offender}" for offender in offenders), sep="\n")
    return not any(problems.values())


def cmd_test(argv):
    ensure_environment()
    say("Lint (ruff: the rules, then the format)")
    run(VENV / "bin" / "ruff", "check", ".")
    run(VENV / "bin" / "ruff", "format", "--check", ".")
    say("Translation catalogues: every string in the code, translated, none fuzzy")
    manage("catalogues", "--check")
    compile_catalogues()
    say("Lint (import-linter: which app may import which, docs/architecture.md)")
    run(VENV / "bin" / "lint-imports", "--no-cache")
    say("Types (mypy with the Django stubs: the files listed under [tool.mypy])")
    run(VENV / "bin" / "mypy")
    say(f"Size and complexity: modules of {MAX_MODULE_LINES} lines at most, no function below C")
    if not check_sizes_and_complexity():
        return 1
    database = os.environ.get("DATABASE_URL", "SQLite (default)")
    say(f"Tests on {database.split('@')[-1]}")
    return subprocess.run([PYTHON, "-m", "pytest", *argv], cwd=ROOT).returncode


def cmd_messages(argv):
    """For developers: after adding or changing strings, collect them, then translate."""
    ensure_environment()
    manage("catalogues", *argv)
    compile_catalogues()
    return 0


def main():
    commands = {"run": cmd_run, "test": cmd_test, "messages": cmd_messages}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        print(f"failed: {' '.join(map(str, error.cmd))}", file=sys.stderr)
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
