#!/usr/bin/env python3
"""Turn the heap-bench logs of scripts/bench.sh into BUILD/bench/results.md
(per figure: the median over the runs and the run-to-run spread; ratios;
sizes), BUILD/bench/runs.tsv (every run's figure) and BUILD/bench/latency.png.

usage: bench-report.py OUTDIR KERNEL...   (KERNEL as "6.12-m": SERIES-HEAPS)
Reads OUTDIR/KERNEL-runN.log for every N present. BUILD comes from the
environment (default: build/ in the workbench), as in scripts/lib.sh.

Each run of a kernel is one boot; heap-bench reports per figure the median
of its timed iterations in that boot (the run median). A figure here is the
median of its run medians, and its spread is (max - min) / median of the
run medians, in %. Under QEMU -icount a figure should not move between boots
of the same kernel: a spread above FLAG_PCT is flagged with "!".
"""
import os
import re
import statistics
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD") or os.path.join(TOP, "build")
FLAG_PCT = 1.0

# what each op times (guest/heap-bench.c, guest/timens.c)
OPS = {
    "memset": "memset (glibc, user space)",
    "alloc_free": "alloc + free",
    "mmap_touch": "mmap + touch",
    "modprobe": "modprobe (fork + exec + kmod, to the heap node)",
}
OP_ORDER = ["memset", "alloc_free", "mmap_touch", "modprobe"]
MEASURES = [
    "- **memset (glibc, user space)**: glibc's `memset()` of a malloc()ed buffer "
    "of that size, its pages faulted in beforehand; no kernel code and no heap "
    "involved. A reference for how fast this CPU model writes memory from user "
    "space, not the kernel's zeroing of heap pages.",
    "- **alloc + free**: `DMA_HEAP_IOCTL_ALLOC` then `close()` of the dma-buf "
    "(the kernel allocates and zeroes the pages, then frees them).",
    "- **mmap + touch**: on a buffer allocated untimed: `mmap()`, "
    "`DMA_BUF_IOCTL_SYNC` start, one byte written per 4 KiB page (each write "
    "faults the page in), `DMA_BUF_IOCTL_SYNC` end, `munmap()`.",
    "- **modprobe (fork + exec + kmod, to the heap node)**: one sample per boot: "
    "`guest/timens` forks, execs kmod's `modprobe` (dynamically linked: "
    "ld.so, libraries, reading modules.dep and the .ko from the initramfs), "
    "which loads the module; the clock stops when modprobe has exited, by "
    "which time the heap's node exists. Only =m kernels have it.",
]


def heap_kind(heap):
    """system / cma / - : the CMA node is named after the CMA area."""
    if heap in ("-", "system"):
        return heap
    if heap == "system_heap":
        return "system"
    return "cma"


def read_log(path):
    """(figures {(heap, op, size): median_ns or status}, qemu command line,
    heap-bench's layout line)"""
    figures, qemu, layout = {}, "", ""
    with open(path, errors="replace") as log:
        for line in log:
            line = line.rstrip("\r\n")
            if line.startswith("qemu: ") and not qemu:
                qemu = line[len("qemu: "):]
            if line.startswith("# heap-bench: randomize_va_space="):
                layout = line[len("# heap-bench: "):]
            if not line.startswith("BENCH "):
                continue
            kv = dict(f.split("=", 1) for f in line.split()[1:] if "=" in f)
            key = (heap_kind(kv["heap"]), kv["op"], int(kv["size"]))
            figures[key] = int(kv["median_ns"]) if "median_ns" in kv else kv.get("status", "?")
    return figures, qemu, layout


def read_runs(out, kernel):
    """[(run number, figures, qemu command line, layout)] for one kernel."""
    runs = []
    # an arm64 kernel's logs are in a subdirectory: arm64/6.12-m-run1.log
    where = os.path.join(out, os.path.dirname(kernel))
    for name in os.listdir(where):
        m = re.fullmatch(re.escape(os.path.basename(kernel)) + r"-run(\d+)\.log", name)
        if m:
            runs.append((int(m.group(1)),) + read_log(os.path.join(where, name)))
    if not runs:
        sys.exit(f"bench-report: no {kernel}-runN.log in {out}")
    return sorted(runs)


def summarize(values):
    """(median, spread %) of run medians, or (status, None) when a run
    failed the figure or lacks it."""
    bad = [v for v in values if not isinstance(v, int)]
    if bad:
        return ("/".join(sorted({str(v) for v in bad})), None)
    med = statistics.median(values)
    spread = (max(values) - min(values)) / med * 100 if med else 0.0
    return (round(med), spread)


