"""The fuzz harness's bounded sample (issue 8): 2,000 inputs with a fixed seed, each read in its own process.

Asserted: no crash, no fabricated number, every process within the memory budget, and every bomb refused
by the deterministic cap meant for it. Timings are the machine's and only reported (the suite runs under
a generous deadline, see conftest.py); ``python bench/fuzz.py --count 100000`` is the full run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[2] / "bench"

# The cap each bomb of the harness must be refused by (others are refused as not a report, or damaged).
BOMB_CAPS = {
    "glyphs": {"pdf_glyphs"},
    "glyphs-small": {"pdf_glyphs"},
    "deflate": {"pdf_page_content_bytes", "pdf_stream_bytes"},
    "comment": {"pdf_page_content_bytes"},
    "lines": {"pdf_page_content_bytes"},
    "rects": {"pdf_page_segments"},
    "grid": {"pdf_table_cells"},
}


def test_two_thousand_fuzzed_inputs_crash_nothing_and_fabricate_nothing(tmp_path):
    # In a fresh interpreter: each input is read in a child forked from the harness, and a child's peak
    # resident size includes what it inherited, so the parent must be the harness, not this test process
    # (hundreds of MB by the time the suite reaches this test).
    run = subprocess.run(
        [sys.executable, str(BENCH / "fuzz.py"), "--count", "2000", "--seed", "8", "--workers", "2",
         "--out", str(tmp_path)],
        capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": "ignore"}, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    summary = json.loads((tmp_path / "summary.json").read_text())
    results = [r for path in tmp_path.glob("results-*.jsonl") for r in map(json.loads, path.open())]
    print({k: summary[k] for k in ("outcomes", "refused_by_cap", "peak_memory_mb", "slowest_seconds")})
    assert summary["inputs"] == 2000 and summary["worker_failures"] == 0
    assert summary["crashes"] == 0, summary["crash_examples"]
    assert summary["fabricated"] == 0, summary["fabricated_examples"]
    assert summary["over_memory"] == 0, summary["over_budget_examples"]
    assert summary["refused_by_deadline"] == 0  # under the suite's deadline, only deterministic caps refuse
    bombs = [r for r in results if r["kind"] == "bomb"]
    assert len(bombs) >= 30 and {r["outcome"] for r in bombs} == {"refused"}
    for result in bombs:
        if result["mutator"] in BOMB_CAPS:
            assert result["cap"] in BOMB_CAPS[result["mutator"]], result
    assert {r["kind"] for r in results} == {"text", "json", "html", "docx", "pdf", "bomb", "huge", "junk"}
