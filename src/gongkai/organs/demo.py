"""Demo region for `gongkai demo`: 高安市 (江西省宜春市), the place two of the seed reports come from.

Loading is idempotent: organs are matched by slug and left alone if present, accounts are matched by user
name and left alone if present (re-running `gongkai demo` must not reset anyone's password or end their
session), role grants are only added when missing. Credit codes
are generated valid (GB 32100-2015) from 高安市's division code 360983; they are demo values, not real ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.core.actors import SYSTEM
from gongkai.organs import services
from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, OrganKind, Role

PASSWORD = "demo1234!"  # published in the README: the demo may never run in production


class DemoRefused(Exception):
    """The demo data (accounts with the published password) must not be loaded here; says why."""


def refuse_in_production() -> None:
    """Raise DemoRefused under GONGKAI_ENV=production: the demo accounts' password is public."""
    from django.conf import settings

    if getattr(settings, "PRODUCTION", False):
        raise DemoRefused(
            "生产环境（GONGKAI_ENV=production）不能载入演示数据：演示账户的密码是公开的。"
            "请用 gongkai manage createsuperuser 创建管理员"
        )


DIVISION = "360983"  # 高安市
HOURS = "工作日 上午8:00—12:00，下午14:30—17:30（7月至9月下午15:00—18:00）"

# slug, parent slug, kind, name, short name, org-code body, address, phone, 文号 prefix, supervising
# fmt: off
ORGANS = (
    ("gaoan", None, OrganKind.GOVERNMENT, "高安市人民政府", "市政府", "01450001",
     "江西省高安市瑞阳大道1号市行政中心", "0795-5212300", "高府发", False),
    ("gaoan-gov-office", "gaoan", OrganKind.DEPARTMENT, "高安市人民政府办公室", "市政府办", "01450002",
     "江西省高安市瑞阳大道1号市行政中心", "0795-5212315", "高府办发", True),
    ("gaoan-jgsw", "gaoan", OrganKind.DEPARTMENT, "高安市机关事务管理局", "市机关事务局", "01450003",
     "江西省高安市瑞阳大道1号市行政中心3楼", "0795-5212588", "高机管发", False),
    ("gaoan-finance", "gaoan", OrganKind.DEPARTMENT, "高安市财政局", "市财政局", "01450004",
     "江西省高安市锦江路88号", "0795-5221234", "高财发", False),
    ("gaoan-education", "gaoan", OrganKind.DEPARTMENT, "高安市教育体育局", "市教体局", "01450005",
     "江西省高安市华林路16号", "0795-5223456", "高教体发", False),
    ("gaoan-ruizhou", "gaoan", OrganKind.SUBDISTRICT, "高安市瑞州街道办事处", "瑞州街道", "01450006",
     "江西省高安市瑞州街道高安大道298号", "0795-5231100", "瑞街发", False),
    ("gaoan-junyang", "gaoan", OrganKind.SUBDISTRICT, "高安市筠阳街道办事处", "筠阳街道", "01450008",
     "江西省高安市筠阳街道凤凰路66号", "0795-5232200", "筠街发", False),
    ("gaoan-xiangfu", "gaoan", OrganKind.TOWNSHIP, "高安市祥符镇人民政府", "祥符镇", "01450007",
     "江西省高安市祥符镇祥符大道6号", "0795-5261006", "祥府发", False),
)
# fmt: on


@dataclass(frozen=True)
class Account:
    username: str
    family_name: str  # 姓 (Django's last_name); empty for a function account such as 系统管理员
    given_name: str  # 名 (Django's first_name)
    organ_slug: str | None  # None: system administrator
    role: Role | None
    description: str

    @property
    def full_name(self) -> str:
        """The name as displayed: family name then given name, no space (Chinese order)."""
        return f"{self.family_name}{self.given_name}"


ACCOUNTS = (
    Account("admin", "", "系统管理员", None, None, "系统管理员（可进入 /admin/）"),
    Account(
        "zhuguan",
        "王",
        "主管",
        "gaoan-gov-office",
        Role.SUPERVISOR,
        "主管部门：高安市人民政府办公室政务公开办，全市机关只读",
    ),
    Account("zhuanyuan", "李", "专员", "gaoan-jgsw", Role.CLERK, "信息公开专员：高安市机关事务管理局"),
    Account("shenhe", "张", "审核", "gaoan-jgsw", Role.REVIEWER, "审核员：高安市机关事务管理局"),
    Account("fuzeren", "刘", "负责", "gaoan-jgsw", Role.HEAD, "负责人：高安市机关事务管理局"),
    Account("caizheng", "陈", "专员", "gaoan-finance", Role.CLERK, "信息公开专员：高安市财政局"),
)


def _load_organs() -> dict[str, Organ]:
    organs: dict[str, Organ] = {}
    for order, (slug, parent, kind, name, short, body, address, phone, prefix, supervising) in enumerate(
        ORGANS
    ):
        existing = Organ.objects.filter(slug=slug).first()
        organs[slug] = existing or services.create_organ(
            SYSTEM,
            slug=slug,
            parent=organs[parent] if parent else None,
            kind=kind,
            name=name,
            short_name=short,
            credit_code=make_code("1", "1", DIVISION, body),
            address=address,
            postcode="330800",
            phone=phone,
            office_hours=HOURS,
            doc_number_prefix=prefix,
            is_supervising=supervising,
            sort_order=order * 10,
        )
    return organs


def _load_account(account: Account, organs: dict[str, Organ]) -> None:
    user = get_user_model().objects.filter(username=account.username).first()
    if user is None:
        user = get_user_model()(username=account.username, is_active=True)
        user.last_name, user.first_name = account.family_name, account.given_name
        user.is_superuser = user.is_staff = account.role is None
        user.set_password(PASSWORD)
        user.save()
    if account.role is not None:
        services.grant_role(SYSTEM, user, organs[account.organ_slug], account.role)


@transaction.atomic
def load_organs_and_accounts() -> Organ:
    """Create (or complete) the demo region and accounts; returns the region's government.

    Registered as the first demo loader ("organs", order 10) in `OrgansConfig.ready`."""
    organs = _load_organs()
    for account in ACCOUNTS:
        _load_account(account, organs)
    return organs["gaoan"]


@transaction.atomic
def load_demo() -> Organ:
    """Run every registered demo loader in order (organs and accounts first); returns the region.
    Refused in production (DemoRefused)."""
    from gongkai.core.registry import demo_loaders

    refuse_in_production()

    for loader in demo_loaders():
        loader.load()
    return Organ.objects.get(slug="gaoan")


def account_lines() -> list[str]:
    """The demo accounts as printed by `gongkai demo` and `manage load_demo` (one text for both)."""
    lines = [f"演示账户（密码均为 {PASSWORD}）："]
    return lines + [f"  {account.username:<12} {account.description}" for account in ACCOUNTS]
