"""The benchmark's one table: absolute figures, ratios against the bare app measured in the same run,
and each performance target marked met or not."""

from __future__ import annotations

from typing import Any


def _check(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _key_cell(figures: dict[str, float]) -> str:
    cpu = f" / {figures['cpu_median_ms']:.1f}" if "cpu_median_ms" in figures else ""
    return f"{figures['median_ms']:.1f} / {figures['p95_ms']:.1f}{cpu}"


def _about(length: int, entries: int) -> bool:
    """The short ticket has the demo's few entries, about ten."""
    return length == entries or (entries == 10 and length < 100)


def targets(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of the performance issue (16) that this run measured."""
    sizes = {int(size): entry for size, entry in results["sizes"].items()}
    bare = results["bare"]
    rows: list[tuple[str, str, str]] = []
    for size, limit in ((100_000, 1.3), (1_000_000, 1.5)):
        if size in sizes:
            for how in ("headless", "process"):
                ratio = sizes[size][how]["start_s"] / bare[how]["start_s"]
                rows.append((f"start at {size:,} ({how}) <= {limit} x bare", f"{ratio:.2f} x", _check(ratio <= limit)))
    if 1_000 in sizes and 100_000 in sizes:
        ratio = sizes[100_000]["headless"]["start_s"] / sizes[1_000]["headless"]["start_s"]
        rows.append(("start at 100,000 <= 1.15 x start at 1,000 (headless)", f"{ratio:.2f} x", _check(ratio <= 1.15)))
    for size, extra_mb in ((100_000, 40), (1_000_000, 60)):
        if size in sizes:
            extra = sizes[size]["process"]["maxrss_mb"] - bare["process"]["maxrss_mb"]
            rows.append((f"peak RSS at {size:,} <= bare + {extra_mb} MB", f"+{extra:.0f} MB",
                         _check(extra <= extra_mb)))
    largest = max(sizes)
    big = sizes[largest]
    head = big["headless"]
    bare_key = bare["headless"]["key"]
    if "filter" in head:
        extra, extra95 = (head["filter"]["median_ms"] - bare_key["median_ms"],
                          head["filter"]["p95_ms"] - bare_key["p95_ms"])
        rows.append((f"filter key at {largest:,}: median <= bare + 5 ms", f"+{extra:.1f} ms", _check(extra <= 5)))
        rows.append((f"filter key at {largest:,}: p95 <= bare + 15 ms", f"+{extra95:.1f} ms", _check(extra95 <= 15)))
        if "cpu_median_ms" in head["filter"] and "cpu_median_ms" in bare_key:
            for what in ("filter", "cursor"):
                cpu = head[what]["cpu_median_ms"] - bare_key["cpu_median_ms"]
                rows.append((f"{what} key at {largest:,}: CPU median over bare (reference)", f"+{cpu:.1f} ms", ""))
        cursor = head["cursor"]["median_ms"] - bare_key["median_ms"]
        rows.append((f"cursor move at {largest:,} <= bare + 2 ms", f"+{cursor:.1f} ms", _check(cursor <= 2)))
        for entries, limit in (("1000", 50), ("10000", 100)):
            opened = head["open_ticket_s"][entries] * 1000
            rows.append((f"open a ticket with {int(entries):,} entries <= {limit} ms", f"{opened:.0f} ms",
                         _check(opened <= limit)))
        push = bare["headless"].get("push_screen")
        if push:
            for entries in ("1000", "10000"):
                extra = head["open_ticket_cpu_s"][entries] * 1000 - push["cpu_median_ms"]
                rows.append((f"open {int(entries):,} entries: CPU over a bare screen push (reference)",
                             f"+{extra:.0f} ms", ""))
        short = min(head["open_ticket_s"], key=int)
        ratio = head["open_ticket_s"]["10000"] / head["open_ticket_s"][short]
        rows.append((f"open 10,000 entries as fast as {short} (ratio, for reference)", f"{ratio:.2f} x", ""))
    smallest = min(sizes)
    if largest != smallest:
        ratio = big["writes"]["note"]["median_ms"] / sizes[smallest]["writes"]["note"]["median_ms"]
        rows.append((f"one note at {largest:,} <= 1.2 x at {smallest:,}", f"{ratio:.2f} x", _check(ratio <= 1.2)))
    for kind in ("note", "status", "dispatch"):
        median = big["writes"][kind]["median_ms"]
        rows.append((f"one {kind} at {largest:,}: median <= 5 ms", f"{median:.1f} ms", _check(median <= 5)))
    if 100_000 in sizes and "journal_search" in sizes[100_000]:
        median = sizes[100_000]["journal_search"]["median_ms"]
        rows.append(("search over journal text at 100,000 <= 50 ms (median)", f"{median:.1f} ms", _check(median <= 50)))
    if 100_000 in sizes and "reindex_s" in sizes[100_000]:
        seconds = sizes[100_000]["reindex_s"]
        rows.append(("`helpline reindex` of 100,000 tickets <= 30 s", f"{seconds:.1f} s", _check(seconds <= 30)))
    if "datatable" in big:
        faster = big["datatable"]["start_s"] / head["start_s"]
        rows.append((f"first paint >= 50 x faster than DataTable at {largest:,}", f"{faster:.1f} x",
                     _check(faster >= 50)))
    return rows


def table(results: dict[str, Any]) -> str:
    bare = results["bare"]
    lines = [
        "| measure | " + " | ".join(f"{int(s):,}" for s in results["sizes"]) + " | bare app |",
        "|---|" + "---|" * (len(results["sizes"]) + 1),
    ]

    def row(name: str, cell: Any, bare_cell: str = "") -> None:
        lines.append(f"| {name} | " + " | ".join(cell(e) for e in results["sizes"].values()) + f" | {bare_cell} |")

    row("start to interactive queue, headless (s)", lambda e: f"{e['headless']['start_s']:.2f}",
        f"{bare['headless']['start_s']:.2f}")
    row("start to interactive queue, process (s)", lambda e: f"{e['process']['start_s']:.2f}",
        f"{bare['process']['start_s']:.2f}")
    row("every row of the view loaded, headless (s)", lambda e: f"{e['headless']['loaded_s']:.2f}")
    row("`helpline reindex` (s)", lambda e: f"{e['reindex_s']:.1f}" if "reindex_s" in e else "-")
    row("peak RSS (MB)", lambda e: f"{e['process']['maxrss_mb']:.0f}", f"{bare['process']['maxrss_mb']:.0f}")
    for kind in ("note", "status", "dispatch"):
        row(f"one {kind}: median / p95 (ms)",
            lambda e, k=kind: f"{e['writes'][k]['median_ms']:.1f} / {e['writes'][k]['p95_ms']:.1f}")

    def largest(key: str, unit: str = "ms") -> Any:
        def cell(entry: dict[str, Any]) -> str:
            value = entry["headless"].get(key)
            if value is None:
                return "-"
            return f"{value * 1000:.0f}" if unit == "s" else _key_cell(value)
        return cell

    bare_key = _key_cell(bare["headless"]["key"])
    row("filter key: median / p95 / CPU median (ms)", largest("filter"), bare_key)
    row("cursor move: median / p95 / CPU median (ms)", largest("cursor"), bare_key)
    row("page down: median / p95 / CPU median (ms)", largest("page_down"), bare_key)
    row("search over journal text, view 0 key: median / p95 / CPU median (ms)", largest("search_key"), bare_key)
    row("search over journal text, adapter: median / p95 (ms)",
        lambda e: f"{e['journal_search']['median_ms']:.1f} / {e['journal_search']['p95_ms']:.1f}"
        if "journal_search" in e else "-")
    for entries in ("10", "1000", "10000"):
        row(f"open a ticket with about {int(entries):,} entries: wall / CPU (ms)",
            lambda e, n=entries: next((f"{seconds * 1000:.0f} / {e['headless']['open_ticket_cpu_s'][length] * 1000:.0f}"
                                       for length, seconds in e["headless"].get("open_ticket_s", {}).items()
                                       if _about(int(length), int(n))), "-"))
    push = bare["headless"].get("push_screen")
    if push:
        lines.append("| a bare screen pushed and drawn: wall / CPU (ms) | " + " | ".join("" for _ in results["sizes"])
                     + f" | {push['median_ms']:.0f} / {push['cpu_median_ms']:.0f} |")
    row("stock DataTable: first paint (s)",
        lambda e: f"{e['datatable']['start_s']:.2f}" if "datatable" in e else "-")
    row("stock DataTable: filter key median (ms)",
        lambda e: f"{e['datatable']['filter']['median_ms']:.0f}" if "datatable" in e else "-")
    lines += ["", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict} |" for name, value, verdict in targets(results)]
    return "\n".join(lines)
