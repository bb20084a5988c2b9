"""T1–T9: narrative figures against the tables and against themselves (practice)."""

import pytest
from rules_sample import TODAY, sample

from gongkai.annualreport.rules import check


def of(rule_id, report):
    return [(f.severity, f.cells, f.message) for f in check(report, today=TODAY) if f.rule == rule_id]


def with_overview(text, report=None):
    report = report or sample()
    report.sections.overview = text
    return report


def zero_applications(report):
    for path, _ in list(report.cells()):
        if path.startswith(("applications.", "reviews.")):
            report.set(path, 0)
    return report


def test_t1_text_count_differs_from_table3():
    report = zero_applications(sample())
    with_overview(
        "2022年我市共受理依申请公开37件，其中书面申请6件，通过信息公开平台申请31件，已全部办理完成。", report
    )
    assert of("T1", report) == [
        (
            "error",
            ("applications.new.total", "sections.overview"),
            "正文“2022年我市共受理依申请公开37件，其中书面申请6件，通过信息公开平台申请31件，已全部办理完成”为37件，"
            "表三 一、本年新收政府信息公开申请数量 总计=0，二、上年结转 总计=0",
        )
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理政府信息公开申请7件。",  # new
        "全年共收到依申请公开申请8件。",  # new + carried over
        "2023年，我局受理申请数为7件。",
        "全年受理行政复议申请3件，公开相关信息。",  # not an application for information
        "其中，通过网络受理公开申请5件。",  # a part, not the total
        "收到上年结转的政府信息公开申请1件。",
        "在收到政府信息公开申请之日起15个工作日内予以答复。",
        "通过信函受理公开申请2件，通过网络受理公开申请5件。",  # channels: parts
        "受理网上依申请公开5件。",
        "全年受理企业政府信息公开申请3件。",
        "收到依申请公开申请后5个工作日内办结。",
    ],
)
def test_t1_accepts_agreeing_or_unrelated_sentences(sentence):
    assert of("T1", with_overview(sentence)) == []


def test_t1_zero_in_text_nonzero_table():
    assert of("T1", with_overview("2023年，我局未收到依申请公开件，受理申请数为0件。")) == [
        (
            "error",
            ("applications.new.total", "sections.overview"),
            "正文“2023年，我局未收到依申请公开件，受理申请数为0件”为0件，表三 一、本年新收政府信息公开申请数量 总计=7，二、上年结转 总计=1",
        )
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "截至目前，我中心今年未收到依申请公开办件，政府信息公开工作未引发行政复议、行政诉讼情况。",
        "2023年，区政数局无依申请公开信息。",
        "本年度没有收到任何政府信息公开申请。",
    ],
)
def test_t2_text_says_none_table_has_some(sentence):
    assert of("T2", with_overview(sentence)) == [
        (
            "error",
            ("applications.new.total", "sections.overview"),
            f"正文“{sentence.rstrip('。')}”，但表三 一、本年新收政府信息公开申请数量 总计=7",
        )
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度未出现依申请公开答复超期情况。",
        "无论依申请公开还是主动公开，均严格审核。",
        "未因依申请公开被行政复议纠错。",
        "一是无依申请公开工作制度，办理流程不够规范。",
        "未来依申请公开工作将更加规范。",
        "本年度未收到企业的依申请公开申请。",
    ],
)
def test_t2_ignores_other_negations(sentence):
    assert of("T2", with_overview(sentence)) == []


def test_t2_silent_when_table_is_zero():
    report = zero_applications(sample())
    assert of("T2", with_overview("本年度未收到依申请公开申请。", report)) == []


def test_t3_text_says_no_reviews_table4_has_some():
    report = with_overview("2023年，区政数局无依申请公开信息，无公开申请行政复议，提起行政诉讼情况。")
    report.set("reviews.litigation_direct.pending", 1)
    report.set("reviews.litigation_direct.total", 1)
    assert of("T3", report) == [
        (
            "error",
            ("reviews.reconsideration.total", "reviews.litigation_direct.total", "sections.overview"),
            "正文“2023年，区政数局无依申请公开信息，无公开申请行政复议，提起行政诉讼情况”，"
            "但表四 行政复议 总计=2，表四 行政诉讼（未经复议直接起诉） 总计=1",
        )
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年度，未因涉信息公开行政复议、行政诉讼被纠错。",  # about outcomes, not counts
        "未发生行政诉讼，发生行政复议2件。",  # the negation stops at the clause with a figure
        "行政诉讼中未经复议直接起诉的为0件。",
        "因未按期答复被申请行政复议2件。",
        "未按期答复而被申请行政复议的情况需要改进。",
        "无论行政复议还是行政诉讼，均积极应对。",
        "未来将妥善应对行政复议和行政诉讼。",
    ],
)
def test_t3_ignores_outcome_and_scoped_sentences(sentence):
    assert of("T3", with_overview(sentence)) == []


