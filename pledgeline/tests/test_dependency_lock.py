"""requirements.lock pins, with hashes, a version of every dependency pyproject.toml names,
within the range pyproject.toml allows: a range changed without refreshing the lock fails
here (the README says how to refresh it)."""

import re
import tomllib

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.MULTILINE)


def locked_versions() -> dict[str, str]:
    text = (settings.BASE_DIR / "requirements.lock").read_text()
    return {canonicalize_name(name): version for name, version in PINNED.findall(text)}


def declared_requirements() -> list[Requirement]:
    project = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [Requirement(line) for line in declared]


def test_every_declared_dependency_is_locked_within_its_range():
    locked = locked_versions()
    outside = {
        str(requirement): locked.get(canonicalize_name(requirement.name))
        for requirement in declared_requirements()
        if locked.get(canonicalize_name(requirement.name)) not in requirement.specifier
    }

    assert outside == {}


def test_every_locked_version_carries_a_hash():
    text = (settings.BASE_DIR / "requirements.lock").read_text()
    # One block per package: its "name==version \" line and the indented lines under it.
    pinned = [block for block in re.split(r"\n(?=\S)", text) if PINNED.match(block)]

    assert len(pinned) == len(locked_versions()) > 0
    assert all("--hash=sha256:" in block for block in pinned)
