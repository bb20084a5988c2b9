""".doc and .wps through LibreOffice headless; a clear error when it is not installed."""

import pytest
from make_formats import doc_from_docx, seed_with_numbers

from gongkai.annualreport.readers import UnreadableError, read
from gongkai.annualreport.readers.office import MISSING
from gongkai.annualreport.writers import write
from gongkai.cli import main


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    """Our DOCX writer's output of the seed with numbers, saved by LibreOffice as Word 97 (.doc)."""
    return doc_from_docx(write(seed_with_numbers(), "docx"), tmp_path_factory.mktemp("doc"))


@pytest.mark.converter("soffice")
def test_doc_reads_every_cell_agency_year_and_date(doc):
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # really an OLE2 Word 97 file
    expected = seed_with_numbers()
    report = read(doc)
    assert {p: (v, report.get(p)) for p, v in expected.cells() if report.get(p) != v} == {}
    assert (report.agency, report.year, report.published_on) == (
        "赣州经开区机关事务管理中心",
        2023,
        expected.published_on,
    )
    assert report.applications.results.total.total == 34
    assert report.sections.other_matters == expected.sections.other_matters


@pytest.mark.converter("soffice")
def test_wps_and_doc_through_the_cli_and_in_parallel(doc, tmp_path, capsys):
    wps = tmp_path / "report.wps"  # WPS Office's .wps is the same OLE2 word-processing format
    wps.write_bytes(doc.read_bytes())
    assert main(["report", "read", str(doc), str(wps), "--jobs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all('"agency": "赣州经开区机关事务管理中心"' in line for line in lines)
    assert '"new": {"natural_person": 23' in lines[1]


@pytest.mark.converter("soffice")
def test_an_ole_file_that_is_not_a_text_document_is_refused():
    with pytest.raises(UnreadableError, match="LibreOffice 无法把该文件转换为 DOCX"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)


def test_without_libreoffice_the_error_names_it(no_libreoffice, tmp_path, capsys):
    target = tmp_path / "report.doc"
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnreadableError) as error:
        read(target)
    assert str(error.value) == MISSING
    assert "soffice" in MISSING and "libreoffice-writer-nogui" in MISSING
    assert main(["report", "check", str(target)]) == 2
    assert capsys.readouterr().err == f"gongkai report: 无法读取：{target}（{MISSING}）\n"


@pytest.fixture
def no_libreoffice(tmp_path, monkeypatch):
    """A PATH without LibreOffice: an empty directory."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
