"""``ChineseArgumentParser``: argparse with Chinese usage, help headings and error messages.

argparse prints its own words in English ("usage:", "error: invalid choice: 'pdf'", "the following
arguments are required: -o/--output"). Our users read Chinese, so this subclass translates argparse's
standard messages (the fixed phrases of Python 3.11–3.13) and keeps the exit status 2 for usage errors.
Sub-parsers created with ``add_subparsers`` inherit the class. Any CLI of the project should use it
rather than copy it.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's English phrases → Chinese, applied in order to usage, help and error text.
_HELP_WORDS = (
    ("usage: ", "用法："),
    ("positional arguments:", "位置参数："),
    ("optional arguments:", "选项："),
    ("options:", "选项："),
    ("show this help message and exit", "显示本帮助并退出"),
)
_ERRORS = (
    (r"invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)", "无效的选项 {v}（可选：{c}）"),
    (r"the following arguments are required: (?P<a>.+)", "缺少必需的参数：{a}"),
    (r"unrecognized arguments: (?P<a>.+)", "无法识别的参数：{a}"),
    (r"expected one argument", "需要一个值"),
    (r"expected at least one argument", "至少需要一个值"),
    (r"expected at most one argument", "至多需要一个值"),
    (r"expected (?P<n>\d+) arguments?", "需要 {n} 个值"),
    (r"invalid (?P<t>\w+) value: (?P<v>.+)", "无效的 {t} 值：{v}"),
    (r"not allowed with argument (?P<a>.+)", "不能与参数 {a} 同时使用"),
    (r"one of the arguments (?P<a>.+) is required", "参数 {a} 中必须给出一个"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.+)", "选项 {o} 有歧义，可能是：{m}"),
    (r"ignored explicit argument (?P<a>.+)", "忽略了多余的值 {a}"),
)
# Phrases worded around the argument's name, tried before the generic "参数 X：…" form.
_ARGUMENT_ERRORS = ((r"argument (?P<a>[^:]+): invalid int value: '(?P<v>.*)'", "参数 {a} 的值“{v}”不是整数"),)
_ARGUMENT = re.compile(r"^argument (?P<name>[^:]+): (?P<rest>.*)$", re.S)


_CHINESE_HEADING = re.compile(r"^([^\x00-\x7f][^\n:]*):$", re.M)  # a Chinese group title: "命令:" → "命令："


def translate_help(text: str) -> str:
    for english, chinese in _HELP_WORDS:
        text = text.replace(english, chinese)
    return _CHINESE_HEADING.sub(r"\1：", text)


def translate_error(message: str) -> str:
    """argparse's error message in Chinese; an unknown phrase is kept as it is."""
    for pattern, chinese in _ARGUMENT_ERRORS:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return chinese.format(**match.groupdict())
    found = _ARGUMENT.match(message)
    if found:
        return f"参数 {found.group('name')}：{translate_error(found.group('rest'))}"
    for pattern, chinese in _ERRORS:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return chinese.format(**{k: v.strip() for k, v in match.groupdict().items()})
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are in Chinese (exit status 2 on a usage error)."""

    def format_usage(self) -> str:
        return translate_help(super().format_usage())

    def format_help(self) -> str:
        return translate_help(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate_error(message)}\n")
