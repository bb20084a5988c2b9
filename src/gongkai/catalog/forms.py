"""Forms of the staff pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms

from gongkai.catalog.choices import (
    CleanupDecision,
    Disclosure,
    DocumentKind,
    Genre,
    InterpretationForm,
    RegisterEventKind,
    Validity,
)


class EntryForm(forms.Form):
    column = forms.ChoiceField(label="栏目")
    title = forms.CharField(label="名称", max_length=300)
    summary = forms.CharField(
        label="内容概述", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    generated_on = forms.DateField(label="生成日期", widget=forms.DateInput(attrs={"type": "date"}))
    publisher = forms.CharField(label="发布机构", max_length=100, required=False)
    doc_number = forms.CharField(label="发文字号", max_length=80, required=False)
    subject = forms.CharField(label="主题分类", max_length=60, required=False)
    genre = forms.ChoiceField(label="体裁", choices=Genre.choices, initial=Genre.OTHER)
    disclosure = forms.ChoiceField(label="公开方式", choices=Disclosure.choices, initial=Disclosure.PROACTIVE)
    withheld_basis = forms.CharField(label="不予公开依据", max_length=300, required=False)
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices, required=False)
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "data-rich-text": ""}),
        help_text="可使用 p、h2、h3、strong、em、ul、ol、li、table、a 等基本HTML标签；其他标签和脚本会被清除。",
    )
    interprets = forms.CharField(
        label="被解读文件的索引号", max_length=80, required=False, help_text="仅政策解读填写"
    )
    interpretation_form = forms.ChoiceField(
        label="解读形式", choices=[("", "—"), *InterpretationForm.choices], required=False
    )

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].choices = [
            (str(c.pk), ("　" * depth) + c.title) for depth, c in columns if c.accepts_entries
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ColumnForm(forms.Form):
    key = forms.CharField(label="栏目标识", max_length=40, help_text="小写字母、数字和连字符；创建后不再改变")
    title = forms.CharField(label="栏目名称", max_length=100)
    parent = forms.ChoiceField(label="上级栏目", required=False)

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "（顶层）")] + [
            (str(c.pk), ("　" * d) + c.title) for d, c in columns
        ]


class SettingsForm(forms.Form):
    index_pattern = forms.CharField(label="索引号格式", max_length=80)
    review_levels = forms.CharField(
        label="审核层级",
        max_length=200,
        help_text="每级一行：名称,角色（reviewer=审核员，head=负责人），如“初审,reviewer”",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    withheld_review_months = forms.IntegerField(label="不予公开信息复查周期（月）", min_value=1, max_value=60)
    interpretation_required_genres = forms.MultipleChoiceField(
        label="须配发政策解读的体裁",
        choices=Genre.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class GuideForm(forms.Form):
    body = forms.CharField(label="指南正文", required=False, widget=forms.Textarea(attrs={"rows": 20}))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=DocumentKind.choices, initial=DocumentKind.NORMATIVE)
    title = forms.CharField(label="名称", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=80)
    issued_on = forms.DateField(label="制发日期", widget=forms.DateInput(attrs={"type": "date"}))
    entry_index = forms.CharField(label="目录条目索引号", max_length=80, required=False)


class RegisterEventForm(forms.Form):
    kind = forms.ChoiceField(
        label="事项", choices=[(k.value, k.label) for k in RegisterEventKind if k != RegisterEventKind.ISSUED]
    )
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    by_document = forms.CharField(label="依据文件", max_length=200, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class CleanupForm(forms.Form):
    title = forms.CharField(label="清理名称", max_length=200)
    by_document = forms.CharField(label="清理结果文件", max_length=200)
    decided_on = forms.DateField(label="清理日期", widget=forms.DateInput(attrs={"type": "date"}))


CLEANUP_CHOICES = [("", "不纳入本次清理"), *CleanupDecision.choices]


class FiguresForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)
    licensing = forms.CharField(label="行政许可处理决定数量")
    penalty = forms.CharField(label="行政处罚处理决定数量")
    coercion = forms.CharField(label="行政强制处理决定数量")
    fees_wan_yuan = forms.CharField(label="行政事业性收费金额（万元）")


class FiguresImportForm(forms.Form):
    file = forms.FileField(label="CSV 或 XLSX 文件")