def test_t4_in_force_text_vs_table2():
    text = "整理出现行有效的行政规范性文件48个,并集中公布在政府官网信息公开专栏中。48个规范性文件进行了有效性标注，清理废止类文件3个。"
    report = with_overview(text)
    assert of("T4", report) == [
        (
            "warning",
            ("proactive.normative_documents.in_force", "sections.overview"),
            "正文“整理出现行有效的行政规范性文件48个,并集中公布在政府官网信息公开专栏中”为48个，表二 行政规范性文件 现行有效件数=43",
        )
    ]
    assert of("T5", report) == [
        (
            "warning",
            ("proactive.normative_documents.repealed", "sections.overview"),
            "正文“48个规范性文件进行了有效性标注，清理废止类文件3个”为3个，表二 行政规范性文件 本年废止件数=1",
        )
    ]


def test_t5_ignores_other_periods():
    assert of("T5", with_overview("近三年累计废止规范性文件12件。")) == []


def test_t6_issued_text_vs_table2():
    assert of("T6", with_overview("本年制发行政规范性文件5件。")) == [
        (
            "warning",
            ("proactive.normative_documents.issued", "sections.overview"),
            "正文“本年制发行政规范性文件5件”为5个，表二 行政规范性文件 本年制发件数=6",
        )
    ]


def test_t7_fees_text_vs_table2():
    report = with_overview("本年度行政事业性收费金额为12000元。")
    assert of("T7", report) == [
        (
            "warning",
            ("proactive.fees.amount_wan_yuan", "sections.overview"),
            "正文“本年度行政事业性收费金额为12000元”为1.2万元，表二 行政事业性收费 金额（万元）=0",
        )
    ]
    report.set("proactive.fees.amount_wan_yuan", 1.2)
    assert of("T7", report) == []


def test_t8_total_differs_from_parts():
    assert of(
        "T8", with_overview("全年主动公开信息56条，其中决策公开10条、执行公开12条、管理公开40条。")
    ) == [
        (
            "warning",
            ("sections.overview",),
            "正文“全年主动公开信息56条，其中决策公开10条、执行公开12条、管理公开40条”：总数56条，其下所列各项之和62条",
        )
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # seed 000: a nested breakdown ("其中…55条，包括…") and a top-level part after it
        "截至2023年12月31日，我局共更新政务公开信息56条，其中法定公开信息55条，包括决策公开信息10条、执行公开信息12条、"
        "管理公开信息32条和服务公开信息1条，信息公开年度报告1条。",
        # seed 003: parts separated by semicolons
        "2023年，区机关事务管理中心主动公开政务信息69篇，其中，财政预决算2篇；政务动态62篇；部门文件5篇。",
        # seed 004: one part without a figure and "等": the parts only bound the total
        "全年主动公开信息34条，其中工作动态25条，部门及下属事业单位预决算公开表，履职依据及政策解读9条等相关信息。",
        "本年度发生政府信息公开行政复议2件，其中1件尚未审结。",  # a subset, not a breakdown
        "发布信息100条，其中图片解读占30%。",
        "全年主动公开信息56条，其中决策公开10条、执行公开12条。",  # "其中" need not list every part
        "共发布信息500条，其中政策文件45条、解读62篇。",  # another unit: ambiguous
        # a semicolon that starts a new topic ends the breakdown
        "区政府门户网站共发布信息18439条,其中:概况类69条、政务动态类8043条、信息公开目录类10327条;共维护13个专栏,"
        "其中新开2个;共发布政策解读25篇,解读形式包含文字解读、图片解读等6种形式。",
    ],
)
def test_t8_accepts_consistent_or_ambiguous_sentences(sentence):
    assert of("T8", with_overview(sentence)) == []


def test_t8_nested_breakdown_that_does_not_add_up():
    sentence = "共更新信息56条，其中法定公开信息55条，包括决策公开信息10条、执行公开信息52条，年度报告1条。"
    assert of("T8", with_overview(sentence)) == [
        (
            "warning",
            ("sections.overview",),
            "正文“共更新信息56条，其中法定公开信息55条，包括决策公开信息10条、执行公开信息52条，年度报告1条”："
            "分项55条，其下所列各项之和62条",
        )
    ]


def test_t5_accepts_the_rules_count_in_a_sentence_about_both():
    report = with_overview(
        "2022年主动公开市政府规章13件（含新制定5件，修改4件，废止4件），主动公开行政规范性文件42件。"
    )
    assert of("T5", report) == [
        (
            "warning",
            ("proactive.normative_documents.repealed", "sections.overview"),
            "正文“2022年主动公开市政府规章13件（含新制定5件，修改4件，废止4件），主动公开行政规范性文件42件”为4个，"
            "表二 行政规范性文件 本年废止件数=1",
        )
    ]
    report.set("proactive.rules.repealed", 4)
    assert of("T5", report) == []


def test_t8_breakdown_ends_at_a_new_topic_and_is_still_checked():
    sentence = "共发布信息18439条,其中:概况类69条、政务动态类8043条、信息公开目录类10400条;共维护13个专栏,其中新开2个。"
    assert [m for _, _, m in of("T8", with_overview(sentence))] == [
        "正文“共发布信息18439条,其中:概况类69条、政务动态类8043条、信息公开目录类10400条;共维护13个专栏,其中新开2个”："
        "总数18439条，其下所列各项之和18512条"
    ]


