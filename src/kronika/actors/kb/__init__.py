"""The actor knowledge base: countries, organisations, offices with dated holders, people.

The data lives in YAML under `kronika/actors/kb/` (one file per kind, each entry with an example);
`load_kb()` reads it once into typed records and `validate(kb)` lists what is wrong with it.

    >>> kb = load_kb()
    >>> kb.holder("us-secretary-of-defense", date(2022, 5, 13))[0].name
    'Lloyd Austin'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from kronika.document import Actor
from kronika.errors import RuleFileError
from kronika.rules import load_rules

PACKAGE = "kronika.actors.kb"


@dataclass(frozen=True, slots=True)
class Country:
    """A country (`kind` "country", id ISO alpha-3) or a non-state entity (`kind` "organisation")."""

    id: str
    name: str
    kind: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    collective: tuple[str, ...] = ()
    leader: str | None = None
    example: str = ""

    @property
    def country(self) -> str | None:
        return self.id if self.kind == "country" else None

    def actor(self, words: str) -> Actor:
        """The country or entity as the actor that `words` of a text name."""
        return Actor(words, self.name, self.id, self.country, None,
                     "country" if self.country else self.kind)


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    country: str | None
    kind: str
    head: str | None = None
    aliases: tuple[str, ...] = ()
    example: str = ""


@dataclass(frozen=True, slots=True)
class Holder:
    """One term of an office: `start`/`end` inclusive, `end` None while in office."""

    person: str
    start: date
    end: date | None = None
    acting: bool = False
    approximate: bool = False
    shared: bool = False            # held together with another holder (no overlap warning)
    after_gap: str | None = None    # why the office was empty before this term (no gap warning)

    def holds_on(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)

    @property
    def term(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat() if self.end else ''}"


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    title: str
    country: str | None
    kind: str
    organisation: str | None = None
    aliases: tuple[str, ...] = ()
    holders: tuple[Holder, ...] = ()
    example: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    example: str = ""
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """A generic institution or title: its surface forms, and whether context may resolve it."""

    id: str
    forms: tuple[str, ...]
    context: bool = True
    example: str = ""
    head: str | None = None  # institutions: the office kind that heads one ("defence-minister")


@dataclass(frozen=True)
class KB:
    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    offices: dict[str, Office]
    people: dict[str, Person]
    org_kinds: dict[str, Kind]
    office_kinds: dict[str, Kind]
    words: dict[str, tuple[str, ...]]
    _held: dict[str, tuple[tuple[Office, Holder], ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        held: dict[str, list[tuple[Office, Holder]]] = {}
        for office in self.offices.values():
            for h in office.holders:
                held.setdefault(h.person, []).append((office, h))
        self._held.update({k: tuple(v) for k, v in held.items()})

    # look-ups -----------------------------------------------------------------------------

    def actor_country(self, ref: str) -> str | None:
        """The ISO country of a country, entity or organisation id."""
        if ref in self.countries:
            return self.countries[ref].country
        org = self.organisations.get(ref)
        return org.country if org else None

    def holder(self, office_id: str, on: date | None) -> tuple[Person, Holder] | None:
        """Who held the office on the day (the newer on a handover day); with no day, the latest."""
        office = self.offices[office_id]
        if on is None:
            terms = sorted(office.holders, key=lambda h: h.start)
            return (self.people[terms[-1].person], terms[-1]) if terms else None
        live = [h for h in office.holders if h.holds_on(on)]
        if not live:
            return None
        h = max(live, key=lambda h: h.start)
        return self.people[h.person], h

    def offices_of(self, person_id: str, on: date | None) -> list[tuple[Office, Holder]]:
        """The offices the person held on the day (with no day: the latest term's office first)."""
        held = self._held.get(person_id, ())
        if on is None:
            return sorted(held, key=lambda oh: oh[1].start, reverse=True)
        return [(o, h) for o, h in held if h.holds_on(on)]

    def office_for(self, *, kind: str, country: str | None = None,
                   organisation: str | None = None) -> Office | None:
        """The office of a kind in a country or organisation ("the Russian defence minister")."""
        for office in self.offices.values():
            if office.kind != kind:
                continue
            if organisation is not None and office.organisation == organisation:
                return office
            if organisation is None and country is not None and office.country == country:
                return office
        return None

    def org_for(self, *, kind: str, country: str) -> Organisation | None:
        for org in self.organisations.values():
            if org.kind == kind and org.country == country:
                return org
        return None

    def head_of(self, ref: str) -> Office | None:
        """The office heading an organisation, or the leader of a country."""
        if ref in self.organisations:
            head = self.organisations[ref].head
        else:
            head = self.countries[ref].leader if ref in self.countries else None
        return self.offices.get(head) if head else None


def _tuple(v: object) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v)  # type: ignore[union-attr]


