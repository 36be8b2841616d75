"""`kronika watch`: keep the timeline current from feeds and listing pages, and alert on what
matters.

    config.py    the sources file (what to poll, how often, how politely) and the rules file
                 (saved queries, conditions, channels), with FILE:LINE errors
    poll.py      one poll: robots.txt, per-host rate limit, conditional GET, new items
    runner.py    `Watcher`: rounds, ingest of new items, backoff, rules, deliveries
    rules.py     alert rules over the corpus timeline: new entry, changed date, new conflict,
                 count over a threshold in a window
    channels.py  webhook (JSON POST), e-mail (SMTP), the Atom feed of alerts
    state.py     the watch state in the store (migration 0005): restart-safe
    status.py    the live status table

    from kronika.store import Store
    from kronika.watch import Watcher, load_rules, load_sources

    watcher = Watcher(load_sources("sources.yaml"), load_rules("rules.yaml"),
                      open_store=lambda: Store("news.duckdb"))
    watcher.round(force=True)
"""

from kronika.watch.config import Rules, Sources, load_rules, load_sources, source_from_url
from kronika.watch.runner import Watcher

__all__ = ["Rules", "Sources", "Watcher", "load_rules", "load_sources", "source_from_url"]
