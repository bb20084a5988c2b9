"""`gongkai workdays …` through the real dispatcher."""

import json
from pathlib import Path

import pytest

from gongkai.cli import main

NOTICES = Path(__file__).parent.parent / "fixtures" / "holiday-notices"


def run(capsys, *args):
    code = main(["workdays", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_due_json(capsys):
    # as national26-pause-extend in test_deadlines
    code, out, err = run(
        capsys,
        "due",
        "--received",
        "2026-09-24",
        "--pause",
        "2026-10-09",
        "2026-10-15",
        "--extend",
        "5",
        "--json",
    )
    data = json.loads(out)
    assert (code, err) == (0, "")
    assert {k: data[k] for k in ("due", "provisional", "rule_set", "working_days")} == {
        "due": "2026-11-12",
        "provisional": False,
        "rule_set": "2019",
        "working_days": 25,
    }
    assert all(isinstance(line, str) and line for line in data["trace"])


def test_due_text_with_correction_into_2027(capsys):
    code, out, _ = run(capsys, "due", "--received", "2026-12-01", "--corrected", "2026-12-31")
    assert code == 0
    assert out.splitlines()[0] == "答复截止日：2027-01-29（暂定）"
    assert "2. 收到申请：2026年12月1日（星期二），当日不计入，自次日起算。" in out.splitlines()


def test_due_two_pauses(capsys):
    # N = 20 from 9/18: 9/20W(1) 21…24(5) 28 29 30(8) 10/8 9(10) [skip 10W 12…15] 16(11) 19(12) 20(13) [skip 21 22]
    # 23(14) 26…30(19) 11/2(20)
    code, out, _ = run(
        capsys,
        "due",
        "--received",
        "2026-09-18",
        "--pause",
        "2026-10-09",
        "2026-10-15",
        "--pause",
        "2026-10-20",
        "2026-10-22",
        "--json",
    )
    assert json.loads(out)["due"] == "2026-11-02"


@pytest.mark.parametrize(
    "day,code,text",
    [
        ("2026-10-10", 0, "2026-10-10 工作日：调休上班（国庆节）"),
        ("2026-10-01", 1, "2026-10-01 休息日：国庆节"),
        ("2026-11-14", 1, "2026-11-14 休息日：星期六"),
        ("2026-11-16", 0, "2026-11-16 工作日：星期一"),
    ],
)
def test_is_workday(capsys, day, code, text):
    result = run(capsys, "is-workday", day)
    assert result[:2] == (code, text + "\n")


def test_is_workday_2027_new_year(capsys):
    code, out, _ = run(capsys, "is-workday", "2027-01-01")
    assert code == 1
    assert out.startswith("2027-01-01 休息日：元旦（暂定：2027年放假安排尚未录入")


def test_add(capsys):
    # 12/28 29 30 31(4), 1/1 (Fri) off, 1/4(5)
    code, out, err = run(capsys, "add", "2026-12-25", "5")
    assert code == 0
    assert out == "2027-01-04\n"  # stdout is just the date, for scripts
    assert err.startswith("暂定：2027年放假安排尚未录入")
    assert run(capsys, "add", "2026-09-30", "1")[1] == "2026-10-08\n"


def test_add_with_an_entered_arrangement(capsys, tmp_path):
    arrangement = tmp_path / "2027.json"
    arrangement.write_text(
        json.dumps({"year": 2027, "holidays": ["2027-01-01", "2027-01-04"], "workdays": []})
    )
    code, out, _ = run(capsys, "add", "2026-12-31", "1", "--arrangement", str(arrangement), "--json")
    assert code == 0
    assert json.loads(out) == {"date": "2027-01-05", "provisional": False}


def test_import_notice_json(capsys):
    code, out, _ = run(capsys, "import-notice", str(NOTICES / "2026.txt"), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["year"] == 2026
    assert data["problems"] == []
    assert data["workdays"] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    assert data["holidays"][:3] == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert len(data["holidays"]) == 33


def test_import_notice_text_lists_problems(capsys):
    code, out, _ = run(capsys, "import-notice", str(NOTICES / "2024.txt"))
    assert code == 0
    # 元旦 3 (2023-12-30 to 2024-01-01) + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 = 32
    assert out.splitlines()[0] == "2024年放假安排（32天放假，8天调休上班）"
    assert out.splitlines()[-1].startswith("问题：第二项（春节）：未能理解的句子")


def test_fee(capsys):
    code, out, _ = run(capsys, "fee", "--pages", "150", "--json")
    assert (code, json.loads(out)["fee_yuan"]) == (0, 1700)
    code, out, _ = run(capsys, "fee", "--count", "35")
    assert code == 0
    assert out.splitlines()[0].startswith("按件收费：35件，合计 3,000 元")


@pytest.mark.parametrize(
    "args,message",
    [
        (["due", "--received", "2026-02-30"], "--received“2026-02-30”不是有效日期"),
        (["due", "--received", "2026-02-03", "--extend", "-1"], "--extend不能为负数"),
        (["due", "--received", "2026-02-03", "--extend", "25"], "超过"),
        (["due"], "参数错误"),
        (["add", "2026-01-05", "-2"], "天数N不能为负数"),
        (["add", "2026-01-05", "x"], "天数N“x”不是整数"),
        (["is-workday", "tomorrow"], "日期“tomorrow”不是有效日期"),
        (["fee", "--count", "-3"], "--count不能为负数"),
        (["fee"], "参数错误"),
        (["import-notice", "/nonexistent/notice.txt"], "文件不存在：/nonexistent/notice.txt"),
        (["frobnicate"], "参数错误"),
        (["is-workday", "2150-01-01"], "超出农历换算范围"),
        (["add", "2026-01-01", "100000"], "十年内找不到足够的工作日"),
        (["due", "--received", "2005-01-01"], "早于《中华人民共和国政府信息公开条例》（2007年）施行日"),
    ],
)
def test_errors_exit_2_with_a_message_and_no_traceback(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and out == ""


def test_import_notice_without_title_needs_year(capsys, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("一、元旦：1月1日（周五）放假，共1天。\n", encoding="utf-8")
    code, _, err = run(capsys, "import-notice", str(notice), "--json")
    assert code == 2 and "--year" in err
    code, out, err = run(capsys, "import-notice", str(notice), "--year", "2027", "--json")
    # Only 元旦: the year is incomplete, so nothing is printed that could be passed on as --arrangement.
    assert (code, out) == (2, "")
    assert "缺少法定节日：春节、清明节、劳动节、端午节、中秋节、国庆节" in err
    code, out, _ = run(capsys, "import-notice", str(notice), "--year", "2027", "--json", "--allow-incomplete")
    assert code == 0
    assert json.loads(out) == {
        "year": 2027,
        "holidays": ["2027-01-01"],
        "workdays": [],
        "problems": [
            "2027年放假安排缺少法定节日：春节、清明节、劳动节、端午节、中秋节、国庆节（这些节日不会放假，请核对）"
        ],
        "festivals": {"2027-01-01": "元旦"},
    }


def test_bad_arrangement_file(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = run(capsys, "add", "2026-01-05", "1", "--arrangement", str(bad))
    assert code == 2 and "不是有效的 JSON" in err


def test_help(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "is-workday" in out
