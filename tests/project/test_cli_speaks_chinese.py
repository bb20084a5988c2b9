"""`gongkai` and `gongkai report` speak Chinese: help, usage and argparse's usage errors."""

import re

import pytest

from gongkai.annualreport.cli import main as report_main
from gongkai.cli import main
from gongkai.cliparse import ChineseArgumentParser, translate_error

ENGLISH = re.compile(r"usage:|options:|positional arguments|error:|show this help|required|invalid choice")


def test_gongkai_without_arguments_prints_usage_on_stderr_and_exits_2(capsys):
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("用法：gongkai 命令 [参数…]\n")
    assert "report     读取、检查、转写、汇总政府信息公开工作年度报告" in err


def test_gongkai_help_is_chinese(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：gongkai 命令") and not ENGLISH.search(out)


def test_unknown_command_is_a_chinese_usage_error(capsys):
    assert main(["pdf"]) == 2
    assert capsys.readouterr().err.startswith("gongkai：错误：未知命令 'pdf'\n用法：")


def test_report_help_is_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：gongkai report [-h] 命令 ...")
    assert "显示本帮助并退出" in out and "把报告转写为另一种格式" in out
    assert not ENGLISH.search(out)


@pytest.mark.parametrize("command", ["read", "write", "check", "table"])
def test_each_report_command_help_is_chinese(command, capsys):
    with pytest.raises(SystemExit):
        report_main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(f"用法：gongkai report {command}") and not ENGLISH.search(out)


@pytest.mark.parametrize(
    ("argv", "last_line"),
    [
        (
            ["write", "a.txt", "--to", "odt", "-o", "x"],
            "gongkai report write：错误：参数 --to：无效的选项 'odt'（可选：'json', 'md', 'html', 'docx', 'pdf'）",
        ),
        (["table", "a.txt"], "gongkai report table：错误：缺少必需的参数：-o/--output"),
        (["check"], "gongkai report check：错误：缺少必需的参数：FILE"),
        (["read", "a.txt", "--bogus"], "gongkai report：错误：无法识别的参数：--bogus"),
        (["check", "a.txt", "--previous"], "gongkai report check：错误：参数 --previous：需要一个值"),
        ([], "gongkai report：错误：缺少必需的参数：命令"),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(argv, last_line, capsys):
    with pytest.raises(SystemExit) as stop:
        report_main(argv)
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("用法：gongkai report")
    assert err.splitlines()[-1] == last_line


def test_unknown_phrases_are_kept_and_the_class_is_inherited_by_subparsers():
    assert translate_error("something new") == "something new"
    parser = ChineseArgumentParser(prog="x")
    sub = parser.add_subparsers().add_parser("y")
    assert isinstance(sub, ChineseArgumentParser)
