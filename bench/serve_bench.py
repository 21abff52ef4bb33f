#!/usr/bin/env python3
"""Load bench of `bates serve` (issue 10): wrk on loopback, CONNECTIONS concurrent clients for
DURATION seconds, each request a search (with facets, as the search screen asks) or a document
fetch (text, related items), half and half, on a case of about 100,000 items. Reports wrk's
latency percentiles and errors, and the server's resident memory at 10 s and at the end.

    python3 bench/serve_bench.py --bates build/src/cli/bates --case CASE \\
        [--connections 50] [--duration 60] [--threads 8] [--facets 0|1]

CASE: a collected case, e.g. three custodians of the generated million (about 109,000 items):
    bates init /tmp/serve-bench/case
    for c in 01-faye-northcott 02-ona-underhill 03-cole-lindqvist; do
      bates add /tmp/serve-bench/case --custodian $c bench/data/gen-1m/$c --no-progress; done
The bench adds an account `bench` (reviewer) to it if missing.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Queries of bench/search_queries.tsv's kinds (rare planted words, common words, phrases,
# proximity, dates), as a reviewer types them.
QUERIES = ["quandrel", "miravost OR obelune", "officer AND custody", '"federal civil detainer request"',
           "subject:shift AND officer", "date:2016 AND warrant", "detainer w/5 request",
           "custody pre/3 form", "kelpwright", "tarsivane AND NOT review", "warrant", "report"]

LUA = r"""
-- Half searches, half document fetches, with the session cookie. Ids drawn over the whole case.
local queries = {%(queries)s}
local cookie = "bates_session=%(token)s"
local items = %(items)d
math.randomseed(%(seed)d)
request = function()
  local path
  if math.random() < 0.5 then
    path = "/api/search?limit=20&facets=%(facets)d&q=" .. queries[math.random(#queries)]
  else
    path = string.format("/api/documents/DOC-%%06d", math.random(items))
  end
  return wrk.format("GET", path, {["Cookie"] = cookie})
end
"""


def url_quote(q):
    from urllib.parse import quote
    return quote(q, safe="")


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bates", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--threads", type=int, default=8, help="bates serve --threads")
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--facets", type=int, choices=(0, 1), default=1,
                    help="searches ask for facets (1, as the search screen does for a new query)")
    args = ap.parse_args()

    info = json.loads(subprocess.run([args.bates, "info", args.case, "--json"], check=True,
                                     capture_output=True, text=True).stdout)
    items = info["items"]
    subprocess.run([args.bates, "user", "add", args.case, "bench", "--role", "reviewer"],
                   input="bench-pass\n", capture_output=True, text=True)  # already there: fine

    log = tempfile.NamedTemporaryFile("w", prefix="serve-bench-", suffix=".log", delete=False)
    server = subprocess.Popen([args.bates, "serve", args.case, "--port", "0", "--threads",
                               str(args.threads)], stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", "/api/login", json.dumps({"name": "bench", "password": "bench-pass"}))
        resp = conn.getresponse()
        resp.read()
        token = re.match(r"bates_session=([0-9a-f]+);", resp.getheader("Set-Cookie")).group(1)

        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(LUA % {"queries": ", ".join('"%s"' % url_quote(q) for q in QUERIES),
                            "token": token, "items": items, "seed": 1,
                            "facets": args.facets})
        script.close()

        samples = {}

        # Every 10 s (the last sample just before wrk ends), to tell warm-up from steady growth.
        marks = sorted(set(list(range(10, args.duration, 10)) + [args.duration]))

        def sample():
            start = time.time()
            for at in marks:
                time.sleep(max(0, start + at - 1 - time.time()))
                samples[at] = rss_kib(server.pid)

        sampler = threading.Thread(target=sample)
        sampler.start()
        wrk = subprocess.run(["wrk", "-t%d" % args.wrk_threads, "-c%d" % args.connections,
                              "-d%ds" % args.duration, "--timeout", "10s", "--latency", "-s",
                              script.name, "http://127.0.0.1:%d" % port],
                             capture_output=True, text=True)
        sampler.join()
        print(wrk.stdout)
        if wrk.stderr.strip():
            print(wrk.stderr, file=sys.stderr)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk.stdout)
        socket_errors = re.search(r"Socket errors: (.*)", wrk.stdout)
        p99 = re.search(r"^\s+99%\s+(\S+)", wrk.stdout, re.M)
        growth = (samples[args.duration] - samples[10]) / max(samples[10], 1)
        print("case items: %d" % items)
        print("p99: %s" % (p99.group(1) if p99 else "?"))
        print("non-2xx: %s; socket errors: %s" % (errors.group(1) if errors else 0,
                                                  socket_errors.group(1) if socket_errors else "none"))
        print("RSS at 10 s: %d KiB; at %d s: %d KiB (%+.1f%%)" % (samples[10], args.duration,
                                                                 samples[args.duration], 100 * growth))
        print("RSS series (s: KiB): %s" % ", ".join("%d: %d" % (k, samples[k]) for k in marks))
        print("server log: %s" % log.name)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
