"""instructor's own log records never reach the stderr of a program that did not ask for them.

instructor logs each failed attempt at ERROR level on loggers without a handler, so Python's
last-resort handler would print them on a user's stderr, although nigerwatch reports the same
failures itself (as errors, or as dropped events). During nigerwatch's calls they are DEBUG
records (see :mod:`nigerwatch.llm.instructor_logs`): an application that configures logging at
DEBUG still sees them. The check runs in a fresh interpreter, where no test framework has
configured logging.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[2]

SCRIPT = f"""
import logging, sys
sys.path.insert(0, {str(TESTS)!r})
from conftest import FakeLLM
from nigerwatch import ModelOutputError

fake = FakeLLM().answer("not json").answer("still not json")
try:
    fake.extractor().extract("The junta closed Niger's border.")
except ModelOutputError as exc:
    print("reported:", type(exc).__name__)
sys.stderr.write("-- the application configures logging --\\n")
logging.basicConfig(level=logging.DEBUG)
fake.answer("not json").answer("still not json")
try:
    fake.extractor().extract("The junta closed Niger's border.")
except ModelOutputError:
    pass
"""


def test_only_an_application_that_configures_logging_gets_them() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    assert done.stdout == "reported: ModelOutputError\n"
    unasked, asked = done.stderr.split("-- the application configures logging --\n")
    assert unasked == ""  # a script that set up no logging sees nothing from instructor
    assert "DEBUG:instructor" in asked  # one that did gets what it asked for
