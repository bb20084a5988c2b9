from enum import StrEnum


class MemoVerb(StrEnum):
    WRITTEN = "memo.written"


VERBS = {MemoVerb.WRITTEN: "写入工作备忘"}
