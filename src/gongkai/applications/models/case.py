"""The application (依申请公开的申请) and its applicant.

`Application` holds the lifecycle (status, date of receipt, outcome once replied); everything that happened
is in `ApplicationEvent`, and deadlines are computed from those events (`gongkai.applications.clock`), never
stored. Personal data lives in `Applicant`: the identity number only encrypted, with a keyed hash to find it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.applications import crypto
from gongkai.applications.choices import (
    ApplicantKind,
    Channel,
    Delivery,
    IdType,
    Status,
    WantedForm,
)
from gongkai.applications.storage import get_private_storage


class Application(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name="受理机关", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("登记编号", max_length=60)
    number_year = models.PositiveIntegerField("编号年度")
    number_seq = models.PositiveIntegerField("编号序号")
    query_code = models.CharField("查询码", max_length=16, unique=True)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    applicant_kind = models.CharField("申请人类型", max_length=30, choices=ApplicantKind.choices)
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到申请之日", null=True, blank=True)
    receipt_basis = models.CharField("收到申请之日的依据", max_length=200, blank=True)
    description = models.TextField("所需信息的描述")
    document_hint = models.CharField("文号或其他特征", max_length=200, blank=True)
    wanted_form = models.CharField("获取信息的方式", max_length=20, choices=WantedForm.choices)
    delivery = models.CharField("获取信息的途径", max_length=20, choices=Delivery.choices)
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The outcome of the first reply: what table 3 counts (a new reply after 纠正 is an event, not a row).
    outcome = models.CharField("办理结果", max_length=60, blank=True)
    reply_type = models.CharField("答复类型", max_length=10, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    forwarded_from = models.OneToOneField(
        "self",
        verbose_name="转自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_to",
    )
    version = models.PositiveIntegerField("版本", default=1)
    # A materialised derivation of the events, not state (`clock.urgency_key`): the work queue's sort key,
    # rewritten in the same transaction as every event append that moves the clock (services.base.append).
    # Every figure shown is still computed from the events; these only order and page the queue in SQL.
    clock_due = models.DateField("答复截止日（由办理记录推算）", null=True, blank=True, editable=False)
    clock_stopped_left = models.PositiveSmallIntegerField(
        "计时中止时的剩余工作日（由办理记录推算）", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "number_year", "number_seq"], name="unique_case_number"),
        ]
        indexes = [
            models.Index(fields=["organ", "status"]),
            models.Index(fields=["organ", "received_on"]),
            models.Index(fields=["organ", "closed_on"]),
            models.Index(fields=["organ", "status", "clock_due"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_closed(self) -> bool:
        from gongkai.applications.choices import CLOSED_STATUSES

        return self.status in CLOSED_STATUSES


class Applicant(models.Model):
    """The applicant of one application (a snapshot: the same person applying twice gives two rows)."""

    application = models.OneToOneField(
        Application, primary_key=True, on_delete=models.CASCADE, related_name="applicant"
    )
    name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number_encrypted = models.TextField("证件号码（加密）", blank=True)
    id_number_hash = models.CharField("证件号码（检索用）", max_length=64, blank=True, db_index=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通讯地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"

    def __str__(self) -> str:
        return crypto.mask_text(self.name)

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_encrypted)

    def set_id_number(self, value: str) -> None:
        value = crypto.normalise_id(value)
        self.id_number_encrypted = crypto.encrypt(value)
        self.id_number_hash = crypto.lookup_hash(value)

    @property
    def fee_key(self) -> str:
        """Who "the same applicant" is for the per-month fee count: the ID hash, else the credit code."""
        return self.id_number_hash or self.credit_code


def _attachment_path(instance, filename: str) -> str:
    return (
        f"applications/{instance.application.organ_id}/{instance.application_id}/att-{instance.sha256[:16]}"
    )


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=_attachment_path, storage=get_private_storage)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=60)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self) -> str:
        return self.original_name
