"""`gongkai report write FILE --to json|md|html|docx -o OUT`."""

import json
from pathlib import Path

import pytest

from gongkai.annualreport.cli import main
from gongkai.annualreport.readers import read

SEEDS = sorted((Path(__file__).parents[1] / "fixtures" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("fmt", ["json", "md", "html", "docx", "pdf"])
def test_seed_written_in_each_format_reads_back_equal(tmp_path, fmt, capsys):
    seed = SEEDS[0]
    out = tmp_path / f"report.{fmt}"
    assert main(["write", str(seed), "--to", fmt, "-o", str(out)]) == 0
    assert read(out) == read(seed)
    assert capsys.readouterr().out == ""


def test_json_output_is_the_report(tmp_path):
    out = tmp_path / "r.json"
    assert main(["write", str(SEEDS[0]), "--to", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["agency"] == "高安市机关事务管理局" and data["year"] == 2023
    assert data["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_dash_writes_text_formats_to_stdout(capsys):
    assert main(["write", str(SEEDS[0]), "--to", "md", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "\n## 一、总体情况\n" in out and "| （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in out


def test_unreadable_input_exits_2_with_a_message(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["write", str(empty), "--to", "md", "-o", str(tmp_path / "x.md")]) == 2
    err = capsys.readouterr().err
    assert err == f"gongkai report: 无法读取：{empty}（文件为空）\n"
    assert not (tmp_path / "x.md").exists()


def test_missing_input_and_unwritable_output(tmp_path, capsys):
    assert main(["write", str(tmp_path / "nope.txt"), "--to", "md", "-o", str(tmp_path / "x.md")]) == 2
    assert capsys.readouterr().err == f"gongkai report: 文件不存在：{tmp_path / 'nope.txt'}\n"
    target = tmp_path / "no-such-dir" / "x.md"
    assert main(["write", str(SEEDS[0]), "--to", "md", "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"gongkai report: 无法写入：{target}（文件或目录不存在）\n"
    assert main(["write", str(SEEDS[0]), "--to", "md", "-o", str(tmp_path)]) == 2  # a directory
    assert capsys.readouterr().err == f"gongkai report: 无法写入：{tmp_path}（是目录）\n"


def test_unknown_format_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["write", str(SEEDS[0]), "--to", "odt", "-o", "x.odt"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "gongkai report write：错误：参数 --to：无效的选项 'odt'（可选：'json', 'md', 'html', 'docx', 'pdf'）"
    )


def test_unread_cells_are_written_blank_and_named_on_stderr(tmp_path, capsys):
    text = SEEDS[0].read_text("utf-8")
    garbled = text.replace("\t行政许可\n\t0", "\t行政许可\n\t约五件", 1)
    assert garbled != text
    source = tmp_path / "garbled.txt"
    source.write_text(garbled, "utf-8")
    out = tmp_path / "out.json"
    assert main(["write", str(source), "--to", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["proactive"]["licensing"]["decisions"] is None
    err = capsys.readouterr().err
    assert "条问题" in err and "proactive.licensing" in err


def test_markdown_names_section_lines_it_cannot_carry(tmp_path, capsys):
    from gongkai.annualreport.readers import read
    from gongkai.annualreport.writers import write
    from gongkai.annualreport.writers.json import write as to_json
    from gongkai.annualreport.writers.markdown import fragile_lines

    report = read(SEEDS[0])
    report.sections.shortcomings = "# 不是标题\n| 不是表格 |\n**不是加粗**\n六、其他需要报告的事项\n二、主动公开政府信息情况\n正常的一段。"
    source = tmp_path / "r.json"
    source.write_text(to_json(report), encoding="utf-8")
    assert main(["write", str(source), "--to", "md", "-o", str(tmp_path / "r.md")]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "无法原样读回" in line]
    assert warned == [
        f"gongkai report: 注意：sections.shortcomings 的一行在 Markdown 中无法原样读回：{line}"
        for line in ("# 不是标题", "**不是加粗**", "六、其他需要报告的事项")
    ]
    back = read(tmp_path / "r.md").sections.shortcomings
    assert back == "不是标题\n| 不是表格 |\n不是加粗"  # the limit is real: said on stderr, not hidden
    # "|" is a table row only in a table section's text
    report.sections.shortcomings, report.sections.applications = "正常的一段。", "| 不是表格 |"
    assert [w for w, _ in fragile_lines(report)] == ["sections.applications"]
    # an earlier section's title is text to the reader (headings are taken in order): not named, and kept
    report.sections.shortcomings = "二、主动公开政府信息情况\n正常的一段。"
    assert read(write(report, "md")).sections.shortcomings == report.sections.shortcomings


def test_write_warns_about_what_check_would_flag(tmp_path, capsys):
    seed = SEEDS[3]  # dated 2023年1月29日, before its year ended
    assert main(["write", str(seed), "--to", "docx", "-o", str(tmp_path / "a.docx")]) == 0
    err = capsys.readouterr().err
    assert "gongkai report: 注意：gongkai report check 将提示 1 项：" in err
    assert "  F7 错误：落款日期2023年1月29日早于2023年度结束，应在2024年1月1日之后" in err
    data = read(seed).to_dict()
    data["applications"]["new"]["total"] = None
    source = tmp_path / "blank.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["write", str(source), "--to", "html", "-o", str(tmp_path / "b.html")]) == 0
    assert (
        "F1 错误：表三 单元格空白（空白不等于0，无数据应填0）：一、本年新收政府信息公开申请数量（总计）"
        in (capsys.readouterr().err)
    )


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_missing_table_is_left_out_so_check_gives_the_same_verdict_once_written(tmp_path, fmt, capsys):
    from gongkai.annualreport.rules import check

    data = read(SEEDS[2]).to_dict()
    data["reviews"] = None  # the source has no table 4
    data["problems"] = []
    source = tmp_path / "no-table4.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    before = read(source)
    out = tmp_path / f"out.{fmt}"
    assert main(["write", str(source), "--to", fmt, "-o", str(out)]) == 0
    assert "gongkai report: 注意：表四 在源文件中没有读到，输出中未列此表" in capsys.readouterr().err
    errors = {f.rule for f in check(before) if f.severity == "error"}
    assert {f.rule for f in check(read(out)) if f.severity == "error"} == errors  # no new F1 errors
    assert "reviews" in {p.where for p in read(out).problems}
