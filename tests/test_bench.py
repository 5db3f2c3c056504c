"""The benchmark's smoke run at 1,000 tickets, so `python -m bench` cannot rot (its numbers are not judged here)."""

from __future__ import annotations

from bench import report
from bench.__main__ import run


def test_the_bench_measures_every_figure_and_prints_its_targets() -> None:
    results = run([1000], repeat=3)
    entry = results["sizes"]["1000"]
    head = entry["headless"]
    assert head["rows"] > 0 and 0 < head["start_s"] < 60
    for key in ("filter", "cursor", "page_down", "search_key"):
        assert 0 < head[key]["median_ms"] <= head[key]["p95_ms"] and head[key]["cpu_median_ms"] > 0
    assert len(head["open_ticket_s"]) == 3 and all(0 < seconds < 60 for seconds in head["open_ticket_s"].values())
    assert {"1000", "10000"} <= set(head["open_ticket_s"]) and set(head["open_ticket_cpu_s"]) == set(
        head["open_ticket_s"])
    assert 0 < entry["journal_search"]["median_ms"] <= entry["journal_search"]["p95_ms"]
    assert entry["process"]["maxrss_mb"] > results["bare"]["process"]["maxrss_mb"] > 0
    assert {"note", "status", "dispatch"} <= set(entry["writes"])
    assert entry["datatable"]["start_s"] > 0
    assert results["bare"]["headless"]["push_screen"]["cpu_median_ms"] > 0
    assert 0 < entry["reindex_s"] < 60
    printed = report.table(results)
    assert "| target | measured |" in printed and "open a ticket with 10,000 entries" in printed
    assert "`helpline reindex` (s)" in printed and "search over journal text, adapter" in printed
    assert "a bare screen pushed and drawn" in printed
