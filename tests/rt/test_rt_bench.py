"""`python -m bench.rt` on a small desk, so it cannot rot (its numbers are read by people, not judged here)."""

from __future__ import annotations

from bench.rt import fill, measure


async def test_the_rt_bench_measures_helpline_rest2_and_rt_ls_on_the_same_query(rt_fresh: object) -> None:
    url = rt_fresh.url  # type: ignore[attr-defined]
    filled = await fill(url, tickets=5, entries=3, long=6, dispatches=2)
    results = await measure(url, filled, repeat=2, page_rows=None, entries=3)
    assert set(results) == {
        "helpline_queue_page_cold_ms", "helpline_queue_page_ms", "helpline_open_50_entries_ms",
        "helpline_open_600_transactions_ms", "helpline_open_600_transactions_whole_ms",
        "helpline_tui_open_600_transactions_ms", "helpline_note_ms", "helpline_dispatch_ms", "rest2_one_call_ms",
        "rest2_search_ms", "rt_ls_ms"}
    assert all(value > 0 for value in results.values())
