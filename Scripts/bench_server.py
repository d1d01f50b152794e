#!/usr/bin/env python3
"""`make bench`'s server part: wrk against `micrograd-viz serve`'s POST /api/graph (issue 15).

1. The warm-up program, 1 connection, 10 s: p50 round trip <= 5 ms.
2. The warm-up program, 64 connections, 20 s: >= 300 requests/s, 0 errors, p99 printed.
3. A mixed run, 64 connections, 20 s: 10% bad programs (400), 5% too-big graphs (422), the rest
   the warm-up: no 5xx but 503, and the server's RSS afterwards within 10% of its RSS before the
   run (measured once the first runs have grown the allocator's arenas and buffers; the idle
   figure at start is printed too).
4. Issue 16: one karpathy-demo training session streams >= 30 steps/s to its page; with 8
   sessions training, /api/graph's p99 <= 50 ms; when their clients go away, no session is left
   and the RSS is back within 10% of what it was before them.

No answer cache stands in for the work: each request parses, builds, lays out and renders.

    Scripts/bench_server.py --bin .build/release [--quick]

Prints a table; exits 1 when a target fails. Needs wrk (make deps).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

WARMUP = {"program": "e = a*b; d = e + c; L = d*f", "inputs": {"a": 2, "b": -3, "c": 10, "f": -2}}
BAD = {"program": "(a*b + c", "inputs": {"a": 2, "b": -3, "c": 10}}
# Past the server's default limit of 1,000 nodes: 600 additions, 1,201 nodes.
TOO_BIG = {"program": "+".join(["a"] * 601), "inputs": {"a": 1}}

# wrk's Lua: POST the body, count statuses, print latency percentiles and counts as JSON.
SCRIPT = r"""
local bodies = {}
local plan = {}
function init(args)
  bodies = { good = [==[GOOD]==], bad = [==[BAD]==], big = [==[BIG]==] }
  local mixed = args[1] == "mixed"
  for i = 1, 100 do
    if mixed and i <= 10 then plan[i] = "bad" elseif mixed and i <= 15 then plan[i] = "big" else plan[i] = "good" end
  end
