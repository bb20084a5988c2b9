"""Segmentation for the index: the same tokens for SQLite's unicode61 and PostgreSQL's 'simple' parser."""

from gongkai.catalog.search.segment import document_tokens, query_tokens


def test_document_tokens_include_shorter_words():
    tokens = document_tokens("高安市机关事务管理局关于公车改革的通知").split()
    for word in ("机关", "事务", "管理局", "管理", "公车", "改革"):
        assert word in tokens


def test_punctuation_and_ascii_are_normalised():
    tokens = document_tokens("高府办发〔2024〕3号 MB1234567X/2026-00012").split()
    assert "2024" in tokens
    assert "mb1234567x" in tokens
    assert "00012" in tokens
    assert all("〔" not in t and "/" not in t and "-" not in t for t in tokens)


def test_query_tokens_are_the_precise_words():
    assert query_tokens("机关事务") == ["机关", "事务"]
    assert query_tokens("行政规范性文件") == ["行政", "规范性", "文件"]
    assert query_tokens("  节能 节能 ") == ["节能"]
    assert query_tokens("！？") == []
