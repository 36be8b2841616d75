"""`make bench` (watch part): 200 RSS feeds served on 127.0.0.1, polled for 10 rounds by
`kronika watch`, with a restart half-way (a second watcher over the same store).

The site (tests/watchsite.py) runs in a child process, so this process's CPU time is the
watcher's own. Round 1 finds one story in each feed (the initial load); rounds 2-9 publish
`NEW_PER_ROUND` stories in as many feeds; round 10 publishes nothing (every feed answers 304).
Two new-entry rules (one per actor pair of the stories) send every story to a webhook on the
same site, so each story must alert exactly once. Reported:

- items ingested exactly once (documents stored = stories published, no item stored twice)
  and alerts fired exactly once each (one webhook call per story, none twice);
- CPU time of each poll round (all of the watcher's work: polls, ingest, rules, deliveries),
  and per poll in the quiet round;
- latency from the moment the poll that first saw a story got its answer to the webhook's
  receipt of its alert (target: under 5 s), for the initial load and for later rounds.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

FEEDS = int(os.environ.get("WATCH_BENCH_FEEDS", "200"))
ROUNDS = 10
RESTART_AFTER = 5          # rounds done by the first watcher; the second does the rest
NEW_PER_ROUND = 25
TARGET_LATENCY = 5.0       # seconds from the poll that sees an item to its alert


def _site(conn) -> None:
    from watchsite import Site, Story

    site = Site().start()
    conn.send(site.base)
    while True:
        cmd, arg = conn.recv()
        if cmd == "publish":
            for feed, n in arg:
                site.publish(feed, Story(n, pair=n % 2))
            conn.send(None)
        elif cmd == "stats":
            with site._lock:
                conn.send({"requests": dict(site.requests),
                           "not_modified": dict(site.not_modified),
                           "first_served": dict(site.first_served), "hooks": list(site.hooks)})
        else:
            site.stop()
            conn.send(None)
            return


def main() -> int:
    from kronika import default_pipeline
    from kronika.store import Store
    from kronika.watch import Watcher
    from kronika.watch.config import Channel, Politeness, Rule, Rules, Source, Sources

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_site, args=(child,), daemon=True)
    proc.start()
    base = parent.recv()

    def call(cmd, arg=None):
        parent.send((cmd, arg))
        return parent.recv()

    names = [f"feed{i:03d}" for i in range(FEEDS)]
    sources = Sources(tuple(Source(n, f"{base}/feeds/{n}.xml", "feed", every=60) for n in names),
                      Politeness(host_delay=0, timeout=10), allow_private=True)
    hook = Channel("hook", "webhook", url=f"{base}/hook")
    rules = Rules((Rule("austin", "new_entry", {"actor": ["Austin"]}, ("hook",)),
                   Rule("blinken", "new_entry", {"actor": ["Blinken"]}, ("hook",))),
                  (hook,), link="http://127.0.0.1:8000")
    default_pipeline().process("On May 13, 2022, Lloyd Austin held talks with Sergei Shoigu.",
                               lang="en")  # load the models before timing
    published, n = [], 0
    call("publish", [(name, i) for i, name in enumerate(names)])
    published += range(FEEDS)
    n = FEEDS
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "watch.duckdb")
        watcher = None
        for r in range(1, ROUNDS + 1):
            if r > 1 and r < ROUNDS:
                batch = [(names[(r * NEW_PER_ROUND + k) % FEEDS], n + k)
                         for k in range(NEW_PER_ROUND)]
                call("publish", batch)
                published += [x for _, x in batch]
                n += NEW_PER_ROUND
            if watcher is None or r == RESTART_AFTER + 1:
                if watcher is not None:
                    watcher.close()  # a restart: a new watcher over the same store
                watcher = Watcher(sources, rules, open_store=lambda: Store(db),
                                  today=lambda: date(2023, 12, 31))
                watcher.start()
            cpu, wall = time.process_time(), time.perf_counter()
            polls = watcher.round(force=True)
            rounds.append({"round": r, "cpu": time.process_time() - cpu,
                           "wall": time.perf_counter() - wall, "polls": len(polls),
                           "new": sum(p.status == "new" for p in polls),
                           "not_modified": sum(p.status == "not-modified" for p in polls),
                           "errors": sum(p.status == "error" for p in polls)})
            print(f"  round {r} done: CPU {rounds[-1]['cpu']:.1f} s", file=sys.stderr,
                  flush=True)
        watcher.close()
        time.sleep(0.2)
        stats = call("stats")
        with Store(db, read_only=True) as store:
            docs = len(store.documents())
            stored = [o for o in store.outcomes() if o["status"] == "stored"]
            alerts_stored = store._con.execute("SELECT count(*) FROM watch_alerts").fetchone()[0]
    call("stop")
    proc.join(5)

    # exactly once --------------------------------------------------------------------------
    stored_inputs = {o["doc_id"] for o in stored}
    print(f"watch bench: {FEEDS} feeds, {ROUNDS} rounds (restart after round {RESTART_AFTER}), "
          f"{len(published)} stories published")
    once = docs == len(published) == len(stored) == len(stored_inputs)
    print(f"  ingested exactly once: {'yes' if once else 'NO'} ({docs} documents, {len(stored)} "
          f"'stored' outcomes, {len(published)} stories)")
    first = date(2022, 1, 1)
    by_story: dict[int, list[float]] = {}
    for t, alert in stats["hooks"]:
        d = date.fromisoformat(alert["entry"]["date"]["earliest"])
        by_story.setdefault((d - first).days, []).append(t)
    twice = [k for k, v in by_story.items() if len(v) > 1]
    missing = sorted(set(published) - set(by_story))
    print(f"  alerts fired exactly once: {'yes' if not twice and not missing else 'NO'} "
          f"({len(stats['hooks'])} webhook calls, {alerts_stored} alerts stored; "
          f"{len(twice)} stories alerted twice, {len(missing)} never)")

    # CPU per round ---------------------------------------------------------------------------
    for x in rounds:
        print(f"  round {x['round']:2d}: {x['polls']} polls, {x['new']:3d} with new items, "
              f"{x['not_modified']:3d} not modified, {x['errors']} errors; CPU "
              f"{x['cpu']:6.2f} s, wall {x['wall']:6.2f} s")
    quiet = rounds[-1]
    print(f"  quiet round (all 304): {1000 * quiet['cpu'] / quiet['polls']:.2f} ms CPU per "
          f"poll, {quiet['cpu']:.2f} s for {quiet['polls']} feeds")

    # latency ---------------------------------------------------------------------------------
    initial, later = [], []
    for k, times in by_story.items():
        seen = stats["first_served"].get(k)
        if seen is not None:
            (initial if k < FEEDS else later).append(min(times) - seen)
    for label, xs in (("initial load (round 1)", initial), ("later rounds", later)):
        if xs:
            xs.sort()
            p95 = xs[min(len(xs) - 1, int(0.95 * len(xs)))]
            print(f"  latency poll → alert, {label}: median {statistics.median(xs):.2f} s, "
                  f"p95 {p95:.2f} s, max {xs[-1]:.2f} s (target < {TARGET_LATENCY:g} s: "
                  f"{'met' if xs[-1] < TARGET_LATENCY else 'NOT met'})")
    return 0 if once and not twice and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