end
local n = 0
statuses = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request()
  n = n + 1
  local kind = plan[(n * 37) % 100 + 1]
  return wrk.format("POST", "/api/graph", { ["Content-Type"] = "application/json" }, bodies[kind])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  io.write("JSON ", string.format('{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d, ',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
  io.write(string.format('"p50_us": %d, "p99_us": %d, "max_us": %d, "codes": {', latency:percentile(50), latency:percentile(99), latency.max))
  local codes, first = {}, true
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do codes[code] = (codes[code] or 0) + count end
  end
  for code, count in pairs(codes) do
    io.write(string.format('%s"%d": %d', first and "" or ", ", code, count)); first = false
  end
  io.write("}}\n")
end
"""


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def wrk(url, connections, seconds, mode, script):
    out = subprocess.run(["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s",
                          "--latency", "-s", script, url, "--", mode], capture_output=True, text=True, check=True).stdout
    result = json.loads(out.split("JSON ", 1)[1].splitlines()[0])
    result["text"] = out
    result["non2xx"] = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return result


def call(url, method, path, body=None):
    """One request; the status and the decoded JSON answer."""
    import http.client
    host, port = url.split("//")[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request(method, path, None if body is None else json.dumps(body), {"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"null")


class Stream:
    """A training session's event stream, read on a thread of its own: counts the frames it sees."""

    def __init__(self, url, session):
        import http.client
        import threading
        host, port = url.split("//")[1].rstrip("/").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
        self.connection.request("GET", f"/api/train/events?session={session}")
        self.response = self.connection.getresponse()
        self.frames = 0
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        try:
            for line in self.response:
                if line.startswith(b"data:"):
                    self.frames += 1
        except Exception:
            pass

    def close(self):
        self.connection.sock.shutdown(2) if self.connection.sock else None
        self.connection.close()


def training(url, script, seconds):
    """Issue 16: the karpathy-demo step rate to the page, the playground's p99 beside 8 training
    sessions, and the memory given back when their clients go away. Returns (rows, rss before, after)."""
    rows = []
    status, started = call(url, "POST", "/api/train", {"preset": "karpathy-demo", "steps": 100000, "speed": 1000})
    assert status == 200, started
    stream = Stream(url, started["session"])
    call(url, "POST", "/api/train/control", {"session": started["session"], "action": "play"})
    time.sleep(1)
    before = stream.frames
    time.sleep(3)
    rate = (stream.frames - before) / 3
    stream.close()
    rows.append(("karpathy-demo steps streamed to the page (one session, unthrottled)", f"{rate:.0f} steps/s", ">= 30 steps/s", rate >= 30))
    time.sleep(1)
    rss_before = rss_kib(SERVER_PID[0])
    streams = []
    for _ in range(8):
        status, started = call(url, "POST", "/api/train", {"preset": "karpathy-demo", "steps": 100000})
        assert status == 200, started
        streams.append(Stream(url, started["session"]))
        call(url, "POST", "/api/train/control", {"session": started["session"], "action": "play"})
    time.sleep(1)
    loaded = wrk(url, 8, seconds, "good", script)
    p99 = loaded["p99_us"] / 1000
    steps = sum(s.frames for s in streams)
    rows.append(("/api/graph beside 8 training sessions (8 connections)",
                 f"p99 {p99:.1f} ms, p50 {loaded['p50_us'] / 1000:.1f} ms; the sessions streamed {steps} frames",
                 "p99 <= 50 ms", p99 <= 50))
    for stream in streams:
        stream.close()
    time.sleep(2)
    status, count = call(url, "GET", "/api/train")
    rss_after = rss_kib(SERVER_PID[0])
    growth = (rss_after - rss_before) / rss_before
    rows.append(("clients gone: sessions left, RSS before the 8 sessions and after",
                 f"{count['sessions']} sessions, {rss_before / 1024:.1f} MiB, {rss_after / 1024:.1f} MiB ({growth:+.1%})",
                 "0 sessions, within 10%", count["sessions"] == 0 and abs(growth) <= 0.10))
    return rows


# The server's pid, for rss_kib from `training`.
SERVER_PID = [0]


def statuses(url, body, count):
    """Status codes of `count` requests with `body` sent one after another (for the mixed run's check)."""
    import http.client
    host, port = url.split("//")[1].rstrip("/").split(":")
    seen = {}
    connection = http.client.HTTPConnection(host, int(port))
    for _ in range(count):
        connection.request("POST", "/api/graph", json.dumps(body), {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        seen[response.status] = seen.get(response.status, 0) + 1
    return seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--quick", action="store_true", help="2 s runs instead of 10 and 20")
    args = parser.parse_args()
    binary = os.path.join(args.bin, "micrograd-viz")
    short, long = (2, 4) if args.quick else (10, 20)

    server = subprocess.Popen([binary, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True)
    SERVER_PID[0] = server.pid
    line = server.stderr.readline().strip()
    url = re.match(r"serving on (\S+)$", line).group(1)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(SCRIPT.replace("GOOD", json.dumps(WARMUP)).replace("BAD", json.dumps(BAD)).replace("BIG", json.dumps(TOO_BIG)))
        script = f.name
    rows, ok = [], True
    try:
        assert statuses(url, BAD, 1) == {400: 1} and statuses(url, TOO_BIG, 1) == {422: 1}, "bad/too-big bodies"
        time.sleep(0.5)
        rss_start = rss_kib(server.pid)

        one = wrk(url, 1, short, "good", script)
        p50 = one["p50_us"] / 1000
        rows.append(("1 connection, %d s: p50 round trip" % short, f"{p50:.2f} ms (p99 {one['p99_us'] / 1000:.2f} ms, "
                     f"{one['requests'] / (one['duration_us'] / 1e6):.0f} req/s)", "<= 5 ms", p50 <= 5))

        many = wrk(url, 64, long, "good", script)
        rate = many["requests"] / (many["duration_us"] / 1e6)
        errors = many["connect"] + many["read"] + many["write"] + many["timeout"] + many["non2xx"]
        rows.append(("64 connections, %d s: throughput" % long, f"{rate:.0f} req/s, {errors} errors, p50 {many['p50_us'] / 1000:.1f} ms, "
                     f"p99 {many['p99_us'] / 1000:.1f} ms", ">= 300 req/s, 0 errors", rate >= 300 and errors == 0))

        time.sleep(1)
        rss_warm = rss_kib(server.pid)  # after the first runs: thread arenas, Graphviz's plugins, connection buffers
        mixed = wrk(url, 64, long, "mixed", script)
        probe = statuses(url, WARMUP, 5)  # still up and answering
        time.sleep(1)
        rss_end = rss_kib(server.pid)
        growth = (rss_end - rss_warm) / rss_warm
        codes = {int(k): v for k, v in mixed["codes"].items()}
        mixed_rate = mixed["requests"] / (mixed["duration_us"] / 1e6)
        wrong = {c: n for c, n in codes.items() if c >= 500 and c != 503}
        socket_errors = mixed["connect"] + mixed["read"] + mixed["write"] + mixed["timeout"]
        rows.append((f"mixed (10% bad, 5% too big), 64 connections, {long} s",
                     f"{mixed_rate:.0f} req/s, statuses {dict(sorted(codes.items()))}, p99 {mixed['p99_us'] / 1000:.1f} ms",
                     "no 5xx but 503", not wrong and socket_errors == 0 and probe == {200: 5}))
        rows.append(("server RSS: idle, before the mixed run, after it", f"{rss_start / 1024:.1f} MiB, {rss_warm / 1024:.1f} MiB, "
                     f"{rss_end / 1024:.1f} MiB ({growth:+.1%} over the mixed run)",
                     "within 10%", abs(growth) <= 0.10))
        rows += training(url, script, short)
    finally:
        server.terminate()
        server.wait(5)
        os.unlink(script)
    width = max(len(r[0]) for r in rows)
    print(f"{'workload'.ljust(width)} | result | target | ")
    for what, got, target, passed in rows:
        print(f"{what.ljust(width)} | {got} | {target} | {'PASS' if passed else 'FAIL'}")
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
