"""Known vulnerabilities in the installed dependencies, checked with pip-audit.

The check asks the OSV vulnerability database (api.osv.dev). Where it cannot be reached
(a machine without internet access), the test is skipped and says so; CI with internet
access runs it on every push. docs/security.md says how a deployer runs it by hand.
"""

import importlib.util
import socket
import subprocess
import sys

import pytest

OSV_HOST = "api.osv.dev"


def osv_reachable() -> bool:
    try:
        socket.create_connection((OSV_HOST, 443), timeout=3).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(
    importlib.util.find_spec("pip_audit") is None,
    reason="pip-audit is not installed (pip install pip-audit; docs/security.md)",
)
@pytest.mark.skipif(
    not osv_reachable(),
    reason=f"the vulnerability database ({OSV_HOST}:443) is not reachable from this machine; "
    "run `pip-audit --vulnerability-service osv` where it is (docs/security.md)",
)
def test_no_installed_dependency_has_a_known_vulnerability():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--vulnerability-service",
            "osv",
            "--progress-spinner",
            "off",
            "--skip-editable",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
