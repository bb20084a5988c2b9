"""`gongkai report check`: exit codes, the readable table, JSON and JSON Lines, --previous."""

import json
import subprocess
import sys

import pytest
from rules_sample import previous, sample

from gongkai.cli import main


def write(tmp_path, name, report):
    path = tmp_path / name
    path.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def clean(tmp_path):
    return write(tmp_path, "clean.json", sample())


@pytest.fixture
def broken(tmp_path):
    report = sample()
    report.set("applications.carried_forward.natural_person", 2)  # R1 and R3 break
    return write(tmp_path, "broken.json", report)


def test_clean_report_exits_0_and_says_so(clean, capsys):
    assert main(["report", "check", clean]) == 0
    assert capsys.readouterr().out == "未发现问题。\n"


def test_errors_exit_1_with_aligned_table(broken, capsys):
    assert main(["report", "check", broken]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["规则", "级别", "单元格", "说明"]
    assert lines[2].startswith(
        "R1    错误  applications.new.natural_person, applications.carried_over.natural_person 等4个"
    )
    assert lines[2].endswith("表三 自然人列：一+二=6，三(七)+四=7")
    assert lines[3].startswith("R3    错误  ")
    assert lines[-1] == "共2项：错误2项，警告0项。"


def test_json_one_file_is_a_list_of_findings(broken, capsys):
    assert main(["report", "check", "--json", broken]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in findings] == ["R1", "R3"]
    assert findings[0] == {
        "rule": "R1",
        "severity": "error",
        "cells": [
            "applications.new.natural_person",
            "applications.carried_over.natural_person",
            "applications.results.total.natural_person",
            "applications.carried_forward.natural_person",
        ],
        "message": "表三 自然人列：一+二=6，三(七)+四=7",
    }


def test_json_several_files_is_json_lines(clean, broken, capsys):
    assert main(["report", "check", "--json", clean, broken]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["source"], len(x["findings"])) for x in lines] == [(clean, 0), (broken, 2)]


def test_unreadable_file_exits_2_on_stderr_and_others_still_checked(tmp_path, clean, capsys):
    missing = str(tmp_path / "missing.txt")
    assert main(["report", "check", "--json", missing, clean]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"gongkai report: 文件不存在：{missing}\n"
    assert [json.loads(x)["source"] for x in captured.out.splitlines()] == [clean]


def test_previous_enables_cross_year_rules(tmp_path, clean, capsys):
    prev = previous()
    prev.set("applications.carried_forward.total", 4)
    prev_path = write(tmp_path, "prev.json", prev)
    assert main(["report", "check", "--json", "--previous", prev_path, clean]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["cells"], f["message"]) for f in findings] == [
        (
            "X1",
            ["applications.carried_over.total"],
            "表三 总计列：二、上年结转=1，上年报告 四、结转下年度继续办理=4",
        )
    ]


def test_warnings_only_exit_0(tmp_path, capsys):
    report = sample()
    report.sections.other_matters = None
    path = write(tmp_path, "warn.json", report)
    assert main(["report", "check", "--json", path]) == 0
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)] == ["F2"]


def test_subprocess_entry_point(broken):
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "report", "check", "--json", broken],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 1
    assert [f["rule"] for f in json.loads(done.stdout)] == ["R1", "R3"]
    assert done.stderr == ""


def test_unreadable_previous_exits_2(tmp_path, clean, capsys):
    empty = tmp_path / "prev.txt"
    empty.write_bytes(b"")
    assert main(["report", "check", "--previous", str(empty), clean]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"gongkai report: 上年报告无法读取：{empty}（文件为空）\n"


def test_several_files_readable_table_has_a_header_per_file(clean, broken, capsys):
    assert main(["report", "check", clean, broken]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"== {clean} =="
    assert out[1] == "未发现问题。"
    assert out[2] == f"== {broken} =="
    assert out[-1] == "共2项：错误2项，警告0项。"


class _Terminal:
    """A stderr that says it is a terminal, so the progress bar is drawn into a buffer we can read."""

    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return True


def test_batch_check_draws_a_progress_bar_on_a_terminal(clean, broken, monkeypatch, capsys):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["report", "check", clean, broken]) == 1
    assert "检查:" in terminal.text and "/2 " in terminal.text  # tqdm throttles redraws: the total, not 2/2
    assert f"== {clean} ==" in capsys.readouterr().out
