#!/usr/bin/env python3
"""Turns bench result folders into the tables and plots of docs/benchmarks.md.

    python3 bench/report.py --img docs/img \\
        "Clawgate, dev server=bench/results/clawgate-devserver" \\
        "Clawgate, embedded=bench/results/clawgate-embedded" \\
        "OpenClaw 2026.9.6=bench/results/openclaw"

Each folder holds what bench/run-clawgate.sh or bench/run-openclaw.sh wrote: <scenario>-r<N>.json (the bench's JSON
line plus host figures) and <scenario>-r<N>.samples/<name>.txt (every latency in ms). Figures are the median over
the repeats; the tables also give the spread (min-max of the per-repeat values). The first run installs matplotlib
into bench/.venv with pip and re-runs itself there.
"""
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"


def ensure_matplotlib():
    try:
        import matplotlib  # noqa: F401
        return
    except ImportError:
        pass
    if Path(sys.prefix).resolve() == VENV.resolve():
        sys.exit("matplotlib is missing from bench/.venv; remove the folder and run again")
    if not (VENV / "bin" / "python").exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q",
                               "--disable-pip-version-check", "matplotlib"])
    os.execv(str(VENV / "bin" / "python"), [str(VENV / "bin" / "python"), __file__] + sys.argv[1:])


def load(folder):
    """{scenario label: [per-repeat dicts]} for one result folder."""
    runs = {}
    for path in sorted(Path(folder).glob("*-r[0-9]*.json")):
        label = re.sub(r"-r\d+$", "", path.stem)
        doc = json.loads(path.read_text())
        scenario = next(iter(doc["scenarios"].values()))
        samples = []
        sample_dir = path.with_suffix(".samples")
        if sample_dir.is_dir():
            for f in sample_dir.glob("*.txt"):
                samples += [float(x) for x in f.read_text().split()]
        runs.setdefault(label, []).append({"doc": doc, "s": scenario, "samples": samples})
    return runs


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values):
    values = [v for v in values if v is not None]
    return (min(values), max(values)) if values else (None, None)


def turn_row(reps):
    s = [r["s"] for r in reps]
    host = [r["doc"].get("host", {}) for r in reps]
    turns = [x.get("turns", 0) - x.get("errors", 0) for x in s]
    cpu = [h.get("gatewayCpuMs", 0) / t if t else None for h, t in zip(host, turns)]
    tcpu = [h.get("temporalCpuMs", 0) / t if t and h.get("temporalCpuMs") else None for h, t in zip(host, turns)]
    return {
        "repeats": len(reps),
        "turns": med([x.get("turns") for x in s]),
        "errors": sum(x.get("errors", 0) + x.get("unfinished", 0) for x in s),
        "p50": med([x["latencyMs"]["p50"] for x in s]),
        "p50_spread": spread([x["latencyMs"]["p50"] for x in s]),
        "p95": med([x["latencyMs"]["p95"] for x in s]),
        "p99": med([x["latencyMs"]["p99"] for x in s]),
        "tput": med([x["throughputPerSec"] for x in s]),
        "tput_spread": spread([x["throughputPerSec"] for x in s]),
        "violations": sum(x.get("orderingViolations", 0) for x in s),
        "cpu": med(cpu),
        "tcpu": med(tcpu),
        "load": med([h.get("loadavg1Before") for h in host]),
    }


