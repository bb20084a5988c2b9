"""信息处理费 tiers (国办函〔2020〕109号)."""

import pytest

from gongkai.workdays import WorkdaysError, fee_by_count, fee_by_pages


def test_35_applications():
    # 1–10 free, 11–30 (20) at 100, 31–35 (5) at 200 (31–40 band): 20×100 + 5×200 = 2,000 + 1,000 = 3,000 元.
    # Issue 3 and domain.md state "35 applications = 2,500 元" next to this very formula; the formula is the
    # rule (第四条), and its sum is 3,000, so the stated total is an arithmetic slip (reported to the lead).
    fee = fee_by_count(35)
    assert fee.total == 3000
    assert [(line.first, line.last, line.price) for line in fee.lines] == [
        (1, 10, 0),
        (11, 30, 100),
        (31, 35, 200),
    ]
    assert fee.to_dict()["breakdown"] == [
        "第1至10件：10件，免费",
        "第11至30件：20件 × 100元 = 2,000元",
        "第31至35件：5件 × 200元 = 1,000元",
    ]


def test_150_pages():
    # 1–30 free, 31–100 (70) at 10, 101–150 (50) at 20: 700 + 1,000 = 1,700 元
    fee = fee_by_pages(150)
    assert fee.to_dict() == {
        "fee_yuan": 1700,
        "breakdown": [
            "第1至30页：30页，免费",
            "第31至100页：70页 × 10元 = 700元",
            "第101至150页：50页 × 20元 = 1,000元",
        ],
    }


@pytest.mark.parametrize(
    "count,total",
    [
        (0, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (40, 4000),  # 2,000 + 10×200
        (41, 4300),  # + 1×300
        (55, 9000),  # 11–30 2,000; 31–40 2,000; 41–50 3,000; 51–55 5×400 = 2,000
    ],
)
def test_count_bands(count, total):
    assert fee_by_count(count).total == total


@pytest.mark.parametrize(
    "pages,total", [(30, 0), (31, 10), (100, 700), (200, 2700), (201, 2740), (250, 4700)]
)
def test_page_bands(pages, total):
    assert fee_by_pages(pages).total == total


def test_negative_is_refused():
    with pytest.raises(WorkdaysError, match="非负整数"):
        fee_by_count(-1)