def _need(entry: dict, keys: tuple[str, ...], where: str) -> None:
    if not isinstance(entry, dict):
        raise RuleFileError(f"{where}: expected a mapping, got {entry!r}")
    missing = [k for k in keys if k not in entry]
    if missing:
        raise RuleFileError(f"{where} lacks {', '.join(missing)}; see the file's header")


def _kinds(data: dict, key: str, file: str) -> dict[str, Kind]:
    out = {}
    for kid, k in (data or {}).items():
        _need(k, (key, "example"), f"{file} kind {kid}")
        out[kid] = Kind(kid, _tuple(k[key]), bool(k.get("context", True)), k["example"],
                        k.get("head"))
    return out


#: Sections a user's actor file may have, with the keys each entry needs.
USER_SECTIONS = {
    "countries": ("name", "names"),
    "entities": ("name", "names"),
    "organisations": ("name", "country", "kind", "aliases"),
    "offices": ("title", "kind", "aliases", "holders"),
    "people": ("name", "country", "aliases"),
}


#: Packaged files of office holders, one per country or organisation: `holders-<name>.yaml`.
HOLDERS_PREFIX = "holders-"


def holder_files() -> list[str]:
    """The names of the packaged holders files, in order."""
    from importlib import resources

    return sorted(f.name for f in resources.files(PACKAGE).iterdir()
                  if f.name.startswith(HOLDERS_PREFIX) and f.name.endswith(".yaml"))


def _add_holder_files(data: dict[str, dict]) -> None:
    """Merge the `holders-*.yaml` files' offices and people into `data` (an id may appear once).

    A file's `country` is the default country of its offices and people; `example` is optional
    there (the file is a table of facts, checked by `validate`).
    """
    for name in holder_files():
        part = load_rules(PACKAGE, name) or {}
        _need(part, ("source", "facts_to"), name)
        for section in ("offices", "people"):
            for eid, entry in (part.get(section) or {}).items():
                if eid in data[section]:
                    raise RuleFileError(f"{name}: {section} id {eid!r} is already used in "
                                        f"another file; ids must be unique")
                _need(entry, (), f"{name} {eid}")
                entry.setdefault("country", part.get("country"))
                entry.setdefault("example", f"({name})")
                data[section][eid] = entry


def _packaged() -> dict[str, dict]:
    """The packaged files as sections: {section: {id: entry}}, plus kinds and words."""
    cdata = load_rules(PACKAGE, "countries.yaml")
    odata = load_rules(PACKAGE, "organisations.yaml")
    fdata = load_rules(PACKAGE, "offices.yaml")
    data = {
        "countries": dict(cdata.get("countries") or {}),
        "entities": dict(cdata.get("entities") or {}),
        "organisations": dict(odata.get("organisations") or {}),
        "offices": dict(fdata.get("offices") or {}),
        "people": dict(load_rules(PACKAGE, "people.yaml") or {}),
        "org_kinds": odata.get("kinds") or {},
        "office_kinds": fdata.get("kinds") or {},
        "words": load_rules(PACKAGE, "words.yaml"),
    }
    _add_holder_files(data)
    return data


