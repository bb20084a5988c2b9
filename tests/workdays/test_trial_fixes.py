"""Defects a new-user trial found in `gongkai workdays`, one group of tests per defect."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.workdays import (
    Calendar,
    ClockCase,
    Pause,
    WorkdaysError,
    YearArrangement,
    compute,
    read_notice,
)

NOTICES = Path(__file__).parent.parent / "fixtures" / "holiday-notices"
D = date.fromisoformat


def run(capsys, *args):
    code = main(["workdays", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# 1. A failed notice import must not turn 元旦 2027 into a working day.


def test_import_notice_that_understood_nothing_exits_2_and_prints_nothing(capsys, tmp_path):
    junk = write(tmp_path, "junk.txt", "这不是放假通知。\n随便写点什么。\n")
    code, out, err = run(capsys, "import-notice", junk, "--year", "2027", "--json")
    assert (code, out) == (2, "")
    assert "未能从通知中读出放假安排" in err and "没有任何放假日期" in err


def test_arrangement_without_holidays_is_refused_and_2027_stays_provisional(capsys, tmp_path):
    failed = {"year": 2027, "holidays": [], "workdays": [], "problems": ["未找到条目"]}
    with pytest.raises(WorkdaysError, match="2027年放假安排没有任何放假日期"):
        YearArrangement.from_dict(failed)
    with pytest.raises(WorkdaysError, match="没有任何放假日期"):  # the platform's DB loading path
        Calendar.from_arrangements([failed])
    path = write(tmp_path, "2027.json", json.dumps(failed))
    code, out, err = run(capsys, "is-workday", "2027-01-01", "--arrangement", path)
    assert (code, out) == (2, "")
    assert path in err and "没有任何放假日期" in err
    # Without it: 12/29 30 31(3), 1/1 元旦 off, 1/4–8(8) 11–15(13) 18–22(18) 25(19) 26(20)
    code, out, _ = run(capsys, "due", "--received", "2026-12-28", "--json")
    assert (json.loads(out)["due"], json.loads(out)["provisional"]) == ("2027-01-26", True)


@pytest.mark.parametrize(
    ("holidays", "bad"),
    [
        ({date(2027, 1, 1): "元旦", date(2026, 10, 1): "国庆节"}, "2026-10-01"),
        ({date(2027, 1, 1): "元旦", date(2028, 1, 1): "元旦"}, "2028-01-01"),
    ],
)
def test_arrangement_with_a_date_outside_its_year_is_refused_naming_it(holidays, bad):
    with pytest.raises(WorkdaysError, match=f"2027年放假安排中的放假日期 {bad} 不属于该年"):
        YearArrangement(2027, holidays)


def test_make_up_day_outside_the_year_is_refused_and_december_before_is_allowed():
    with pytest.raises(WorkdaysError, match="调休上班日期 2026-09-27"):
        YearArrangement(2027, {date(2027, 1, 1): "元旦"}, {date(2026, 9, 27): "国庆节"})
    # The 2019 notice: 2018-12-30 off, 2018-12-29 (星期六) a working day.
    ok = YearArrangement(2019, {date(2018, 12, 30): "元旦"}, {date(2018, 12, 29): "元旦"})
    assert ok.holidays == {date(2018, 12, 30): "元旦"}


def test_an_arrangement_emptied_in_place_is_refused_when_added():
    arrangement = YearArrangement(2027, {date(2027, 1, 1): "元旦"})
    arrangement.holidays.clear()
    with pytest.raises(WorkdaysError, match="没有任何放假日期"):
        Calendar.shipped().add(arrangement)


def test_arrangement_missing_statutory_festivals_warns(capsys, tmp_path):
    partial = {"year": 2027, "holidays": {"2027-01-01": "元旦", "2027-10-01": "国庆节"}}
    assert YearArrangement.from_dict(partial).warnings() == [
        "2027年放假安排缺少法定节日：春节、清明节、劳动节、端午节、中秋节（这些节日不会放假，请核对）"
    ]
    path = write(tmp_path, "2027.json", json.dumps(partial))
    code, out, err = run(capsys, "is-workday", "2027-02-08", "--arrangement", path)
    # 2027-02-08 is a Monday, 正月初二, but this (incomplete) arrangement gives no 春节.
    assert (code, out) == (0, "2027-02-08 工作日：星期一\n")
    assert (
        err
        == "注意：2027年放假安排缺少法定节日：春节、清明节、劳动节、端午节、中秋节（这些节日不会放假，请核对）\n"
    )


@pytest.mark.parametrize("year", range(2015, 2027))
def test_every_real_notice_is_complete(year):
    result = read_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert (result.complete, result.blocking) == (True, [])


# 2. A closed pipe (`… | head -1`) ends quietly.


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--received", "2026-01-20", "--corrected", "2026-02-10", "--extend", "10"],
        ["import-notice", str(NOTICES / "2026.txt")],
        ["--help"],
        ["due", "--help"],
    ],
)
def test_closed_pipe_ends_quietly(args):
    code = "import sys; from gongkai.cli import main; sys.exit(main(sys.argv[1:]))"
    child = subprocess.Popen(
        [sys.executable, "-c", code, "workdays", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child.stdout.close()  # the reader is gone before the command writes anything
    err = child.stderr.read().decode()
    assert (child.wait(timeout=60), err) == (0, "")


# 3. 放假半天 is not a rest day.


def test_half_day_item_is_skipped_with_a_problem():
    text = (NOTICES / "2026.txt").read_text(encoding="utf-8") + "\n八、植树节：3月12日放假半天。\n"
    result = read_notice(text)
    plain = read_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    assert date(2026, 3, 12) not in result.arrangement.holidays
    assert result.arrangement == plain.arrangement
    assert result.problems[len(plain.problems) :] == [
        "第八项（植树节）：不认识的节日名称“植树节”，按原文记录",
        "第八项（植树节）：“3月12日放假半天。”是放假半天，不是全体公民放假日，不计为休息日，已忽略",
    ]


# 4. A make-up working day inside a pause is not counted, and the trace says so.


def test_make_up_day_inside_a_pause_is_described_as_not_counted(capsys):
    code, out, _ = run(
        capsys,
        "due",
        *("--received", "2026-01-20", "--corrected", "2026-02-10"),
        *("--pause", "2026-02-25", "2026-03-05", "--extend", "10", "--json"),
    )
    data = json.loads(out)
    # Hand count from 2/10: 11 12 13(3) 14 Sat 调休(4) 2/15–23 春节 off, 24(5) 25(6); pause (2/25, 3/5]
    # skips 26 27, 28 Sat 调休, 3/2–5 (7 days); 3/6(7) 9–13(12) 16–20(17) 23–27(22) 30 31 4/1 2 3(27)
    # 4/4–6 清明 off, 7 8 9(30) → 2026-04-09.
    assert (code, data["due"]) == (0, "2026-04-09")
    makeups = [line for line in data["trace"] if line.startswith("期间调休上班日")]
    assert makeups == [
        "期间调休上班日：2026年2月14日（星期六）调休上班（春节），计入；"
        "2026年2月28日（星期六）调休上班（春节），在中止期间内，不计入。"
    ]
    assert (
        "中止计算（征求意见或缴费）：2026年2月25日至2026年3月5日，期间7个工作日不计入答复期限。"
        in data["trace"]
    )


# 5. Festival names survive `import-notice --json` → `--arrangement`.


def test_import_notice_json_carries_festival_names_back_through_arrangement(capsys, tmp_path):
    code, out, _ = run(capsys, "import-notice", str(NOTICES / "2026.txt"), "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data)[:4] == ["year", "holidays", "workdays", "problems"]
    assert (data["festivals"]["2026-02-15"], data["festivals"]["2026-02-14"]) == ("春节", "春节")
    assert data["festivals"]["2026-10-01"] == "国庆节"
    path = write(tmp_path, "2026.json", out)
    code, out, _ = run(capsys, "is-workday", "2026-02-14", "--arrangement", path)
    assert (code, out) == (0, "2026-02-14 工作日：调休上班（春节）\n")
    code, out, _ = run(capsys, "due", "--received", "2026-02-10", "--arrangement", path, "--json")
    assert "期间放假不计入：春节（2026年2月15日至2月23日，9天）。" in json.loads(out)["trace"]


# 6. Polish.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["is-workday"], "参数错误：缺少必需的参数：DATE"),
        (["due", "--received", "2026-01-05", "--extend", "x"], "--extend“x”不是整数"),
        (["fee", "--count", "1", "--pages", "2"], "参数错误：参数 --pages：不能与参数 --count 同时使用"),
        (["is-workday", "2026-01-05", "--bogus"], "参数错误：无法识别的参数：--bogus"),
        (["due", "--received"], "参数错误：参数 --received：需要一个值"),
        (["import-notice", "x.txt", "--year", "二〇二七"], "参数 --year 的值“二〇二七”不是整数"),
        (
            ["due", "--received", "2026-01-05", "--arrangement", "/nonexistent/a.json"],
            "文件不存在：/nonexistent/a.json",
        ),
    ],
)
def test_usage_and_file_errors_are_chinese(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert message in err
    assert not any(word in err for word in ("required", "argument", "No such file", "Traceback"))


def test_pause_before_receipt_is_refused(capsys):
    with pytest.raises(WorkdaysError, match="开始日期 2026-01-02 早于收到申请的日期 2026-01-20"):
        compute(ClockCase(D("2026-01-20"), pauses=[Pause(D("2026-01-02"), D("2026-01-09"))]))
    code, out, err = run(capsys, "due", "--received", "2026-01-20", "--pause", "2026-01-02", "2026-01-09")
    assert (code, out) == (2, "")
    assert "早于收到申请的日期" in err


def test_joint_festival_span_reads_as_one_span():
    clock = compute(ClockCase(D("2025-09-26")), Calendar.shipped())
    # 2025: 10/1–10/8 off (10/6 中秋节), 9/28 (Sun) and 10/11 (Sat) make-up days.
    assert "期间放假不计入：国庆节、中秋节（2025年10月1日至10月8日，8天）。" in clock.trace


def test_correction_notice_deadline_says_inclusive():
    clock = compute(ClockCase(D("2026-09-30")), Calendar.shipped())
    # 10/1–10/7 off, 10/8 (1) 9 (2) 10 Sat 调休 (3) 12 (4) 13 (5) 14 (6) 15 (7)
    assert "补正告知期限：收到申请后7个工作日内，即2026年10月15日（星期四）之前（含当日）。" in clock.trace
