#!/usr/bin/env python3
"""Turn the heap-bench logs of scripts/bench.sh into build/bench/results.md
(tables, ratios, repeatability, sizes) and build/bench/latency.png.

usage: bench-report.py OUTDIR KERNEL...   (KERNEL as "6.12-m": SERIES-HEAPS)
"""
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(TOP, "build")


def read_runs(out, kernel):
    """{run: {(heap, op, size): median_ns or status}} for one kernel."""
    runs = {}
    for run in (1, 2):
        path = os.path.join(out, f"{kernel}-run{run}.log")
        figures = {}
        with open(path, errors="replace") as log:
            for line in log:
                if not line.startswith("BENCH "):
                    continue
                kv = dict(f.split("=", 1) for f in line.split()[1:])
                key = (kv["heap"], kv["op"], int(kv["size"]))
                figures[key] = int(kv["median_ns"]) if "median_ns" in kv else kv["status"]
        runs[run] = figures
    return runs


def human(size):
    for unit, shift in (("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift:
            return f"{size >> shift} {unit}"
    return f"{size} B"


def heap_kind(heap):
    return {"-": "-", "system": "system", "system_heap": "system_heap",
            "cma_heap": "cma_heap"}.get(heap, "cma")


def spread(runs):
    worst = 0.0
    for key, a in runs[1].items():
        b = runs[2].get(key)
        if isinstance(a, int) and isinstance(b, int) and a:
            worst = max(worst, abs(a - b) / a)
    return worst


def vmlinux_size(kernel):
    obj = os.path.join(BUILD, "obj", kernel)
    text = subprocess.run(["size", os.path.join(obj, "vmlinux")], capture_output=True,
                          text=True, check=True).stdout.splitlines()[1].split()
    kos = []
    for root, _, files in os.walk(os.path.join(obj, "modroot")):
        kos += [(f, os.path.getsize(os.path.join(root, f))) for f in files
                if re.match(r"(system|cma)_heap\.ko", f)]
    return [int(x) for x in text[:3]], sorted(kos)


def main():
    out, kernels = sys.argv[1], sys.argv[2:]
    data = {k: read_runs(out, k) for k in kernels}
    # each figure: the lower of the two runs' medians (a run can carry a
    # one-off offset, e.g. a different mapping layout); the spread line
    # says how far apart the runs were
    first = {}
    for k in kernels:
        first[k] = {}
        for (h, op, size), v in data[k][1].items():
            w = data[k][2].get((h, op, size))
            if isinstance(v, int) and isinstance(w, int):
                v = min(v, w)
            first[k][(heap_kind(h), op, size)] = v
    keys = sorted({key for k in kernels for key in first[k]},
                  key=lambda t: (t[0], t[1], t[2]))
    lines = ["# heap benchmark", ""]
    for k in kernels:
        series = k.split("-")[0]
        with open(os.path.join(BUILD, "base", series + ".version")) as f:
            version = f.read().strip()
        with open(os.path.join(BUILD, "obj", k, "release")) as f:
            release = f.read().strip()
        lines.append(f"- {k}: Linux {release}, Debian linux-source-{series} {version}, "
                     f"repeat spread {spread(data[k]) * 100:.2f}% (largest run 1/run 2 "
                     "difference of any figure)")
    boot = open(os.path.join(TOP, "configs", "qemu-x86_64.boot")).read()
    lines += ["- configs: allnoconfig + configs/qemu-x86_64.config + configs/heaps-{m,y}.config",
              "- QEMU: " + " ".join(re.findall(r'^(?:QEMU_ARGS|BENCH_ACCEL_ARGS)="([^"]*)"',
                                               boot, re.M)),
              "- command: `make bench`; guest time counts instructions (-icount), "
              "so the figures are guest nanoseconds, not host time; each figure is "
              "the lower median of two runs", ""]
    base, ref = "6.12-m", "6.12-y"
    mainline = next((k for k in kernels if k.startswith("7.")), None)
    header = "| heap | op | size | " + " | ".join(f"{k} (ns)" for k in kernels)
    header += f" | {base} / {ref}" + (f" | {ref} / {mainline}" if mainline else "") + " |"
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    for key in keys:
        heap, op, size = key
        vals = [first[k].get(key, "-") for k in kernels]
        row = f"| {heap} | {op} | {human(size) if size else '-'} | "
        row += " | ".join(str(v) for v in vals)
        a, b = first.get(base, {}).get(key), first.get(ref, {}).get(key)
        row += f" | {a / b:.3f}" if isinstance(a, int) and isinstance(b, int) and b else " | -"
        if mainline:
            c = first[mainline].get(key)
            row += f" | {b / c:.2f}" if isinstance(b, int) and isinstance(c, int) and c else " | -"
        lines.append(row + " |")
    lines += ["", "## Size", "", "| kernel | text | data | bss | modules |", "|---|---|---|---|---|"]
    for k in kernels:
        (text, dat, bss), kos = vmlinux_size(k)
        mods = ", ".join(f"{n} {s}" for n, s in kos) or "-"
        lines.append(f"| {k} | {text} | {dat} | {bss} | {mods} |")
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")

    plot = []
    for k in kernels:
        for heap in ("system", "cma"):
            pts = [(s, v) for (h, op, s), v in sorted(first[k].items())
                   if h == heap and op == "alloc_free" and isinstance(v, int)]
            if pts:
                plot.append((f"{k} {heap} alloc+free", pts))
    pts = [(s, v) for (h, op, s), v in sorted(first[kernels[0]].items())
           if op == "memset" and isinstance(v, int)]
    plot.append(("memset floor", pts))
    dat = os.path.join(out, "latency.dat")
    with open(dat, "w") as f:
        for title, pts in plot:
            f.write(f'"{title}"\n' + "".join(f"{s} {v}\n" for s, v in pts) + "\n\n")
    script = (f'set terminal png size 900,600; set output "{out}/latency.png"\n'
              'set logscale xy; set xlabel "buffer size (bytes)"; '
              'set ylabel "guest ns (median, -icount)"; set key left top\n'
              "plot " + ", ".join(f'"{dat}" index {i} with linespoints title columnheader(1)'
                                  for i in range(len(plot))) + "\n")
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print("\n".join(lines))
    print(f"\nbench: {os.path.relpath(out, TOP)}/results.md, latency.png")


if __name__ == "__main__":
    main()
