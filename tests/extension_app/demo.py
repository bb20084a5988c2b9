from tests.extension_app.models import Memo
from tests.extension_app.services import write_memo

from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Organ

DEMO_TEXT = "演示：本季度信息公开工作例会定于每月第一个周一召开。"


def load() -> None:
    """Idempotent: the demo memo is written once."""
    organ = Organ.objects.get(slug="gaoan-jgsw")
    if not Memo.objects.filter(organ=organ, text=DEMO_TEXT).exists():
        write_memo(SYSTEM, organ=organ, text=DEMO_TEXT)
