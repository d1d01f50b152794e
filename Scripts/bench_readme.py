"""Writes the table of a `make bench` run (bench-results.json) into README.md's performance
section, between the lines `<!-- bench-results: begin -->` and `<!-- bench-results: end -->`,
with the machine and the commit it ran on. `make bench` runs it after Scripts/bench.py; a run
with --quick is not written (its figures are not the targets' proof).

  python3 Scripts/bench_readme.py [--results bench-results.json] [--readme README.md]
"""

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "<!-- bench-results: begin -->"
END = "<!-- bench-results: end -->"


def section(results):
    """The Markdown between the markers: where and when it ran, the table, the notes."""
    m = results["machine"]
    where = ", ".join(part for part in [
        f"{m.get('CPU(s)', m.get('nproc'))} CPUs of {m['Model name']}" if m.get("Model name") else None,
        f"{m['Hypervisor vendor']} guest" if m.get("Hypervisor vendor") else None,
        m.get("platform"), m.get("swift"), f"Python {m['python']}" if m.get("python") else None, m.get("graphviz"),
    ] if part)
    lines = [f"Run of {results['date']} on commit {m.get('commit', '?')}: {where}.", "",
             "| workload | Python | Swift | ratio | target | result |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {r['workload']} | {r['python']} | {r['swift']} | {r['ratio']} | {r['target']} | {r['result']} |"
              for r in results["rows"]]
    notes = [f"- {r['key']}: {r['note']}" for r in results["rows"] if r["note"]]
    return "\n".join(lines + ([""] + notes if notes else []))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default=os.path.join(ROOT, "bench-results.json"))
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    args = parser.parse_args()
    with open(args.results) as f:
        results = json.load(f)
    if results.get("quick"):
        print("bench_readme: a --quick run; README.md left as it is", file=sys.stderr)
        return 0
    with open(args.readme) as f:
        text = f.read()
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        print(f"bench_readme: {args.readme} needs one {BEGIN} line and one {END} line after it", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(args.readme, "w") as f:
        f.write(head + BEGIN + "\n" + section(results) + "\n" + END + tail)
    print(f"bench_readme: wrote the table of {results['date']} into {os.path.relpath(args.readme, ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