def test_t4_t5_t6_short_wordings_in_a_sentence_about_normative_documents():
    report = with_overview("制定发布规范性文件4件,清理废止文件0件,现行有效文件20件。")
    assert [(f.rule, f.message.split("”")[-1]) for f in check(report, today=TODAY)] == [
        ("T4", "为20个，表二 行政规范性文件 现行有效件数=43"),
        ("T5", "为0个，表二 行政规范性文件 本年废止件数=1"),
        ("T6", "为4个，表二 行政规范性文件 本年制发件数=6"),
    ]


def test_t8_baokuo_parts_exceeding_the_total():
    sentence = (
        "2023年度，市政府门户网站公开全市各类政府信息共计3437条，包括：人事信息12条，政务动态1740条，"
        "公告公示225 条，解读及回应信息共计110条，其他类信息1827条。"
    )
    assert [m.split("：")[-1] for _, _, m in of("T8", with_overview(sentence))] == [
        "总数3437条，其下所列各项之和3914条"
    ]
    # "包括" may list examples only: fewer than the total is no contradiction
    assert of("T8", with_overview("共发布信息500条，包括政策解读20条、工作动态300条。")) == []


def test_t1_real_wording_two_against_three():
    report = with_overview("本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。")
    report.set("applications.carried_over.natural_person", 0)
    report.set("applications.carried_over.total", 0)
    assert [m for _, _, m in of("T1", report)] == [
        "正文“本年度，共受理政府信息公开申请2件，都在法定期限内予以答复”为2件，"
        "表三 一、本年新收政府信息公开申请数量 总计=7，二、上年结转 总计=0"
    ]


def test_t9_review_counts_in_text_vs_table4():
    report = sample()
    report.sections.reviews = "本年度因政府信息公开被申请行政复议3件，提起行政诉讼0件。"
    assert of("T9", report) == [
        (
            "warning",
            ("reviews.reconsideration.total", "sections.reviews"),
            "正文“本年度因政府信息公开被申请行政复议3件，提起行政诉讼0件”为3件，表四 行政复议 总计=2",
        )
    ]
    report.sections.reviews = "本年度因政府信息公开被申请行政复议2件。"
    assert of("T9", report) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "全年办理行政复议案件120件。",  # not about disclosure
        "政府信息公开行政复议被纠错1件。",  # an outcome, not the count
        "因政府信息公开引发的行政诉讼0件。",  # litigation total is 0 in the sample
    ],
)
def test_t9_ignores_other_counts(sentence):
    assert of("T9", with_overview(sentence)) == []


# --- real text: PDF line wraps and spaces, the usual wordings, a wider scope (issue 11) -------------


@pytest.mark.parametrize(
    "text",
    [
        "2023年，我局坚持依法依规办理依申请公开事项，共受理政府信息\n公开申请 23 件，均按时答复。",
        "本年度共收到 政府 信息公开申请 23 件。",
        "本年度我局接收政府信息公开申请23件。",
        "全年共受理依申请公开２３件。",
    ],
)
def test_t1_reads_wrapped_and_spaced_text(text):
    report = zero_applications(sample())
    found = of("T1", with_overview(text, report))
    assert [(severity, cells) for severity, cells, _ in found] == [
        ("error", ("applications.new.total", "sections.overview"))
    ]
    assert "为23件" in found[0][2]


def test_t1_short_heading_line_is_not_joined_to_the_next():
    report = zero_applications(sample())
    text = "（二）依申请公开\n全年共受理政府信息公开申请0件。"
    assert of("T1", with_overview(text, report)) == []


@pytest.mark.parametrize(
    "text", ["全市各部门共受理政府信息公开申请523件。", "全县共收到政府信息公开申请523件，较上一年有所增长。"]
)
def test_wider_scope_figure_is_a_warning_not_an_error(text):
    report = zero_applications(sample())
    with_overview(text, report)
    assert of("T1", report) == []
    found = of("T10", report)
    assert [(s, c) for s, c, _ in found] == [("warning", ("applications.new.total", "sections.overview"))]
    assert found[0][2].endswith("（正文所述为更大范围的数字）")


def test_review_counts_in_wrapped_text():
    report = sample()
    total = report.reviews.reconsideration.total
    text = f"因政府信息公开被申请行政\n复议{total + 3}件，已全部办结，未发生行政诉讼的情况。"
    found = of("T9", with_overview("本年度各项工作有序推进，现将有关情况报告如下：" + text, report))
    assert found and f"为{total + 3}件" in found[0][2]


def test_normative_document_counts_with_spaces():
    report = sample()
    in_force = report.proactive.normative_documents.in_force
    found = of("T4", with_overview(f"截至年底，现行有效 行政规范性文件 {in_force + 5} 件。", report))
    assert found and f"为{in_force + 5}个" in found[0][2]
