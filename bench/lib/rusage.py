#!/usr/bin/env python3
"""Run a command and print its wall time, CPU time and peak RSS (getrusage of children) as JSON.

Node cannot read a child's rusage; the kernel's RUSAGE_CHILDREN can, for any program (node, curl).
"""
import json, resource, subprocess, sys, time

start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"exit": proc.returncode, "wall_s": wall, "user_s": usage.ru_utime, "sys_s": usage.ru_stime, "max_rss_kib": usage.ru_maxrss}))
