"""Write `src/kronika/actors/kb/given-names.yaml`: English given names, for telling an unknown
person's full name ("Heather Heyer") from other capitalised words without the entity model.

The names are the first-name lists of Faker's English person providers (en_US, en_GB, en_IE,
en_NZ; Faker is MIT-licensed, see DATA.md). Faker is needed only to run this script:

    pip install faker==37.12.0 && python scripts/given_names.py

Left out: names that are also English function words ("Will", "May": spaCy's stop words) or
month and weekday names, which open too many capitalised phrases that are no person.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ")
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday"}
OUT = Path(__file__).resolve().parents[1] / "src/kronika/actors/kb/given-names.yaml"


def names() -> list[str]:
    found: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            found |= set(getattr(provider, attr, ()) or ())
    return sorted(n for n in found if re.fullmatch(r"[A-Z][a-z]+", n)
                  and n.lower() not in STOP_WORDS and n.lower() not in CALENDAR)


def main() -> None:
    import faker

    header = (
        "# English given names: a run of capitalised words the knowledge base does not know that\n"
        "# opens with one of these is read as a person's full name (\"Heather Heyer said\") without\n"
        "# the entity model; see kronika.actors.resolver. Written by scripts/given_names.py from\n"
        f"# the first-name lists of Faker {faker.VERSION} ({', '.join(LOCALES)}; MIT licence,\n"
        "# credited in DATA.md). Names that are also function words or month and weekday names\n"
        "# are left out.\n")
    body = "".join(f"  - {n}\n" for n in names())
    example = '"Heather Heyer was arrested on Monday: a given name opens the unknown full name"'
    OUT.write_text(f"{header}given-names:\n  example: {example}\n  names:\n{body}",
                   encoding="utf-8")


if __name__ == "__main__":
    main()
