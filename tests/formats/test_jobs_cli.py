"""`--jobs N` on read, check and table: the same output in the input order, one process or several."""

import csv
import json
import shutil
from pathlib import Path

import pytest

from gongkai.annualreport.cli import build_parser, default_jobs
from gongkai.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def batch(tmp_path):
    """Seeds and layouts, an empty file in the middle and a missing one: 12 names in a fixed order."""
    names = []
    for i, src in enumerate(
        sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "reader").glob("*"))
    ):
        target = tmp_path / f"{i:02d}-{src.name}"
        shutil.copy(src, target)
        names.append(str(target))
    (tmp_path / "empty.txt").write_bytes(b"")
    names.insert(4, str(tmp_path / "empty.txt"))
    names.insert(7, str(tmp_path / "missing.txt"))
    return names


@pytest.mark.parametrize("command", ["read", "check"])
def test_jobs_keep_the_input_order_and_the_errors_of_each_file(batch, command, capsys):
    outputs = {}
    for jobs in ("1", "2", "3"):
        status = main(["report", command, *batch, "--json", "--jobs", jobs])
        outputs[jobs] = (status, *capsys.readouterr())
    assert outputs["1"] == outputs["2"] == outputs["3"]
    status, out, err = outputs["2"]
    assert status == 2
    readable = [n for n in batch if not n.endswith(("empty.txt", "missing.txt"))]
    assert [json.loads(line)["source"] for line in out.splitlines()] == readable
    assert err.splitlines() == [
        f"gongkai report: 无法读取：{batch[4]}（文件为空）",
        f"gongkai report: 文件不存在：{batch[7]}",
    ]


def test_read_jobs_output_is_the_report_of_each_file(batch, capsys):
    assert main(["report", "read", batch[0], batch[1], "-j", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["agency"] for line in lines] == [
        "高安市机关事务管理局",
        "叶集区机关事务管理服务中心",
    ]


def test_table_jobs_rows_in_input_order(batch, tmp_path, capsys):
    tables = []
    for jobs in ("1", "2"):
        out = tmp_path / f"t{jobs}.csv"
        assert main(["report", "table", *batch, "-o", str(out), "--jobs", jobs]) == 2
        tables.append(list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines())))
        assert capsys.readouterr().err.count("gongkai report:") == 2
    assert tables[0] == tables[1]
    assert [r[0] for r in tables[0][2:]] == batch


def test_jobs_default_is_the_cores_and_must_be_positive(capsys):
    assert build_parser().parse_args(["read", "a"]).jobs is None  # None: default_jobs() at run time
    assert default_jobs() >= 1
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["table", "a", "-o", "x.csv", "--jobs", "0"])
    assert exit_info.value.code == 2
    assert "参数 -j/--jobs：应为正整数，实际为 '0'" in capsys.readouterr().err
