#!/usr/bin/env python3
"""Prints the memory benchmarks' tables from bench/target/results/*.json (written by bench/run).

Each operation is set against its baseline from the same JMH run (same JVM settings, same
machine state). Errors are JMH's 99.9% confidence half-widths; a ratio's error is propagated
from both. A goal is "met" when the whole interval meets it, "missed" when none of it does,
"within error" otherwise. "best iterations" sets the fastest iteration of each against the
other's: on a shared machine, where others' work only slows a run down, the better guess of
the undisturbed ratio.
"""
import glob
import json
import math
import os
import sys

KIB, MIB = 1 << 10, 1 << 20


def load(directory):
    """{(result file, class, method, params): (score, error, best iteration)}"""
    results = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        name = os.path.basename(path)[:-5]
        try:
            runs = json.load(open(path))
        except ValueError:
            print(f"({path}: not a complete JMH result, left out)\n")
            continue
        for r in runs:
            cls, method = r["benchmark"].rsplit(".", 2)[-2:]
            params = tuple(sorted(r.get("params", {}).items()))
            m = r["primaryMetric"]
            error = m.get("scoreError")
            if error is None or (isinstance(error, float) and math.isnan(error)):
                error = 0.0
            # The fastest iteration: on a shared machine the one least disturbed by others.
            best = min(v for fork in m.get("rawData", [[m["score"]]]) for v in fork)
            results[(name, cls, method, params)] = (m["score"], error, best)
    return results


def size(n):
    n = int(n)
    for unit, div in (("MiB", MIB), ("KiB", KIB)):
        if n >= div and n % div == 0:
            return f"{n // div} {unit}"
    return f"{n} B"


def ns(value):
    score, error = value[:2]
    if score >= 1000:
        return f"{score:,.0f} ± {error:,.0f}"
    if score >= 10:
        return f"{score:.1f} ± {error:.1f}"
    return f"{score:.2f} ± {error:.2f}"


def ratio(top, bottom):
    (a, ea), (b, eb) = top[:2], bottom[:2]
    r = a / b
    return r, r * math.sqrt((ea / a) ** 2 + (eb / b) ** 2)


def best(top, bottom):
    """The ratio of the best iterations."""
    return f"{top[2] / bottom[2]:.2f}"


def verdict(r, e, goal):
    kind, limit = goal
    low, high = r - e, r + e
    if kind == "<=":
        return "met" if high <= limit else "missed" if low > limit else "within error"
    return "met" if low >= limit else "missed" if high < limit else "within error"


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def access(results):
    rows = []
    for name, mode in (("access-1t", ""), ("access-2t", ""), ("access-runtime-call-1t", "runtime call")):
        threads = name.split("-")[-1][:-1]
        for op in ("getLongSequential", "getLongRandom", "putLongSequential", "putLongRandom"):
            base = results.get((name, "AccessBenchmark", op + "Mbb", ()))
            if not base:
                continue
            for suffix, what, goal in (("Scoped", "in a checked view", ("<=", 1.2)),
                                       ("", "single, checked", ("<=", 3.0))):
                ours = results.get((name, "AccessBenchmark", op + suffix, ()))
                if not ours:
                    continue
                if mode:
                    what += f" ({mode} per access)"
                r, e = ratio(ours, base)
                rows.append([op, what, threads, ns(ours), ns(base), f"{r:.2f} ± {e:.2f}", best(ours, base),
                             f"≤ {goal[1]}", verdict(r, e, goal)])
    if rows:
        print("### getLong / putLong (ns per access; baseline: MappedByteBuffer, same file, same loop)\n")
        table(["operation", "how", "threads", "ours", "baseline", "ours / baseline", "best iterations", "goal", ""],
              rows)


def copy(results):
    rows = []
    for name in ("copy-1t", "copy-2t"):
        threads = name.split("-")[-1][:-1]
        sizes = sorted({int(dict(k[3])["size"]) for k in results if k[0] == name and k[1] == "CopyBenchmark"})
        for op in ("copyIn", "copyOut"):
            for n in sizes:
                ours = results.get((name, "CopyBenchmark", op, (("size", str(n)),)))
                small = results.get((name, "CopyBenchmark", op + "Native", (("pages", "4k"), ("size", str(n)))))
                huge = results.get((name, "CopyBenchmark", op + "Native", (("pages", "2m"), ("size", str(n)))))
                if not ours or not small:
                    continue
                r, e = ratio(small, ours)
                goal = (">=", 0.95) if n >= 64 * KIB else None
                row = [op, size(n), threads, ns(ours), ns(small), f"{r:.2f} ± {e:.2f}", best(small, ours)]
                if huge:
                    rh, eh = ratio(huge, ours)
                    row += [ns(huge), f"{rh:.2f} ± {eh:.2f}"]
                else:
                    row += ["", ""]
                row += ["≥ 0.95" if goal else "(none)", verdict(r, e, goal) if goal else ""]
                rows.append(row)
    if rows:
        print("### Copy in / out (ns per copy; baseline: libc memcpy, one JNA call, same file pages;"
              " native memory on 4 KiB pages, as malloc gives, or on 2 MiB pages)\n")
        table(["operation", "size", "threads", "ours", "memcpy", "memcpy / ours", "best iterations",
               "memcpy, 2 MiB pages",
               "that / ours", "goal (vs memcpy)", ""], rows)


