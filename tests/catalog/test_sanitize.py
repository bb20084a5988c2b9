"""Bodies are cleaned on the server with nh3 whatever the client sends."""

import pytest

from gongkai.catalog.sanitize import clean_html, plain_text

HOSTILE = [
    ('<p>好</p><script>alert("x")</script>', "<script", "alert"),
    ('<img src="x.png" onerror="alert(1)">', "onerror", "alert"),
    ('<a href="javascript:alert(1)">点我</a>', "javascript:", "alert"),
    ('<a href="JaVaScRiPt:alert(1)">点我</a>', "javascript", "alert"),
    ('<p onclick="steal()">文字</p>', "onclick", "steal"),
    ("<style>body{display:none}</style><p>文字</p>", "<style", "display"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe", "evil"),
    ('<svg onload="alert(1)"><circle/></svg>', "onload", "<svg"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:", "alert"),
]


@pytest.mark.parametrize(("raw", "first", "second"), HOSTILE)
def test_hostile_markup_is_removed(raw, first, second):
    cleaned = clean_html(raw).lower()
    assert first.lower() not in cleaned
    assert second.lower() not in cleaned


def test_allowed_markup_is_kept():
    raw = '<h2>一、目标</h2><p><strong>节能</strong>降耗</p><ul><li>一</li></ul><a href="https://www.gov.cn/">国务院</a>'
    cleaned = clean_html(raw)
    assert "<h2>一、目标</h2>" in cleaned
    assert "<strong>节能</strong>" in cleaned
    assert "<li>一</li>" in cleaned
    assert 'href="https://www.gov.cn/"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_plain_text_of_a_body():
    assert plain_text("<p>机关&amp;事务</p><p>节能</p>") == "机关&事务 节能"
