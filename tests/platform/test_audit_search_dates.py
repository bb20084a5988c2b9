"""The audit search refuses dates outside 2000–2100 with a message naming the field (security review L1:
0001-01-01 gave a 500 on SQLite, since Asia/Shanghai midnight of year 1 cannot be turned into UTC)."""

import pytest


@pytest.mark.parametrize(
    ("params", "field", "label"),
    [
        ({"date_from": "0001-01-01"}, "date_from", "起始日期"),
        ({"date_to": "0001-01-01"}, "date_to", "截止日期"),
        ({"date_to": "9999-12-31"}, "date_to", "截止日期"),
        ({"date_from": "1999-12-31"}, "date_from", "起始日期"),
    ],
)
def test_out_of_range_dates_are_a_field_error(world, client_for, params, field, label):
    response = client_for(world.users["admin"]).get("/workspace/audit/", params)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"{label}超出范围：应在2000年1月1日至2100年12月31日之间"
    ]


def test_dates_in_range_still_filter(world, client_for):
    response = client_for(world.users["admin"]).get(
        "/workspace/audit/", {"date_from": "2000-01-01", "date_to": "2100-12-31"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {}