def fmt(value, digits=1):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def table(targets):
    lines = ["| scenario | gateway | runs | turns/run | failed or unfinished (all runs) | ordering violations (all runs) "
             "| p50 ms | p95 ms | p99 ms | turns/s | gateway CPU ms/turn | Temporal CPU ms/turn | load avg |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    labels = []
    for runs in targets.values():
        for label in runs:
            if label not in labels:
                labels.append(label)
    order = lambda l: (["sequential", "concurrent", "burst", "storm"].index(l.split("-")[0]),
                       int(l.split("-")[1]) if l.startswith("concurrent-") else 0)
    for label in sorted(labels, key=order):
        for name, runs in targets.items():
            if label not in runs:
                continue
            if label.startswith("storm"):
                s = [r["s"] for r in runs[label]]
                lines.append(f"| {label} ({s[0]['clients']} clients) | {name} | {len(s)} | – | "
                             f"{sum(x['errors'] for x in s)} | – | {fmt(med([x['handshakeMs']['p50'] for x in s]))} | "
                             f"{fmt(med([x['handshakeMs']['p95'] for x in s]))} | "
                             f"{fmt(med([x['handshakeMs']['p99'] for x in s]))} | "
                             f"{fmt(med([x['connectsPerSec'] for x in s]))} conn/s | – | – | "
                             f"{fmt(med([r['doc'].get('host', {}).get('loadavg1Before') for r in runs[label]]))} |")
                continue
            row = turn_row(runs[label])
            lo, hi = row["tput_spread"]
            lines.append(f"| {label} | {name} | {row['repeats']} | {fmt(row['turns'], 0)} | {row['errors']} | "
                         f"{row['violations']} | "
                         f"{fmt(row['p50'])} | {fmt(row['p95'])} | {fmt(row['p99'])} | "
                         f"{fmt(row['tput'])} ({fmt(lo)}–{fmt(hi)}) | {fmt(row['cpu'])} | {fmt(row['tcpu'])} | "
                         f"{fmt(row['load'])} |")
    return "\n".join(lines)


def plots(targets, img):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    plain = FuncFormatter(lambda v, _: f"{v:,.0f}")

    img.mkdir(parents=True, exist_ok=True)
    colors = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e"]

    # 1. Latency distribution: empirical CDF of every turn of every repeat.
    scenarios = [("sequential", "sequential (1 session)"), ("concurrent-10", "10 concurrent sessions"),
                 ("concurrent-100", "100 concurrent sessions")]
    fig, axes = plt.subplots(1, len(scenarios), figsize=(15, 4.8), sharey=True)
    for ax, (label, title) in zip(axes, scenarios):
        for i, (name, runs) in enumerate(targets.items()):
            samples = sorted(x for r in runs.get(label, []) for x in r["samples"])
            if not samples:
                continue
            n = len(samples)
            ax.plot(samples, [(k + 1) / n for k in range(n)], color=colors[i % len(colors)], lw=2,
                    label=f"{name} (p50 {statistics.median(samples):,.0f} ms, n={n})")
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(plain)
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_title(title)
        ax.set_xlabel("turn latency, send → final answer (ms, log scale)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")
    axes[0].set_ylabel("fraction of turns ≤ x")
    fig.suptitle("Turn latency distribution (stub model answering instantly; all repeats pooled)")
    fig.tight_layout()
    fig.savefig(img / "bench-latency-cdf.png", dpi=110)
    plt.close(fig)

    # 2. Throughput and p50 latency vs concurrent sessions.
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.8))
    for i, (name, runs) in enumerate(targets.items()):
        points = []
        for label, reps in runs.items():
            m = re.match(r"concurrent-(\d+)$", label)
            if m:
                row = turn_row(reps)
                points.append((int(m.group(1)), row["tput"], row["tput_spread"], row["p50"]))
        if not points:
            continue
        points.sort()
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        err = [[y - p[2][0] for y, p in zip(ys, points)], [p[2][1] - y for y, p in zip(ys, points)]]
        ax1.errorbar(xs, ys, yerr=err, marker="o", capsize=4, lw=2, color=colors[i % len(colors)], label=name)
        ax2.plot(xs, [p[3] for p in points], marker="o", lw=2, color=colors[i % len(colors)], label=name)
    ax1.set_title("Throughput vs concurrent sessions (median, bars: min–max of runs)")
    ax1.set_xlabel("concurrent sessions (each sends its next turn after the answer)")
    ax1.set_ylabel("turns per second")
    ax1.set_xscale("log")
    ax1.set_xticks([1, 10, 50, 100])
    ax1.xaxis.set_major_formatter(plain)
    ax1.xaxis.set_minor_formatter(NullFormatter())
    ax1.grid(True, which="both", alpha=0.3)
    ax1.legend(fontsize=8)
    ax2.set_title("p50 turn latency vs concurrent sessions")
    ax2.set_xlabel("concurrent sessions")
    ax2.set_ylabel("p50 latency (ms, log scale)")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xticks([1, 10, 50, 100])
    ax2.xaxis.set_major_formatter(plain)
    ax2.xaxis.set_minor_formatter(NullFormatter())
    ax2.yaxis.set_major_formatter(plain)
    ax2.grid(True, which="both", alpha=0.3)
    ax2.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(img / "bench-throughput-vs-sessions.png", dpi=110)
    plt.close(fig)


def main():
    args = sys.argv[1:]
    img = None
    if args[:1] == ["--img"]:
        ensure_matplotlib()
        img = Path(args[1])
        args = args[2:]
    targets = {}
    for arg in args:
        name, _, folder = arg.partition("=")
        targets[name] = load(folder)
    print(table(targets))
    for name, arg in zip(targets, args):
        stats = Path(arg.partition("=")[2]) / "server-stats.json"
        if stats.exists() and stats.read_text().strip():
            print(f"\n{name} server stats: {stats.read_text().strip()}")
    if img:
        plots(targets, img)
        print(f"\nplots written to {img}")


if __name__ == "__main__":
    main()
