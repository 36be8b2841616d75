"""The test markup: spans written inline as [[words|label]], as in the gold files' prose.

    On [[April 7|DATE 2022-04-07]], Austin said he could not reach Shoigu.

`parse("...")` returns the plain text and a list of (start, end, text, label) with offsets into
the plain text. Case files hold one case per line; `# ...` lines are comments naming the rule
family, blank lines are ignored, and `@key value` lines set options (such as `@published`) for
the cases below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: A span opens at the last "[[" of a run: "[[[Wednesday|...]]'s]" marks "Wednesday".
_SPAN = re.compile(r"\[\[(?!\[)(.+?)\|(.*?)\]\]")

DATA = Path(__file__).parent / "data"


def parse(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    out, spans, pos = [], [], 0
    length = 0
    for m in _SPAN.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        words = m.group(1)
        spans.append((length, length + len(words), words, m.group(2).strip()))
        out.append(words)
        length += len(words)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def render(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The inverse of `parse`, for failure messages that read like the case file."""
    out, pos = [], 0
    for start, end, label in sorted(spans):
        out.append(text[pos:start])
        out.append(f"[[{text[start:end]}|{label}]]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


@dataclass
class Case:
    line: str
    lineno: int
    options: dict[str, str] = field(default_factory=dict)
    expect: list[str] = field(default_factory=list)  # indented lines under the case

    def __str__(self) -> str:
        return f"line {self.lineno}: {self.line}"


def read_cases(name: str) -> list[Case]:
    """Cases of a file under tests/data: one per unindented line; indented lines are expectations."""
    cases: list[Case] = []
    options: dict[str, str] = {}
    for n, raw in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("@"):
            key, _, value = raw[1:].partition(" ")
            options[key] = value.strip()
        elif raw[0].isspace() and cases:
            cases[-1].expect.append(raw.strip())
        else:
            cases.append(Case(raw, n, dict(options)))
    return cases
