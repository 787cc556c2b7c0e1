"""Times commands side by side: RUNS rounds, each running every command once in turn
(after one warm-up round), so that a change in the machine's load during the benchmark
weighs on all of them alike. For each command prints `name median min max peak_kib`:
wall-clock seconds (median, fastest, slowest) and the largest resident set of its runs.

Usage: rounds.py RUNS NAME COMMAND [NAME COMMAND ...] (each COMMAND one shell-quoted
string)."""

import os
import shlex
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
times = {name: [] for name, _ in pairs}
peaks = {name: 0 for name, _ in pairs}


def run(command):
    """Wall-clock seconds and peak resident KiB of one run of `command`."""
    start = time.perf_counter()
    child = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"`{command}` failed (status {status})")
    return elapsed, usage.ru_maxrss  # KiB on Linux


for round_ in range(runs + 1):
    for name, command in pairs:
        secs, kib = run(command)
        if round_ == 0:
            continue  # warm-up: file cache, Python's bytecode
        times[name].append(secs)
        peaks[name] = max(peaks[name], kib)

for name, _ in pairs:
    t = times[name]
    print(f"{name} {statistics.median(t):.3f} {min(t):.3f} {max(t):.3f} {peaks[name]}")
