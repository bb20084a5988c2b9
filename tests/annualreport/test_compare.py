"""`gongkai report compare` and annualreport.compare: cells side by side, changed and copied sentences."""

import json

from rules_sample import sample

from gongkai.annualreport.compare import compare, sentences
from gongkai.annualreport.model import cell_paths
from gongkai.cli import main


def two_years():
    """Last year and this year of one organ: three cells moved, one sentence changed, one added."""
    a, b = sample(year=2022), sample(year=2023)
    a.set("applications.new.natural_person", 3)
    a.set("applications.new.total", 5)
    b.set("proactive.normative_documents.in_force", 49)
    b.sections.shortcomings = a.sections.shortcomings  # copied word for word
    b.sections.other_matters = "本年度未收取信息处理费。本年度共举办政务公开培训2次，参训人员36人次。"
    return a, b


def write(tmp_path, name, report):
    path = tmp_path / name
    path.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_every_cell_is_listed_with_its_difference():
    a, b = two_years()
    result = compare(a, b)
    assert [c.path for c in result.cells] == cell_paths("2021")
    moved = {c.path: (c.a, c.b, c.difference) for c in result.differing}
    assert moved == {
        "applications.new.natural_person": (3, 5, 2),
        "applications.new.total": (5, 7, 2),
        "proactive.normative_documents.in_force": (43, 49, 6),
    }


def test_blank_cell_has_no_difference_but_differs():
    a, b = sample(), sample()
    b.set("applications.new.other_org", None)
    (cell,) = compare(a, b).differing
    assert (cell.path, cell.a, cell.b, cell.difference) == ("applications.new.other_org", 0, None, None)
    assert cell.label == "表三 一、本年新收政府信息公开申请数量 其他"


def test_formats_differ_cells_of_both_are_listed():
    a, b = sample("2019", 2020), sample("2021", 2021)
    result = compare(a, b)
    paths = [c.path for c in result.cells]
    assert set(paths) == set(cell_paths("2019")) | set(cell_paths("2021"))
    only_2019 = next(c for c in result.cells if c.path.startswith("proactive_2019."))
    assert only_2019.b is None
    fee_unpaid = next(c for c in result.cells if c.path == "applications.results.other.fee_unpaid.total")
    assert (fee_unpaid.a, fee_unpaid.b) == (None, 0)


def test_sentences_ignore_line_breaks_inside_phrases():
    assert sentences("共受理政府信息\n公开申请 23 件。均已\n按期答复；无。") == [
        "共受理政府信息",
        "公开申请23件。",
        "均已",
        "按期答复；",
        "无。",
    ]
    assert sentences(None) == []


def test_changed_added_removed_and_copied_sentences():
    a, b = two_years()
    result = compare(a, b)
    kinds = [(s.part, s.kind) for s in result.sentences]
    # The year in every overview sentence that names it changed; shortcomings is copied unchanged.
    assert ("shortcomings", "changed") not in kinds
    assert ("other_matters", "added") in kinds
    added = next(s for s in result.sentences if s.part == "other_matters")
    assert added.b == "本年度共举办政务公开培训2次，参训人员36人次。"
    changed = next(s for s in result.sentences if s.part == "overview" and s.kind == "changed")
    assert "2022" in changed.a and "2023" in changed.b
    copied = [s for part, s in result.copied if part == "shortcomings"]
    assert copied == ["一是公开内容还需进一步丰富；", "二是政策解读形式较为单一，下一步将加强培训。"]
    assert 0 < result.copied_share < 1
    assert result.copied_share == len(result.copied) / result.counted


def test_identical_text_is_entirely_copied():
    a = sample()
    result = compare(a, sample())
    assert result.sentences == []
    assert result.copied_share == 1.0
    assert result.differing == []


def test_cli_prints_differing_cells_and_sentences(tmp_path, capsys):
    a, b = two_years()
    assert main(["report", "compare", write(tmp_path, "a.json", a), write(tmp_path, "b.json", b)]) == 0
    out = capsys.readouterr().out
    assert "（某某市某某局 2022年度）" in out and "（某某市某某局 2023年度）" in out
    assert f"表格：共{len(cell_paths('2021'))}个单元格，3个不同。" in out
    row = next(line for line in out.splitlines() if "现行有效件数" in line)
    assert row.split()[-3:] == ["43", "49", "+6"]
    assert "【六、其他需要报告的事项】" in out
    assert "  新增：本年度共举办政务公开培训2次，参训人员36人次。" in out
    assert "与A逐字相同" in out


def test_cli_all_lists_every_cell(tmp_path, capsys):
    a, b = two_years()
    main(["report", "compare", "--all", write(tmp_path, "a.json", a), write(tmp_path, "b.json", b)])
    out = capsys.readouterr().out
    assert sum("表三" in line for line in out.splitlines()) == sum(
        p.startswith("applications.") for p in cell_paths("2021")
    )


def test_cli_json(tmp_path, capsys):
    a, b = two_years()
    main(["report", "compare", "--json", write(tmp_path, "a.json", a), write(tmp_path, "b.json", b)])
    data = json.loads(capsys.readouterr().out)
    assert data["differing_cells"] == 3
    assert data["a"]["year"] == 2022 and data["b"]["year"] == 2023
    cell = next(c for c in data["cells"] if c["path"] == "applications.new.total")
    assert (cell["a"], cell["b"], cell["difference"]) == (5, 7, 2)
    assert data["copied_share"] == round(len(data["copied_sentences"]) / data["countable_sentences"], 4)


def test_cli_unreadable_file_exits_2(tmp_path, capsys):
    good = write(tmp_path, "a.json", sample())
    assert main(["report", "compare", good, str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gongkai report: 报告B文件不存在：") and "missing.txt" in err
