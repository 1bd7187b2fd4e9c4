"""The `sillon` console script, run as a user runs it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def sillon(*args, tmp_path: Path) -> subprocess.CompletedProcess:
    executable = shutil.which("sillon", path=str(Path(sys.executable).parent))
    assert executable, "the console script is installed beside the interpreter"
    env = {**os.environ, "SILLON_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([executable, *args], env=env, capture_output=True, text=True, check=False)


def test_sillon_lists_the_commands(tmp_path):
    result = sillon("help", tmp_path=tmp_path)
    assert result.returncode == 0
    assert "demo" in result.stdout


def test_user_error_exits_1_with_a_message_and_no_traceback(tmp_path):
    assert sillon("migrate", "--verbosity", "0", tmp_path=tmp_path).returncode == 0
    result = sillon("demo", "--organisation", "Not A Slug", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "not a valid short name" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["demo", "--no-such-option"], ["no-such-command"]])
def test_bad_usage_exits_nonzero_without_traceback(args, tmp_path):
    result = sillon(*args, tmp_path=tmp_path)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
