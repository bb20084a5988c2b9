"""Bad input is rejected at the edge with a Chinese error naming the field, on SQLite and PostgreSQL alike:
NUL and other control characters, JSON null and non-strings, unknown fields, stray whitespace; API errors
(CSRF, bad ids) are JSON, never an HTML page or a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gongkai.organs.models import Organ


def api_url(organ: Organ) -> str:
    return f"/api/v1/organs/{organ.pk}/"


def patch(client, url: str, body) -> object:
    return client.patch(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("value", ["甲市人民路1号\u0000", "甲市\u0001人民路", "甲市人民路\u007f1号"])
def test_api_rejects_control_characters_with_a_field_error(world, client_for, value):
    response = patch(client_for(world.users["clerk"]), api_url(world.own), {"address": value})
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "address": ["办公地址：不能包含控制字符（如NUL、换行以外的不可见字符）"]
    }
    world.own.refresh_from_db()
    assert world.own.address == "甲市人民路1号"


@pytest.mark.parametrize("address", ["甲市\u0001人民路", "甲市\u0000人民路"])
def test_form_rejects_control_characters_naming_the_field(world, client_for, address):
    client = client_for(world.users["clerk"])
    data = {"address": address, "phone": "0795-5212588", "office_hours": "工作日\r\n上午"}
    response = client.post(f"/workspace/o/{world.own.slug}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["address"] == [
        "办公地址：不能包含控制字符（如NUL、换行以外的不可见字符）"
    ]
    world.own.refresh_from_db()
    assert world.own.address == "甲市人民路1号"


def test_office_hours_keep_line_breaks_and_use_a_textarea(world, client_for):
    client = client_for(world.users["clerk"])
    page = client.get(f"/workspace/o/{world.own.slug}/edit/")
    assert '<textarea name="office_hours"' in page.content.decode()
    response = patch(client, api_url(world.own), {"office_hours": "上午8:00—12:00\n下午14:30—17:30"})
    assert response.status_code == 200
    assert response.json()["office_hours"] == "上午8:00—12:00\n下午14:30—17:30"


@pytest.mark.parametrize("query", ["\u0000", "abc\u0000def", "财政\u0007"])
def test_search_with_control_characters_is_a_clear_400(client, world, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    html = response.content.decode()
    assert "无效的搜索词" in html
    assert "\u0000" not in html
    assert world.other.name not in html and world.own.name not in html


def test_api_null_value_is_a_400_naming_the_field(world, client_for):
    response = patch(client_for(world.users["clerk"]), api_url(world.own), {"phone": None})
    assert response.status_code == 400
    assert response.json()["fields"] == {"phone": ["联系电话：应为字符串（不能为null），清空请传空字符串"]}
    world.own.refresh_from_db()
    assert world.own.phone == "0795-5212588"


def test_api_non_string_value_is_a_400(world, client_for):
    response = patch(client_for(world.users["clerk"]), api_url(world.own), {"postcode": 330800})
    assert response.status_code == 400
    assert response.json()["fields"] == {"postcode": ["邮政编码：应为字符串"]}


def test_api_unknown_field_is_a_400_naming_it(world, client_for):
    response = patch(client_for(world.users["clerk"]), api_url(world.own), {"fax": "1", "phone": "0795-1"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"fax": ["未知字段：fax"]}


def test_api_strips_whitespace_like_the_form(world, client_for):
    client = client_for(world.users["clerk"])
    response = patch(client, api_url(world.own), {"short_name": "   ", "phone": "0795-5212300\n"})
    assert response.status_code == 200
    world.own.refresh_from_db()
    assert (world.own.short_name, world.own.phone) == ("", "0795-5212300")


def test_api_csrf_failure_is_json(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["clerk"])
    response = patch(client, api_url(world.own), {"phone": "0795-1111111"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "CSRF" in response.json()["error"]


def test_page_csrf_failure_stays_html(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["clerk"])
    response = client.post(f"/workspace/o/{world.own.slug}/edit/", {"phone": "0795-1111111"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("tail", ["abc/", "-1/", "99999999999999999999999/", "1/extra/", "nothing/"])
def test_api_bad_ids_and_paths_are_json_404(world, client_for, tail):
    response = client_for(world.users["clerk"]).get(f"/api/v1/organs/{tail}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_api_wrong_method_is_json_405(world, client_for):
    response = client_for(world.users["clerk"]).delete(api_url(world.own))
    assert response.status_code == 405
    assert response.json()["error"] == "不支持的请求方法：DELETE"


@pytest.mark.parametrize(
    ("address", "char"),
    [
        ("甲市人民路\u202e号1", "U+202E"),  # right-to-left override: displays reversed
        ("甲市\u2066人民路1号", "U+2066"),  # bidi isolate
        ("甲市人\u200b民路1号", "U+200B"),  # zero-width space
        ("甲市人民路\ufeff1号", "U+FEFF"),  # zero-width no-break space (BOM)
        ("甲市\u2028人民路1号", "U+2028"),  # line separator
        ("甲市人民路1号\ufdd0", "U+FDD0"),  # noncharacter
        ("甲市人民路1号\U0010ffff", "U+10FFFF"),  # noncharacter of the last plane
    ],
)
def test_form_refuses_invisible_and_bidi_characters_naming_them(world, client_for, address, char):
    client = client_for(world.users["clerk"])
    data = {"address": address, "phone": "0795-5212588", "office_hours": "工作日"}
    response = client.post(f"/workspace/o/{world.own.slug}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["address"] == [
        f"办公地址：不能包含不可见字符或改变文字方向的字符（{char}，如零宽字符、双向控制符）"
    ]
    world.own.refresh_from_db()
    assert world.own.address == "甲市人民路1号"


def test_model_check_refuses_a_lone_surrogate(world):
    from django.core.exceptions import ValidationError

    world.own.short_name = "机关\ud800"
    with pytest.raises(ValidationError) as caught:
        world.own.full_clean()
    assert caught.value.message_dict["short_name"] == [
        "简称：不能包含不可见字符或改变文字方向的字符（U+D800，如零宽字符、双向控制符）"
    ]


@pytest.mark.parametrize("postcode", ["٣٣٠٨٠٠", "３３０８００", "३३०८००"])
def test_postcode_accepts_ascii_digits_only(world, client_for, postcode):
    client = client_for(world.users["clerk"])
    data = {"address": "甲市人民路1号", "phone": "0795-5212588", "postcode": postcode, "office_hours": ""}
    response = client.post(f"/workspace/o/{world.own.slug}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["postcode"] == ["邮政编码应为6位数字"]
    world.own.refresh_from_db()
    assert world.own.postcode != postcode


def test_ordinary_chinese_text_with_full_width_punctuation_passes(world, client_for):
    client = client_for(world.users["clerk"])
    data = {"address": "甲市人民路1号（行政中心三楼）", "phone": "0795-5212588", "postcode": "330800"}
    response = client.post(f"/workspace/o/{world.own.slug}/edit/", {**data, "office_hours": "工作日\n上午"})
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.address == "甲市人民路1号（行政中心三楼）"
    assert world.own.postcode == "330800"
