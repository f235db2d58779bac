"""Output files on a real file system: torn lines, damaged lines, reconciled failures, locks."""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from nigerwatch import ConfigurationError
from nigerwatch.runs.claim import claimed, lock_path
from nigerwatch.runs.output import JsonlAppender, completed_ids, reconcile_failures


def claim(paths: list[Path], **options: object) -> None:
    """Take and release ``paths`` at once (the refusals happen on taking)."""
    with claimed(paths, **options):  # type: ignore[arg-type]
        pass


def record(ident: str) -> str:
    return json.dumps({"article": {"id": ident}})


def failure(ident: str, why: str = "x") -> str:
    return json.dumps({"id": ident, "error": why})


def test_a_torn_last_line_is_cut_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "events.failures.jsonl"
    path.write_text(failure("a") + "\n" + '{"id": "b", "err', encoding="utf-8")
    with JsonlAppender(path) as out:
        out.write(failure("c"))
    assert path.read_text(encoding="utf-8").splitlines() == [failure("a"), failure("c")]


def test_a_lazy_appender_creates_no_empty_file(tmp_path: Path) -> None:
    with JsonlAppender(tmp_path / "f.jsonl", lazy=True):
        pass
    assert not (tmp_path / "f.jsonl").exists()


def test_a_damaged_middle_line_is_reported_and_redone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(f"{record('a')}\n{{garbage\n{record('c')}\n", encoding="utf-8")
    assert completed_ids(path) == {"a", "c"}
    assert "line 2" in caplog.text


def test_failures_keep_only_what_is_still_failed(tmp_path: Path) -> None:
    path = tmp_path / "events.failures.jsonl"
    lines = [failure("a", "old"), failure("b"), '{"id": "c", "torn', failure("a", "new")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reconcile_failures(path, done={"b"})
    assert path.read_text(encoding="utf-8").splitlines() == [failure("a", "new")]
    reconcile_failures(path, done={"a"})
    assert not path.exists()  # nothing failed any more: no file


def test_a_second_run_on_the_same_output_is_refused_with_the_pid(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    with claimed([out]):
        with pytest.raises(ConfigurationError, match=f"pid {os.getpid()}"):
            claim([out])
        with pytest.raises(ConfigurationError, match="another nigerwatch run"):
            claim([tmp_path / "other.jsonl", out], overwrite=True)
    assert lock_path(out).read_text().strip() == str(os.getpid())
    claim([out])  # released at the end of the block


def test_overwrite_waits_for_the_lock_before_emptying(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text(record("a") + "\n", encoding="utf-8")
    with claimed([out], resume=True):
        with pytest.raises(ConfigurationError):
            claim([out], overwrite=True)
        assert out.read_text(encoding="utf-8") == record("a") + "\n"  # nothing erased


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="also an input"):
        claim([tmp_path / "." / "articles.jsonl"], inputs=[str(source)], overwrite=True)
    assert source.read_text(encoding="utf-8") == '{"id": "a", "text": "x"}\n'


def test_a_full_disk_is_a_clear_error(tmp_path: Path) -> None:
    # A real limit on the file size (RLIMIT_FSIZE), in a child so the test process is unharmed.
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from nigerwatch.runs.output import JsonlAppender\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    with JsonlAppender(Path(sys.argv[1])) as out:\n"
        "        for n in range(1000):\n"
        "            out.write('x' * 100)\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    path = tmp_path / "events.jsonl"
    run = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert run.stdout.startswith("ConfigurationError cannot write to"), run.stderr
    assert "--resume" in run.stdout
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[0] != 4096


def test_logging_is_untouched(caplog: pytest.LogCaptureFixture) -> None:
    # completed_ids reports through the library's logger, never print().
    assert logging.getLogger("nigerwatch.runs.output").handlers == []
