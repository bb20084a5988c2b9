"""Running the `gongkai` command in a child process on a data directory of the test's own."""

from __future__ import annotations

import secrets
import subprocess

from tests.support.processes import gongkai_env
from tests.support.processes import run_gongkai as run_child

# The least a production deployment must set (GONGKAI_ENV=production refuses to start without them).
PRODUCTION = {
    "GONGKAI_ENV": "production",
    "GONGKAI_SECRET_KEY": secrets.token_urlsafe(64),
    "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
}


def run_gongkai(args: list[str], env_extra: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    """`gongkai <args>` with this environment less GONGKAI_*/DATABASE_URL, data in tmp_path/data."""
    return run_child(args, gongkai_env(tmp_path / "data", **env_extra))