def read_user_file(path: str, known_people: set[str]) -> dict[str, dict]:
    """A user's actor file, checked entry by entry; errors name the file and line.

    The file has the packaged files' sections (`countries`, `entities`, `organisations`,
    `offices`, `people`); its entries are added to the packaged ones, or replace those with the
    same id. `example` is optional here.
    """
    import yaml

    from kronika.errors import ActorFileError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ActorFileError(path, None, f"cannot be read ({exc.strerror})") from exc
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ActorFileError(path, mark.line + 1 if mark else None,
                             f"is not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or root is None or not isinstance(root, yaml.MappingNode):
        raise ActorFileError(path, 1, "must be a mapping of sections: " + ", ".join(USER_SECTIONS))
    lines: dict[tuple[str, str], int] = {}
    for key_node, value_node in root.value:
        if isinstance(value_node, yaml.MappingNode):
            for k, _ in value_node.value:
                lines[(key_node.value, str(k.value))] = k.start_mark.line + 1
        lines[(key_node.value, "")] = key_node.start_mark.line + 1
    people = set(known_people) | set(data.get("people") or {})
    for section, entries in data.items():
        line = lines.get((section, ""))
        if section not in USER_SECTIONS:
            raise ActorFileError(path, line, f"unknown section {section!r}; use one of "
                                             + ", ".join(USER_SECTIONS))
        if not isinstance(entries, dict):
            raise ActorFileError(path, line, f"section {section!r} must map ids to entries")
        for eid, entry in entries.items():
            where = lines.get((section, str(eid)), line)
            if not isinstance(entry, dict):
                raise ActorFileError(path, where, f"{section} entry {eid!r} must be a mapping "
                                                  f"with {', '.join(USER_SECTIONS[section])}")
            missing = [k for k in USER_SECTIONS[section] if k not in entry]
            if missing:
                raise ActorFileError(path, where, f"{section} entry {eid!r} lacks "
                                                  f"{', '.join(missing)}")
            for key in ("names", "aliases", "adjectives", "capitals", "collective"):
                v = entry.get(key)
                if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                    raise ActorFileError(path, where, f"{section} entry {eid!r}: {key} must be a "
                                                      f"list of strings, like [Lloyd Austin, Austin]")
            for h in entry.get("holders") or []:
                if not isinstance(h, dict) or "person" not in h or "from" not in h:
                    raise ActorFileError(path, where, f"office {eid!r}: each holder needs person "
                                                      f"and from, like {{person: x, from: 2020-01-31}}")
                if h["person"] not in people:
                    raise ActorFileError(path, where, f"office {eid!r}: holder {h['person']!r} is "
                                                      f"not in people (here or packaged)")
                for k in ("from", "to"):
                    if k in h and h[k] is not None and not isinstance(h[k], date):
                        raise ActorFileError(path, where, f"office {eid!r}: {k} {h[k]!r} is not "
                                                          f"a date YYYY-MM-DD")
            entry.setdefault("example", f"(from {path})")
    return data


@cache
def load_kb(files: tuple[str, ...] = ()) -> KB:
    """The packaged knowledge base plus the users' actor `files` (read once per tuple of files)."""
    data = _packaged()
    for path in files:
        user = read_user_file(path, set(data["people"]))
        for section, entries in user.items():
            data[section] = {**data[section], **entries}

    countries: dict[str, Country] = {}
    for section, kind in (("countries", "country"), ("entities", "organisation")):
        for cid, c in data[section].items():
            _need(c, ("name", "names", "example"), f"countries.yaml {cid}")
            countries[cid] = Country(
                cid, c["name"], kind, _tuple(c["names"]), _tuple(c.get("adjectives")),
                _tuple(c.get("capitals")), _tuple(c.get("collective")), c.get("leader"),
                c["example"])

    orgs = {}
    for oid, o in data["organisations"].items():
        _need(o, ("name", "country", "kind", "aliases", "example"), f"organisations.yaml {oid}")
        orgs[oid] = Organisation(oid, o["name"], o["country"], o["kind"], o.get("head"),
                                 _tuple(o["aliases"]), o["example"])

    offices = {}
    for fid, f in data["offices"].items():
        _need(f, ("title", "kind", "aliases", "holders", "example"), f"offices.yaml {fid}")
        holders = []
        for h in f["holders"] or []:
            _need(h, ("person", "from"), f"offices.yaml {fid} holder")
            holders.append(Holder(h["person"], h["from"], h.get("to"), bool(h.get("acting")),
                                  bool(h.get("approximate")), bool(h.get("shared")),
                                  h.get("after_gap")))
        offices[fid] = Office(fid, f["title"], f.get("country"), f["kind"], f.get("organisation"),
                              _tuple(f["aliases"]), tuple(holders), f["example"])

    people = {}
    for pid, p in data["people"].items():
        _need(p, ("name", "country", "aliases", "example"), f"people.yaml {pid}")
        people[pid] = Person(pid, p["name"], p["country"], _tuple(p["aliases"]),
                             _tuple(p.get("places")), p["example"], p.get("wikidata"))

    words = {}
    for key, w in data["words"].items():
        _need(w, ("forms", "example"), f"words.yaml {key}")
        words[key] = _tuple(w["forms"])

    return KB(countries, orgs, offices, people,
              _kinds(data["org_kinds"], "forms", "organisations.yaml"),
              _kinds(data["office_kinds"], "titles", "offices.yaml"), words)


def validate(kb: KB) -> list[str]:
    """Problems with the knowledge base, one line each (empty when it is sound)."""
    problems: list[str] = []
    iso = {c.id for c in kb.countries.values() if c.kind == "country"}
    ids: dict[str, str] = {}
    for table, records in (("countries", kb.countries), ("organisations", kb.organisations),
                           ("offices", kb.offices), ("people", kb.people)):
        for rid in records:
            if rid in ids:
                problems.append(f"id {rid} is used in {ids[rid]} and {table}")
            ids[rid] = table
    for c in kb.countries.values():
        if c.kind == "country" and (len(c.id) != 3 or not c.id.isupper()):
            problems.append(f"country {c.id}: id is not an ISO alpha-3 code")
        if c.leader and c.leader not in kb.offices:
            problems.append(f"country {c.id}: leader {c.leader} is not an office")
    for o in kb.organisations.values():
        if o.country is not None and o.country not in iso:
            problems.append(f"organisation {o.id}: country {o.country} is not in countries.yaml")
        if o.head and o.head not in kb.offices:
            problems.append(f"organisation {o.id}: head {o.head} is not an office")
    for k in kb.org_kinds.values():
        if k.head and k.head not in kb.office_kinds:
            problems.append(f"organisation kind {k.id}: head {k.head} is not an office kind")
    for f in kb.offices.values():
        if f.country is not None and f.country not in iso:
            problems.append(f"office {f.id}: country {f.country} is not in countries.yaml")
        if f.organisation and f.organisation not in kb.organisations | kb.countries:
            problems.append(f"office {f.id}: organisation {f.organisation} is unknown")
        if f.kind not in kb.office_kinds:
            problems.append(f"office {f.id}: kind {f.kind} is not in offices.yaml kinds")
        prev: Holder | None = None
        for h in f.holders:
            if h.person not in kb.people:
                problems.append(f"office {f.id}: holder {h.person} is not in people.yaml")
            if not isinstance(h.start, date) or (h.end is not None and not isinstance(h.end, date)):
                problems.append(f"office {f.id}: {h.person} dates are not YYYY-MM-DD")
                continue
            if h.end is not None and h.end < h.start:
                problems.append(f"office {f.id}: {h.person} ends before starting")
            problems += _succession(f, prev, h)
            prev = h
    for p in kb.people.values():
        if p.country is not None and p.country not in iso:
            problems.append(f"person {p.id}: country {p.country} is not in countries.yaml")
        for place in p.places:
            if place not in p.aliases:
                problems.append(f"person {p.id}: place {place!r} is not one of the aliases")
    return problems


def _succession(office: Office, prev: Holder | None, h: Holder) -> list[str]:
    """Overlap or gap between two consecutive terms of an office.

    The new holder may start on the day the old one leaves (a handover) or the day after; two
    holders on more days need `shared: true`, and an empty office between them `after_gap`.
    """
    if prev is None:
        return []
    if prev.start > h.start:
        return [f"office {office.id}: {h.person} is listed after {prev.person} but starts earlier"]
    if prev.end is None or h.start < prev.end:
        if prev.shared or h.shared:
            return []
        return [f"office {office.id}: {h.person} starts before {prev.person} ends "
                f"(mark `shared: true` if they held it together)"]
    if (h.start - prev.end).days > 1 and not h.after_gap:
        return [f"office {office.id}: nobody holds it from {prev.end} to {h.start} "
                f"(add the acting holder, or say why with `after_gap`)"]
    return []
