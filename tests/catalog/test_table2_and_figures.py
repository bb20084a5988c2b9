"""Table 2 from the register on a hand-built history, the entered figures, and section 一's counts."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import Workbook

from gongkai.annualreport.model import Proactive
from gongkai.catalog import selectors
from gongkai.catalog.choices import CleanupDecision
from gongkai.catalog.models import CleanupItem, RegisterEvent, YearFigures
from gongkai.catalog.services import figures, register


@pytest.fixture
def history(region):
    clerk = region.perms("clerk")

    def doc(number, issued, kind="normative_documents", organ=None):
        return register.register_document(
            clerk if organ is None else region.perms("other_clerk"),
            organ or region.own,
            kind=kind,
            title=f"文件{number}",
            doc_number=f"甲机管规〔{issued[:4]}〕{number}号",
            issued_on=issued,
        )

    n1, n2, n3, n4 = doc(1, "2023-03-01"), doc(2, "2024-02-10"), doc(3, "2024-05-05"), doc(4, "2024-12-31")
    doc(5, "2025-01-01")
    n6 = doc(6, "2022-07-01")
    r1 = doc(7, "2024-04-01", kind="rules")
    doc(8, "2024-03-03", organ=region.other)  # another organ: never counted for `own`
    register.record_event(clerk, n1, kind="repealed", on="2024-06-30", by_document="甲机管发〔2024〕9号")
    register.record_event(clerk, n3, kind="lapsed", on="2025-05-05", by_document="")
    register.record_event(clerk, r1, kind="repealed", on="2024-12-31", by_document="甲府令第3号")
    register.record_cleanup(
        clerk,
        region.own,
        title="2024年度规范性文件清理",
        by_document="甲机管发〔2024〕20号",
        decided_on="2024-11-28",
        decisions=[(n2, CleanupDecision.KEPT, ""), (n6, CleanupDecision.AMENDED, "第五条修改")],
    )
    documents = {"n1": n1, "n2": n2, "n3": n3, "n4": n4, "n6": n6, "r1": r1}
    for document in documents.values():
        document.refresh_from_db()
    return documents


def test_table2_counts_match_a_hand_count(region, history):
    t2024 = selectors.table2_counts(region.own, 2024)
    assert isinstance(t2024.proactive, Proactive)
    assert t2024.proactive.normative_documents.to_dict() == {"issued": 3, "repealed": 1, "in_force": 4}
    assert t2024.proactive.rules.to_dict() == {"issued": 1, "repealed": 1, "in_force": 0}
    t2025 = selectors.table2_counts(region.own, 2025)
    assert t2025.proactive.normative_documents.to_dict() == {"issued": 1, "repealed": 0, "in_force": 4}
    assert t2025.proactive.licensing.decisions is None  # not entered: blank, not 0
    assert t2025.figures_entered is False


def test_table2_drill_down_names_the_documents(region, history):
    titles = lambda key, year=2024: sorted(d.title for d in selectors.table2_entries(region.own, year, key))  # noqa: E731
    assert titles("normative_documents.issued") == ["文件2", "文件3", "文件4"]
    assert titles("normative_documents.repealed") == ["文件1"]
    assert titles("normative_documents.in_force") == ["文件2", "文件3", "文件4", "文件6"]
    assert titles("normative_documents.in_force", 2025) == ["文件2", "文件4", "文件5", "文件6"]
    with pytest.raises(KeyError):
        selectors.table2_entries(region.own, 2024, "licensing.decisions")


def test_register_events_and_cleanup_leave_a_record(region, history):
    kinds = list(
        RegisterEvent.objects.filter(document=history["n6"]).values_list("kind", "on", "by_document")
    )
    assert kinds == [
        ("issued", date(2022, 7, 1), "甲机管规〔2022〕6号"),
        ("amended", date(2024, 11, 28), "甲机管发〔2024〕20号"),
    ]
    assert sorted(CleanupItem.objects.values_list("decision", flat=True)) == ["amended", "kept"]
    assert selectors.register_validity(history["n1"], date(2024, 6, 29)) == "valid"
    assert selectors.register_validity(history["n1"], date(2024, 6, 30)) == "repealed"
    assert selectors.register_validity(history["n3"], date(2025, 6, 1)) == "lapsed"


def test_register_refusals(region, history):
    clerk = region.perms("clerk")
    with pytest.raises(ValidationError, match="已于"):
        register.record_event(clerk, history["n1"], kind="repealed", on="2024-07-01", by_document="x")
    with pytest.raises(ValidationError, match="早于制发日期"):
        register.record_event(clerk, history["n2"], kind="amended", on="2020-01-01", by_document="x")
    with pytest.raises(ValidationError, match="已登记"):
        register.register_document(
            clerk,
            region.own,
            kind="rules",
            title="重复",
            doc_number="甲机管规〔2024〕2号",
            issued_on="2024-01-01",
        )
    with pytest.raises(ValidationError, match="依据文件"):
        register.record_event(clerk, history["n2"], kind="repealed", on="2025-01-01", by_document="")
    with pytest.raises(PermissionDenied):
        register.record_event(
            region.perms("reviewer"), history["n2"], kind="amended", on="2025-01-01", by_document="x"
        )
    with pytest.raises(PermissionDenied):
        register.record_event(
            region.perms("other_clerk"), history["n2"], kind="amended", on="2025-01-01", by_document="x"
        )


def test_entered_figures_fill_table2(region):
    figures.save_figures(
        region.perms("clerk"), region.own, 2024, licensing="12", penalty=3, coercion=0, fees_wan_yuan="1.5"
    )
    proactive = selectors.table2_counts(region.own, 2024).proactive
    assert (proactive.licensing.decisions, proactive.penalty.decisions, proactive.coercion.decisions) == (
        12,
        3,
        0,
    )
    assert proactive.fees.amount_wan_yuan == 1.5
    with pytest.raises(ValidationError) as caught:
        figures.save_figures(
            region.perms("clerk"),
            region.own,
            2024,
            licensing="-1",
            penalty="x",
            coercion=0,
            fees_wan_yuan="-2",
        )
    assert set(caught.value.message_dict) == {"licensing", "penalty", "fees_wan_yuan"}


HEADER = ["统一社会信用代码", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"]


def test_csv_import_names_every_error_by_row_and_column_and_stores_nothing(region):
    code = region.own.credit_code
    rows = [
        HEADER,
        [code, "2024", "10", "2", "1", "3.25"],
        [code, "2023", "10", "-1", "1", "0"],
        ["XXXXXXXXXXXXXXXXXX", "2024", "1", "1", "1", "1"],
        [region.other.credit_code, "2024", "1", "1", "1", "1"],
        [code, "2024", "5", "5", "五", "abc"],
    ]
    content = "\n".join(",".join(r) for r in rows).encode("utf-8")
    with pytest.raises(ValidationError) as caught:
        figures.import_figures(region.perms("clerk"), "figures.csv", content)
    messages = caught.value.message_dict["file"]
    assert "第3行“行政处罚”：行政处罚应为非负整数" in messages
    assert any(m.startswith("第4行“统一社会信用代码”") for m in messages)
    assert any(
        m.startswith("第5行“统一社会信用代码”") for m in messages
    )  # not an organ the clerk may fill in
    assert "第6行“行政强制”：行政强制应为非负整数" in messages
    assert "第6行“行政事业性收费（万元）”：行政事业性收费应为非负数（单位：万元）" in messages
    assert any(m.startswith("第6行“年度”：与第2行重复") for m in messages)
    assert not YearFigures.objects.exists()


def test_xlsx_import(region):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([region.own.credit_code, 2024, 7, 1, 0, 0.8])
    sheet.append([region.own.credit_code, 2025, 9, 0, 0, 0])
    buffer = io.BytesIO()
    book.save(buffer)
    result = figures.import_figures(region.perms("clerk"), "figures.xlsx", buffer.getvalue())
    assert len(result.saved) == 2
    assert selectors.table2_counts(region.own, 2024).proactive.licensing.decisions == 7
    with pytest.raises(ValidationError, match="缺少列"):
        figures.import_figures(region.perms("clerk"), "f.csv", "年度,行政许可\n2024,1".encode())
    with pytest.raises(ValidationError, match="CSV 或 XLSX"):
        figures.import_figures(region.perms("clerk"), "f.txt", b"x")


def test_yearly_counts_by_column_and_type_with_drill_down(region):
    year = timezone.localdate().year
    for title, column in (
        ("决策一", "decision"),
        ("决策二", "decision"),
        ("执行一", "execution"),
        ("规划", "art20-03"),
    ):
        region.publish(
            region.draft(title=title, column=column, genre="plan" if column == "art20-03" else "notice")
        )
    region.draft(title="未发布", column="decision")
    counts = selectors.yearly_counts(region.own, year)
    assert counts.total == 4
    by_key = {c.column.key: c.count for c in counts.columns}
    assert by_key["five"] == 3 and by_key["statutory"] == 1 and by_key["guide"] == 0
    five = next(c for c in counts.columns if c.column.key == "five")
    assert {c.column.key: c.count for c in five.children}["decision"] == 2
    assert counts.genres == {"notice": 3, "plan": 1}
    assert (
        counts.sentence()
        == f"{year}年共主动公开政府信息4条，其中决策公开2条、执行公开1条、国民经济和社会发展规划、专项规划、区域规划及相关政策1条。"
    )
    drill = selectors.yearly_entries(region.own, year, column=region.column("five"))
    assert sorted(e.published_version.title for e in drill) == ["决策一", "决策二", "执行一"]
    assert selectors.yearly_counts(region.own, year - 1).total == 0
