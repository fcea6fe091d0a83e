"""Worker tests: the task queue with real worker processes (``make workers``).

Not part of ``make test`` (pyproject's ``addopts`` ignore this folder). A temporary
SQLite database is migrated and loaded with the demo; every step then runs as its own
``manage.py`` process with the development settings (and a retry after one second),
as on a server: the test adds an endpoint, publishes a notice, and runs a worker
(``db_worker --batch``, or an RQ worker in burst mode on the machine's Redis) that
delivers to a receiver on 127.0.0.1; the receiver fails the first attempt, and a
second run of the worker makes the deferred retry. Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.webhook_fixtures import receiver

__all__ = ["receiver"]

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts" / "workers"
SETUP_LIMIT = 600
STEP_LIMIT = 180


def run_manage(args, env, *, limit=STEP_LIMIT, check=True) -> str:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"manage.py {' '.join(args)} took over {limit} s")
    with (ARTIFACTS / "manage.log").open("a", encoding="utf-8") as log:
        log.write(f"\n$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}")
    if check and result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@pytest.fixture(scope="session")
def site_env():
    """Environment of a migrated demo database in a temporary folder."""
    workdir = Path(tempfile.mkdtemp(prefix="rekisteri-cms-workers-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_")
        and key not in {"DATABASE_URL", "TASKS_REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.workers.settings",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}?transaction_mode=IMMEDIATE&timeout=20",
        PYTHONUNBUFFERED="1",
    )
    try:
        run_manage(["migrate", "--noinput"], env, limit=SETUP_LIMIT)
        run_manage(["load_demo"], env, limit=SETUP_LIMIT)
        run_manage(["db_worker", "--batch", "--interval", "0"], env, limit=SETUP_LIMIT)
        yield env
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
