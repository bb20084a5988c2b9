"""From a published-style text file to findings: the reader and the rules together, via the CLI."""

import json
from pathlib import Path

import pytest

from gongkai.cli import main

TAB = Path(__file__).parents[1] / "fixtures" / "reader" / "tab_2021.txt"


def check_text(tmp_path, capsys, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    status = main(["report", "check", "--json", str(path)])
    return status, [(f["rule"], f["cells"], f["message"]) for f in json.loads(capsys.readouterr().out)]


def test_consistent_fixture_is_clean(tmp_path, capsys):
    assert check_text(tmp_path, capsys, TAB.read_text("utf-8")) == (0, [])


def test_text_table_and_date_breaches_found_in_a_text_report(tmp_path, capsys):
    text = TAB.read_text("utf-8")
    text = text.replace("2023年共收到政府信息公开申请18件。", "2023年共收到政府信息公开申请20件。")
    text = text.replace("2024年1月18日", "2024年2月18日")
    text = text.replace(
        "四、政府信息公开行政复议、行政诉讼情况\n",
        "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生政府信息公开行政复议。\n",
    )
    status, findings = check_text(tmp_path, capsys, text)
    assert status == 1
    assert findings == [
        (
            "T1",
            ["applications.new.total", "sections.applications"],
            "正文“2023年共收到政府信息公开申请20件”为20件，表三 一、本年新收政府信息公开申请数量 总计=18，二、上年结转 总计=1",
        ),
        (
            "T3",
            ["reviews.reconsideration.total", "sections.reviews"],
            "正文“本年度未发生政府信息公开行政复议”，但表四 行政复议 总计=2",
        ),
        (
            "F8",
            ["published_on"],
            "落款日期2024年2月18日晚于部门年度报告的公布期限2024年1月31日（2019年《条例》第四十九条：部门1月31日前，本级政府年度报告3月31日前）",
        ),
    ]


SEED_002 = Path(__file__).parents[1] / "fixtures" / "seeds" / "002_1ef18909bb7a5b6c.txt"


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("html", ".html"), ("docx", ".docx"), ("md", ".md"), ("json", ".json")]
)
def test_same_findings_whatever_the_input_format(tmp_path, capsys, fmt, suffix):
    from gongkai.annualreport.readers import read
    from gongkai.annualreport.writers import write

    report = read(SEED_002)
    out = write(report, fmt)
    path = tmp_path / f"002{suffix}"
    path.write_bytes(out) if isinstance(out, bytes) else path.write_text(out, encoding="utf-8")
    assert main(["report", "check", "--json", str(SEED_002)]) == 1
    expected = json.loads(capsys.readouterr().out)
    assert main(["report", "check", "--json", str(path)]) == 1
    assert json.loads(capsys.readouterr().out) == expected
    assert [f["rule"] for f in expected] == ["T1", "T4", "T5", "F10"]
