"""English word lists of the actors layer that the events layer reads too (`kb/words.yaml`):
capitalised words that are no actor's name, and the last words of a body's name. They belong to
the actors layer, which names actors; the event coder's reader of unknown actors
(kronika.events.unknown) imports them from here, never the reverse.

    >>> "meanwhile" in NOT_NAMES, "Senate" in BODIES
    (True, True)
"""

from __future__ import annotations

from kronika.actors.kb import PACKAGE
from kronika.rules import load_rules, word_list


def _forms(key: str) -> frozenset[str]:
    """The forms of the words.yaml entry `key`, or a RuleFileError naming the file and the key."""
    entry = load_rules(PACKAGE, "words.yaml").get(key)
    return frozenset(word_list(entry if isinstance(entry, dict) else {}, "forms",
                               f"actors/kb/words.yaml {key}"))


NOT_NAMES = _forms("never-name")
NOT_ACTORS = _forms("never-actor")
BODIES = _forms("body-last-word")