def persist(results):
    rows = []
    keys = sorted({k[3] for k in results if k[0] == "persist-1t" and k[1] == "PersistBenchmark"},
                  key=lambda p: (dict(p)["fs"], dict(p)["dirty"], int(dict(p)["size"])))
    for params in keys:
        ours = results.get(("persist-1t", "PersistBenchmark", "persist", params))
        base = results.get(("persist-1t", "PersistBenchmark", "persistNative", params))
        if not ours or not base:
            continue
        p = dict(params)
        r, e = ratio(ours, base)
        rows.append([size(p["size"]), "dirty" if p["dirty"] == "true" else "clean", p["fs"], ns(ours), ns(base),
                     f"{r:.2f} ± {e:.2f}", best(ours, base), "≤ 1.1", verdict(r, e, ("<=", 1.1))])
    if rows:
        print("### persist (ns per call; baseline: msync(MS_SYNC) of the same range, one JNA call)\n")
        table(["size", "range", "file system", "ours", "msync", "ours / msync", "best iterations", "goal", ""], rows)


def scaling(results):
    """Throughput of 2 threads over 1 thread's, for ours and for the baseline."""
    rows = []
    pairs = [("access", "AccessBenchmark", op + s, op + "Mbb", 0) for op in
             ("getLongSequential", "getLongRandom", "putLongSequential", "putLongRandom") for s in ("Scoped", "")]
    sizes = sorted({int(dict(k[3])["size"]) for k in results if k[0] == "copy-2t"})
    pairs += [("copy", "CopyBenchmark", op, op + "Native", n) for op in ("copyIn", "copyOut") for n in sizes]
    for group, cls, ours_m, base_m, n in pairs:
        ours_p = (("size", str(n)),) if n else ()
        base_p = (("pages", "4k"), ("size", str(n))) if n else ()
        got = [results.get((f"{group}-{t}t", cls, m, p)) for t in (1, 2) for m, p in ((ours_m, ours_p), (base_m, base_p))]
        if not all(got):
            continue
        o1, b1, o2, b2 = got
        what = ours_m + (f" {size(n)}" if n else "")
        rows.append([what, f"{2 * o1[0] / o2[0]:.2f}", f"{2 * b1[0] / b2[0]:.2f}", ns(o2), ns(b2)])
    if rows:
        print("### Two threads (throughput of 2 threads / 1 thread; 2 cores, shared)\n")
        table(["operation", "ours", "baseline", "ours, 2 threads (ns/op per thread)", "baseline, 2 threads"], rows)


def sectors(results):
    """BTT sectors: raw time / BTT time, the BTT's speed as a fraction of the raw mapping's."""
    rows = []
    for (name, cls, method, params), ours in sorted(results.items()):
        if cls != "SectorBenchmark" or not method.startswith("btt"):
            continue
        raw = results.get((name, cls, "raw" + method[3:], params))
        if not raw:
            continue
        op, threads = method[3:-1].lower(), method[-1]
        goal = (">=", 0.8) if op == "read" else (">=", 0.33)
        r, e = ratio(raw, ours)
        rows.append([f"{op} {dict(params)['sectorSize']} B", threads, ns(ours), ns(raw), f"{r:.2f} ± {e:.2f}",
                     best(raw, ours), f"≥ {goal[1]}", verdict(r, e, goal)])
    if rows:
        print("### BTT sectors (ns per sector; baseline: the raw namespace Mapping, get or copyAndPersist)\n")
        table(["operation", "threads", "BTT", "raw", "raw / BTT", "best iterations", "goal", ""], rows)


def service(results):
    """A namespace's data through its service: raw Mapping time / service time (>= 0.95 wanted)."""
    rows = []
    for (name, cls, method, params), ours in sorted(results.items()):
        if cls != "DataBenchmark" or not method.endswith("Service"):
            continue
        raw = results.get((name, cls, method[:-len("Service")] + "Raw", params))
        if raw:
            r, e = ratio(raw, ours)
            op = method[:-len("Service")]
            threads = name.rsplit("-", 1)[-1].rstrip("t")
            if op == "getLong":  # the window's own cost, no goal of its own
                rows.append(["8 B random getLong", threads, ns(ours), ns(raw), f"{r:.2f} ± {e:.2f}",
                             best(raw, ours), "(none)", ""])
            else:
                rows.append([f"4 KiB random {op}", threads, ns(ours), ns(raw), f"{r:.2f} ± {e:.2f}",
                             best(raw, ours), "≥ 0.95", verdict(r, e, (">=", 0.95))])
    if rows:
        print("### A namespace's data through its service (ns per access; baseline: the region's Mapping)\n")
        table(["operation", "threads", "service", "raw", "raw / service", "best iterations", "goal", ""], rows)


def limits(results):
    rows = []
    names = {"jnaCall": "one JNA direct call (memcpy of 0 bytes)",
             "runtimeCall": "the runtime call that delivers a pending fault",
             "getLongSequentialMbbRuntimeCall": "MappedByteBuffer getLong + that call, sequential (per access)",
             "getLongRandomMbbRuntimeCall": "MappedByteBuffer getLong + that call, random (per access)"}
    for method, what in names.items():
        r = results.get(("limits-1t", "LimitsBenchmark", method, ()))
        if r:
            rows.append([what, ns(r)])
    if rows:
        print("### What bounds the alternatives (ns)\n")
        table(["", "ns"], rows)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "target", "results")
    results = load(directory)
    settings = os.path.join(directory, "jvm-settings.txt")
    if os.path.exists(settings):
        print(f"JVM settings (the distribution's bin/setenv): `{open(settings).read().strip() or '(none)'}`\n")
    access(results)
    copy(results)
    persist(results)
    scaling(results)
    sectors(results)
    service(results)
    limits(results)


if __name__ == "__main__":
    main()
