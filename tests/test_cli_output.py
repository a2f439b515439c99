"""What the command prints around the work itself: help, progress, and other libraries' messages."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

from .conftest import ROOT, quotes_process
from .test_ingest import corpus

runner = CliRunner()
COMMANDS = ["ingest", "extract", "search", "institution", "find", "experts", "institutions", "export", "merge",
            "rename", "split", "reject", "history", "alias add", "db status", "db path", "db backup"]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_reads_as_a_person_would_write_it(command):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    for placeholder in ("<bool>", "<str>", "<int>", "<list[", "{", "range>", "[x>"):
        assert placeholder not in result.output, (command, placeholder, result.output)


NOISY = '''
import logging, warnings
import quotes.read as read

def _noisy(data, where, *, encoding=None, _real=read.read_text):
    warnings.warn("tzname EST identified but not understood", UserWarning)
    logging.getLogger("trafilatura.core").warning("discarding data: None")
    return _real(data, where, encoding=encoding)

read.read_text = _noisy
'''


def test_other_libraries_warnings_and_logs_reach_only_the_debug_log(tmp_path: Path):
    noisy = tmp_path / "noisy.py"
    noisy.write_text(NOISY)
    corpus(tmp_path / "in", 1)

    def run(*args: str) -> subprocess.CompletedProcess:
        return quotes_process(*args, db=tmp_path / "q.db", prelude=noisy, timeout=300)

    plain = run("extract", "--jsonl", str(tmp_path / "in"))
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr == ""
    debug = run("--debug", "extract", "--jsonl", str(tmp_path / "in"))
    assert "tzname EST" in debug.stderr and "discarding data" in debug.stderr


def on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """What a command writes to its stderr when stderr is a terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the command closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=300)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal_counts_articles_of_their_total(tmp_path: Path):
    folder = tmp_path / "in"
    corpus(folder, 4)
    (folder / "more.jsonl").write_text('{"text": "\\"We hold,\\" said Ana Ruiz."}\n\n{"text": "Plain words."}\n')
    env = {**os.environ, "QUOTES_DB": str(tmp_path / "q.db"), "COLUMNS": "120"}
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", on_a_terminal([sys.executable, "-m", "quotes", "ingest", str(folder)], env))
    assert "6/6" in screen  # 4 files and a JSONL file of 2 articles, counted before the run
    assert "ingesting" in screen and "left" in screen
    assert "6 new, 0 already known, 0 failed" in screen


def test_no_progress_in_a_pipe(tmp_path: Path):
    corpus(tmp_path / "in", 2)
    env = {**os.environ, "QUOTES_DB": str(tmp_path / "q.db")}
    done = subprocess.run([sys.executable, "-m", "quotes", "ingest", str(tmp_path / "in")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert re.fullmatch(r"2 new, 0 already known, 0 failed; 4 quotes, 0 reported; directory: \d+ experts, \d+ institutions\n",
                        done.stderr), done.stderr


def test_a_reader_that_stops_reading_ends_the_output_without_a_traceback(tmp_path: Path):
    """`quotes export | head`: the pipe closes, the command stops with status 1 and no error text."""
    corpus(tmp_path / "in", 2)
    env = {**os.environ, "QUOTES_DB": str(tmp_path / "q.db"), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "quotes", "ingest", "-q", str(tmp_path / "in")], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=300)
    for command in (["export"], ["experts"]):
        process = subprocess.Popen([sys.executable, "-m", "quotes", *command], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before the first line
        err = process.stderr.read().decode()
        assert process.wait(timeout=120) == 1, err
        assert err == "", err
