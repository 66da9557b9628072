#!/usr/bin/env python3
"""Prints the memory benchmarks' table: each operation against its baseline from the same run."""
import json
import os
import sys


def load(path):
    if not os.path.exists(path):
        return {}
    results = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], tuple(sorted(r.get("params", {}).items())))
        m = r["primaryMetric"]
        results[key] = (m["score"], m.get("scoreError") or 0.0)
    return results


def fmt_params(params):
    return " ".join(f"{k}={v}" for k, v in params) or "-"


def size(params):
    for k, v in params:
        if k == "size":
            n = int(v)
            for unit, div in (("MiB", 1 << 20), ("KiB", 1 << 10)):
                if n >= div and n % div == 0:
                    return f"{n // div} {unit}"
            return f"{n} B"
    return ""


def main():
    checked = load(sys.argv[1])
    fast = load(sys.argv[2]) if len(sys.argv) > 2 else {}
    rows = []
    # copy: ratio = native time / ours (>= 0.95 wanted for blocks >= 64 KiB)
    for (cls, bench, params), (ours, err) in sorted(checked.items()):
        if cls == "CopyBenchmark" and bench in ("copyIn", "copyOut"):
            native = checked.get((cls, bench + "Native", params))
            if native:
                n = dict(params)["size"]
                goal = ">= 0.95" if int(n) >= 65536 else "(none)"
                rows.append((f"{bench} {size(params)}", ours, native[0], "memcpy", native[0] / ours, "native/ours", goal))
    for mode, results in (("checked", checked), ("fast", fast)):
        for (cls, bench, params), (ours, err) in sorted(results.items()):
            if cls == "AccessBenchmark" and not bench.endswith("Mbb"):
                base = results.get((cls, bench + "Mbb", params))
                if base:
                    rows.append((f"{bench} [{mode}]", ours, base[0], "MappedByteBuffer", ours / base[0], "ours/base", "<= 1.2"))
    for (cls, bench, params), (ours, err) in sorted(checked.items(), key=lambda i: (i[0][0], i[0][1], [(k, int(v) if v.isdigit() else v) for k, v in i[0][2]])):
        if cls == "PersistBenchmark" and bench == "persist":
            native = checked.get((cls, "persistNative", params))
            if native:
                dirty = dict(params).get("dirty") == "true"
                fs = dict(params).get("fs", "")
                rows.append((f"persist {size(params)} {'dirty' if dirty else 'clean'} {fs}", ours, native[0], "msync", ours / native[0], "ours/base", "<= 1.1"))
    # BTT sectors: ratio = raw time / BTT time, the BTT's speed as a fraction of the raw mapping's
    for (cls, bench, params), (ours, err) in sorted(checked.items()):
        if cls == "SectorBenchmark" and bench.startswith("btt"):
            raw = checked.get((cls, "raw" + bench[3:], params))
            if raw:
                op, threads = bench[3:-1].lower(), bench[-1]
                base = "get" if op == "read" else "copyAndPersist"
                goal = ">= 0.8" if op == "read" else ">= 0.33"
                rows.append((f"BTT {op} {dict(params)['sectorSize']} B, {threads} thread{'s' if threads != '1' else ''}",
                             ours, raw[0], f"Mapping.{base}", raw[0] / ours, "raw/ours", goal))
    for bench, what in (("jnaCall", "one JNA direct call (memcpy of 0 bytes)"),
                        ("faultCheck", "the per-access fault check (Faults.deliver)")):
        r = checked.get(("NativeCallBenchmark", bench, ()))
        if r:
            print(f"{what}: {r[0]:.1f} ns")
    print()
    print(f"| operation | ours ns/op | baseline ns/op | baseline | ratio | ratio is | goal |")
    print(f"|---|---:|---:|---|---:|---|---|")
    for name, ours, base, what, ratio, kind, goal in rows:
        print(f"| {name} | {ours:,.1f} | {base:,.1f} | {what} | {ratio:.2f} | {kind} | {goal} |")


if __name__ == "__main__":
    main()
