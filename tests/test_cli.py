"""The command line, end to end, through click's runner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from citegraph.cli import main

from .conftest import DEV_PAPERS, GOLD_DEV, SCORE_PY


def all_commands(group: click.Group, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the modules of commands are imported when asked for
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


@pytest.mark.parametrize("command", [(), *all_commands(main)])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output) > 100


def test_every_registered_command_is_in_the_lazy_map():
    import importlib
    import pkgutil

    import citegraph.cli as cli

    for info in pkgutil.iter_modules(cli.__path__):
        importlib.import_module(f"citegraph.cli.{info.name}")
    assert set(main.commands) == set(cli.COMMAND_MODULES)
    for name, cmd in main.commands.items():  # each command is where the map says it is
        assert cmd.callback.__module__ == f"citegraph.cli.{cli.COMMAND_MODULES[name]}", name


def test_a_query_on_a_warm_cache_does_not_import_the_graph_builder(tmp_path):
    # the command modules load when invoked: `citegraph query` on a warm cache never imports
    # networkx (a fifth of a second of every query's start-up)
    from .conftest import RESOURCES

    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(RESOURCES / "mixed"), "--no-html", "-o", str(out)]).exit_code == 0
    assert runner.invoke(main, ["query", str(out), "--name", "top-models"]).exit_code == 0  # builds the cache
    script = ("import sys\nfrom citegraph.cli import main\n"
              f"main(['query', {str(out)!r}, '--name', 'top-models'], standalone_mode=False)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('networkx', 'numpy')))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "Llama" in run.stdout or "GPT" in run.stdout  # the query ran
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_build_then_info(daily_pages, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *map(str, daily_pages), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "papers:" in result.output and "top Model:" in result.output and "seconds:" in result.output
    for f in ("graph.json", "graph.graphml", "graph.html"):
        assert (out / f).stat().st_size > 0
    info = CliRunner().invoke(main, ["info", str(out), "--json"], catch_exceptions=False)
    summary = json.loads(info.output)
    assert summary["papers"] > 0 and summary["edges"]["MENTIONS"] > 0


def test_build_skips_bad_records_but_strict_fails(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text('{"title": "Good Paper", "abstract": "We use GPT-4o."}\n{broken\n', encoding="utf-8")
    ok = CliRunner().invoke(main, ["build", str(data), "-o", str(tmp_path / "a")])
    assert ok.exit_code == 0
    assert f"{data}:2: invalid JSON" in ok.output  # the runner mixes stderr into output
    assert "skipped: 1" in ok.output
    strict = CliRunner().invoke(main, ["build", str(data), "-o", str(tmp_path / "b"), "--strict"])
    assert strict.exit_code == 1
    assert strict.output.strip().startswith(f"error: {data}:2: invalid JSON")
    assert not (tmp_path / "b").exists()


def test_unknown_format_and_missing_graph_are_one_line_errors(tmp_path):
    (tmp_path / "x.docx").write_text("hello\n")
    r = subprocess.run([sys.executable, "-m", "citegraph", "build", str(tmp_path / "x.docx"), "-o",
                        str(tmp_path / "o")], capture_output=True, text=True)
    assert r.returncode != 0
    assert "x.docx" in r.stderr and "--format" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "citegraph", "info", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "citegraph build" in r.stderr


def test_console_script_exits_quickly_with_main_status_and_all_output(tmp_path):
    # run() ends the process with os._exit: the output must still be complete and the status main's
    from .conftest import RESOURCES

    cmd = [sys.executable, "-m", "citegraph"]
    r = subprocess.run([*cmd, "build", str(RESOURCES / "mixed"), "--no-html", "-o", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "papers:" in r.stdout and r.stdout.rstrip().splitlines()[-1].startswith("written: ")
    assert (tmp_path / "o" / "graph.json").stat().st_size > 0
    top = subprocess.run([*cmd, "top", str(tmp_path / "o"), "--limit", "3"], capture_output=True, text=True)
    assert top.returncode == 0 and top.stdout.strip()
    usage = subprocess.run([*cmd, "build"], capture_output=True, text=True)  # missing INPUTS: click's usage error
    assert usage.returncode == 2 and "Missing argument" in usage.stderr
    assert subprocess.run([*cmd, "--version"], capture_output=True, text=True).returncode == 0


def test_freeze_after_pauses_moves_what_a_pause_made_out_of_the_collectors_reach():
    script = ("import gc\nfrom citegraph.gctools import freeze_after_pauses, paused_gc\n"
              "with paused_gc():\n    before = [[] for _ in range(1000)]\n"
              "n = gc.get_freeze_count()\nfreeze_after_pauses()\n"
              "with paused_gc():\n    made = [[] for _ in range(5000)]\n"
              "print(n, gc.get_freeze_count() - n >= 5000, gc.isenabled())")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0", "True", "True"]  # not frozen until asked; then frozen, collector back on


def test_unmap_large_blocks_is_accepted_by_glibc():
    import platform

    from citegraph.gctools import unmap_large_blocks

    # 32 MB, glibc's own upper bound, changes nothing for the other tests; other C libraries say no
    assert unmap_large_blocks(32 << 20) is (platform.libc_ver()[0] == "glibc")


def test_extract_output_is_accepted_by_score_py(tmp_path):
    if not (DEV_PAPERS.exists() and SCORE_PY.exists()):
        pytest.skip("../shared/eval is not present")
    pred = tmp_path / "pred.jsonl"
    r = subprocess.run([sys.executable, "-m", "citegraph", "extract", str(DEV_PAPERS), "--format", "jsonl"],
                       capture_output=True, text=True, check=True)
    pred.write_text(r.stdout)
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 60 and all({"title", "entities"} <= set(row) for row in rows)
    score = subprocess.run([sys.executable, str(SCORE_PY), str(GOLD_DEV), str(pred), "--json"],
                           capture_output=True, text=True, check=True)
    assert json.loads(score.stdout)["all"]["f1"] > 0.4


def test_extract_evidence_has_offsets(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text('{"title": "T", "abstract": "We fine-tune Llama-3.1-8B on data."}\n')
    r = CliRunner().invoke(main, ["extract", str(data), "--evidence"], catch_exceptions=False)
    row = json.loads(r.output)
    m = row["entities"][0]["mentions"][0]
    assert "T\nWe fine-tune Llama-3.1-8B on data."[m["start"]:m["end"]] == m["text"] == "Llama-3.1-8B"


@pytest.mark.parametrize("module", ["neo4j", "falkordb"])
def test_a_missing_driver_is_named_with_its_extra(monkeypatch, module):
    from citegraph.errors import MissingDependencyError
    from citegraph.graph.writer import connect_falkordb, connect_neo4j

    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it raises ImportError
    connect, uri = (connect_neo4j, "bolt://localhost:1") if module == "neo4j" else (connect_falkordb, "falkor://localhost:1")
    with pytest.raises(MissingDependencyError, match=rf"pip install 'citegraph\[{module}\]'"):
        connect(uri, "user", "password")


def test_a_missing_optional_dependency_is_a_one_line_cli_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "requests", None)
    result = CliRunner().invoke(main, ["fetch", "arxiv", "2411.02337", "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 1
    assert result.output.strip() == "error: citegraph fetch needs requests: pip install 'citegraph[fetch]'"