def human(size):
    for unit, shift in (("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift:
            return f"{size >> shift} {unit}"
    return f"{size} B"


def figure_name(key):
    heap, op, size = key
    where = "" if heap == "-" else f"{heap} "
    return f"{where}{OPS.get(op, op)}" + (f" {human(size)}" if size else "")


def vmlinux_size(kernel):
    obj = os.path.join(BUILD, "obj", kernel)
    text = subprocess.run(["size", os.path.join(obj, "vmlinux")], capture_output=True,
                          text=True, check=True).stdout.splitlines()[1].split()
    kos = []
    for root, _, files in os.walk(os.path.join(obj, "modroot")):
        kos += [(f, os.path.getsize(os.path.join(root, f))) for f in files
                if re.match(r"(system|cma)_heap\.ko", f)]
    return [int(x) for x in text[:3]], sorted(kos)


# kernel options that randomize what the benchmark times
RANDOM_CONFIGS = ["RANDOMIZE_BASE", "RANDOMIZE_KSTACK_OFFSET_DEFAULT", "SLAB_FREELIST_RANDOM",
                  "SHUFFLE_PAGE_ALLOCATOR", "RANDOM_KMALLOC_CACHES"]


def random_configs(kernel):
    """the RANDOM_CONFIGS options set in the kernel's .config"""
    with open(os.path.join(BUILD, "obj", kernel, ".config")) as f:
        config = f.read()
    return [c for c in RANDOM_CONFIGS if re.search(rf"^CONFIG_{c}=y$", config, re.M)]


def layout_note(runs):
    """what heap-bench says of its address space layout, over the runs"""
    layouts = [layout for _, _, _, layout in runs]
    aslr = sorted({re.sub(r"^randomize_va_space=(\S*).*", r"\1", x) for x in layouts if x})
    if not aslr:
        return "heap-bench printed no layout"
    same = ("the same addresses in every run" if len(set(layouts)) == 1
            else "addresses differ between runs")
    return f"randomize_va_space={'/'.join(aslr)}, {same}"


def split_qemu(cmd):
    """(QEMU options, kernel command line) of boot.sh's "qemu:" log line,
    without the binary and the kernel and initramfs paths."""
    cmd, _, append = cmd.partition(" -append ")
    words = cmd.split()[1:]
    opts = []
    i = 0
    while i < len(words):
        if words[i] in ("-kernel", "-initrd"):
            i += 2
            continue
        opts.append(words[i])
        i += 1
    return " ".join(opts), append.strip()


def sort_key(key):
    heap, op, size = key
    order = OP_ORDER.index(op) if op in OP_ORDER else len(OP_ORDER)
    return ({"-": 0, "system": 1, "cma": 2}.get(heap, 3), order, size)


def ratio(a, b, digits):
    if isinstance(a, int) and isinstance(b, int) and b:
        return f"{a / b:.{digits}f}"
    return "-"


def main():
    out, kernels = sys.argv[1], sys.argv[2:]
    runs = {k: read_runs(out, k) for k in kernels}
    keys = sorted({key for k in kernels for _, figs, _, _ in runs[k] for key in figs},
                  key=sort_key)
    # summary[k][key] = (median or status, spread % or None, run values)
    summary = {}
    for k in kernels:
        summary[k] = {}
        for key in keys:
            if not any(key in figs for _, figs, _, _ in runs[k]):
                continue
            values = [figs.get(key, "missing") for _, figs, _, _ in runs[k]]
            summary[k][key] = summarize(values) + (values,)

    def flagged(k, key):
        s = summary[k].get(key)
        return s is not None and (s[1] is None or s[1] > FLAG_PCT)

    nflag = sum(flagged(k, key) for k in kernels for key in keys)
    lines = ["# heap benchmark", "",
             f"**{nflag} figure(s) with a run-to-run spread above {FLAG_PCT:g}%** "
             "(marked ! below)", ""]
    qemus, cmds = {}, {}
    for k in kernels:
        series = os.path.basename(k).split("-")[0]
        with open(os.path.join(BUILD, "base", series + ".version")) as f:
            version = f.read().strip()
        with open(os.path.join(BUILD, "obj", k, "release")) as f:
            release = f.read().strip()
        n = len(runs[k])
        bad = [key for key in keys if flagged(k, key)]
        spreads = [(s[1], key) for key, s in summary[k].items() if s[1] is not None]
        worst = max(spreads, default=(0.0, None))
        line = (f"- {k}: Linux {release}, Debian linux-source-{series} {version}; "
                f"{n} runs (boots); **{len(bad)} of {len(summary[k])} figures with a spread "
                f"above {FLAG_PCT:g}%**")
        if worst[0] > 0:
            line += f"; largest spread {worst[0]:.2f}% ({figure_name(worst[1])})"
        rnd = random_configs(k)
        line += (f"; user space: {layout_note(runs[k])}; kernel randomization options set: "
                 + (", ".join(rnd) if rnd else "none"))
        lines.append(line)
        for _, _, qemu, _ in runs[k]:
            opts, append = split_qemu(qemu)
            qemus.setdefault(opts, set()).add(k)
            cmds.setdefault(append, set()).add(k)
    lines.append("- configs: allnoconfig + configs/qemu-ARCH.config (x86_64; arm64 for the arm64/ rows) "
                 "+ configs/heaps-{m,y}.config")
    for what, groups in (("QEMU", qemus), ("kernel command line", cmds)):
        for text, ks in groups.items():
            which = "" if len(groups) == 1 else f" ({', '.join(k for k in kernels if k in ks)})"
            lines.append(f"- {what}{which}: `{text}`")
    lines += [
        "- command: `make bench` (scripts/bench.sh); guest time counts instructions "
        "(-icount), so the figures are guest nanoseconds, not host time"
        + (f"; wall time {os.environ['BENCH_WALL']}" if os.environ.get("BENCH_WALL") else ""),
        "- each figure: the median over the runs of each run's median (heap-bench's "
        "median of its timed iterations in one boot); spread: (max - min) / median of "
        f"the run medians; **!**: spread above {FLAG_PCT:g}%, or a run failed the figure",
        "- randomization: guest time moves between boots only with what is random in a "
        "boot; user space: heap-bench's addresses (norandmaps fixes them); kernel: "
        + ", ".join(f"CONFIG_{c}" for c in RANDOM_CONFIGS) + " (the options checked)",
        "",
        "What each figure measures:",
        "",
    ] + MEASURES + [""]

    base, ref = "6.12-m", "6.12-y"
    mainline = next((k for k in kernels if k.startswith("7.")), None)
    header = "| heap | figure | size | " + " | ".join(f"{k} (ns) | {k} spread" for k in kernels)
    if base in kernels and ref in kernels:
        header += f" | {base} / {ref}"
    if ref in kernels and mainline:
        header += f" | {ref} / {mainline}"
    header += " | ! |"
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    for key in keys:
        heap, op, size = key
        row = f"| {heap} | {OPS.get(op, op)} | {human(size) if size else '-'} |"
        for k in kernels:
            s = summary[k].get(key)
            if s is None:
                row += " - | - |"
            elif s[1] is None:
                row += f" {s[0]} | ! |"
            else:
                mark = " !" if s[1] > FLAG_PCT else ""
                row += f" {s[0]} | {s[1]:.2f}%{mark} |"
        val = {k: summary[k].get(key, ("-",))[0] for k in kernels}
        if base in kernels and ref in kernels:
            row += f" {ratio(val[base], val[ref], 3)} |"
        if ref in kernels and mainline:
            row += f" {ratio(val[ref], val[mainline], 2)} |"
        marks = [k for k in kernels if flagged(k, key)]
        row += f" {'! ' + ', '.join(marks) if marks else ''} |"
        lines.append(row)

    lines += ["", f"## Figures with a spread above {FLAG_PCT:g}% (every run's median, ns)", ""]
    any_flag = False
    for k in kernels:
        for key in keys:
            if flagged(k, key):
                any_flag = True
                vals = ", ".join(str(v) for v in summary[k][key][2])
                lines.append(f"- {k}, {figure_name(key)}: {vals}")
    if not any_flag:
        lines.append("None.")

    lines += ["", "## Size", "", "| kernel | text | data | bss | modules |", "|---|---|---|---|---|"]
    for k in kernels:
        (text, dat, bss), kos = vmlinux_size(k)
        mods = ", ".join(f"{n} {s}" for n, s in kos) or "-"
        lines.append(f"| {k} | {text} | {dat} | {bss} | {mods} |")
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")

    # every run's median, for whoever wants to look at the spread
    with open(os.path.join(out, "runs.tsv"), "w") as f:
        f.write("kernel\theap\top\tsize\trun\tmedian_ns\n")
        for k in kernels:
            for run, figs, _, _ in runs[k]:
                for (heap, op, size), v in sorted(figs.items(), key=lambda kv: sort_key(kv[0])):
                    f.write(f"{k}\t{heap}\t{op}\t{size}\t{run}\t{v}\n")

    # latency against size: the median, with the runs' min..max as error bars
    plot = []
    for k in kernels:
        for heap in ("system", "cma"):
            pts = [(size, s[0], min(s[2]), max(s[2]))
                   for (h, op, size), s in sorted(summary[k].items())
                   if h == heap and op == "alloc_free" and s[1] is not None]
            if pts:
                plot.append((f"{k} {heap} alloc+free", pts))
    pts = [(size, s[0], min(s[2]), max(s[2]))
           for (h, op, size), s in sorted(summary[kernels[0]].items())
           if op == "memset" and s[1] is not None]
    if pts:
        plot.append(("memset (glibc, user space)", pts))
    if plot:
        dat = os.path.join(out, "latency.dat")
        with open(dat, "w") as f:
            for title, pts in plot:
                f.write(f'"{title}"\n' + "".join(" ".join(map(str, p)) + "\n" for p in pts)
                        + "\n\n")
        script = (f'set terminal png size 900,600; set output "{out}/latency.png"\n'
                  'set logscale xy; set xlabel "buffer size (bytes)"; '
                  'set ylabel "guest ns (median of run medians, -icount)"; set key left top\n'
                  "plot " + ", ".join(f'"{dat}" index {i} with yerrorlines '
                                      "title columnheader(1)"
                                      for i in range(len(plot))) + "\n")
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print("\n".join(lines))
    print(f"\nbench: {out}/results.md, runs.tsv, latency.png")
    if nflag:
        print(f"bench: {nflag} figure(s) with a spread above {FLAG_PCT:g}% (marked !)")


if __name__ == "__main__":
    main()
