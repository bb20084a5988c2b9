"""The lawful date of receipt by channel (第三十一条), with the sentence the case page shows. Pure.

- 当面提交: the day submitted;
- 邮寄 needing a signature (挂号信, EMS): the day signed for;
- 平常信函 (no signature): the day the office confirms with the applicant (it must try the same day);
- 互联网 (online form, e-mail) and 传真: the day both sides confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.applications.choices import Channel
from gongkai.workdays.dates import cn_date


@dataclass(frozen=True)
class ReceiptRule:
    channel: str
    needs: str  # which date decides: "submitted", "signed" or "confirmed"
    label: str  # the date's name in the sentence
    article: str


RULES = {
    Channel.IN_PERSON: ReceiptRule(Channel.IN_PERSON, "submitted", "提交之日", "第三十一条第（一）项"),
    Channel.REGISTERED_POST: ReceiptRule(
        Channel.REGISTERED_POST, "signed", "签收之日", "第三十一条第（二）项"
    ),
    Channel.LETTER: ReceiptRule(Channel.LETTER, "confirmed", "与申请人确认之日", "第三十一条第（二）项"),
    Channel.ONLINE: ReceiptRule(Channel.ONLINE, "confirmed", "双方确认之日", "第三十一条第（三）项"),
    Channel.EMAIL: ReceiptRule(Channel.EMAIL, "confirmed", "双方确认之日", "第三十一条第（三）项"),
    Channel.FAX: ReceiptRule(Channel.FAX, "confirmed", "双方确认之日", "第三十一条第（三）项"),
}
SHORT = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_POST: "挂号信",
    Channel.LETTER: "平常信函",
    Channel.ONLINE: "网上申请",
    Channel.EMAIL: "电子邮件",
    Channel.FAX: "传真",
}


def rule_for(channel: str) -> ReceiptRule:
    return RULES[Channel(channel)]


def needs_confirmation(channel: str) -> bool:
    """True when the date of receipt is a confirmation with the applicant (the case starts as 待确认)."""
    return rule_for(channel).needs == "confirmed"


def explain(channel: str, received: date) -> str:
    """“挂号信：以签收之日2026年3月2日为收到申请之日（第三十一条第（二）项）”."""
    rule = rule_for(channel)
    return (
        f"{SHORT[Channel(channel)]}：以{rule.label}{cn_date(received, False)}为收到申请之日（{rule.article}）"
    )
