"""Organs (机关) and the roles staff hold in them.

The organs form a tree: the region's 人民政府 at the top, its departments (部门), 乡镇 and 街道 below.
Roles are granted per organ; what a role may do is decided in `gongkai.organs.permissions` only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.urls import reverse

from gongkai.core.textinput import control_character_errors
from gongkai.organs import creditcode


def validate_credit_code(value: str) -> None:
    try:
        creditcode.validate(value)
    except creditcode.CreditCodeError as exc:
        raise ValidationError(str(exc), code="invalid_credit_code") from exc


phone_validator = RegexValidator(
    r"^[0-9()（）\-－+ ，,、转]{7,40}$",
    "联系电话格式不正确：只能包含数字、括号、连字符、空格和“转”",
)


class OrganKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWNSHIP = "township", "乡镇"
    SUBDISTRICT = "subdistrict", "街道"
    OTHER = "other", "其他机关"


class Organ(models.Model):
    """An administrative organ (行政机关) that discloses information in its own name."""

    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(
        "机关类型", max_length=20, choices=OrganKind.choices, default=OrganKind.DEPARTMENT
    )
    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    slug = models.SlugField(
        "网址标识", max_length=60, unique=True, help_text="用于网址，只能包含字母、数字和连字符"
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField(
        "邮政编码",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{6}$", "邮政编码应为6位数字")],
    )
    phone = models.CharField("联系电话", max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    doc_number_prefix = models.CharField(
        "文号前缀", max_length=30, blank=True, help_text="本机关文件文号的机关代字，如“高府办发”"
    )
    is_supervising = models.BooleanField(
        "主管部门",
        default=False,
        help_text="政府信息公开工作主管部门（如人民政府办公室），监督其所属人民政府的全部下属机关",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:organ-dashboard", kwargs={"slug": self.slug})

    MULTILINE_FIELDS = ("office_hours",)

    def clean(self) -> None:
        errors = control_character_errors(self, multiline=self.MULTILINE_FIELDS)
        if errors:
            raise ValidationError(errors)
        # Only normalise: the field validator already reported an invalid code (once).
        self.credit_code = creditcode.normalise(self.credit_code)
        if self.pk and self.parent_id and self.parent_id in descendant_ids(self):
            raise ValidationError({"parent": "上级机关不能是本机关或其下属机关"})

    def supervised_root(self) -> Organ:
        """The organ whose subtree this 主管部门 supervises.

        条例第三条: 县级以上人民政府办公厅（室）is the 主管部门 of its government's whole region, so a
        supervising office that sits under a 人民政府 supervises that government's subtree; any other
        supervising organ supervises its own subtree.
        """
        if self.parent_id and self.parent.kind == OrganKind.GOVERNMENT:
            return self.parent
        return self


def subtree_ids(root_ids, include_roots: bool = True) -> set[int]:
    """Ids of the subtrees under `root_ids`, in one query (a recursive CTE; UNION stops at any cycle)."""
    roots = sorted({int(pk) for pk in root_ids if pk is not None})
    if not roots:
        return set()
    table = connection.ops.quote_name(Organ._meta.db_table)
    marks = ", ".join(["%s"] * len(roots))
    sql = (
        f"WITH RECURSIVE subtree(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
        f"UNION SELECT child.id FROM {table} child JOIN subtree ON child.parent_id = subtree.id) "
        "SELECT id FROM subtree"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, roots)
        found = {row[0] for row in cursor.fetchall()}
    return found if include_roots else found - set(roots)


def descendant_ids(organ: Organ, include_self: bool = True) -> set[int]:
    """Ids of `organ`'s subtree, in one query whatever its depth."""
    return subtree_ids([organ.pk], include_roots=include_self)


class Role(models.TextChoices):
    CLERK = "clerk", "信息公开专员"
    REVIEWER = "reviewer", "审核员"
    HEAD = "head", "负责人"
    SUPERVISOR = "supervisor", "主管部门"


class RoleGrant(models.Model):
    """One role held by one user in one organ. Created and removed only through the services."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="role_grants"
    )
    organ = models.ForeignKey(
        Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="role_grants"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="授予人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [models.UniqueConstraint(fields=["user", "organ", "role"], name="unique_role_grant")]
        ordering = ["organ__sort_order", "organ__name", "role", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} · {self.organ} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.role == Role.SUPERVISOR and self.organ_id and not self.organ.is_supervising:
            raise ValidationError({"role": "只能在主管部门授予“主管部门”角色"})
