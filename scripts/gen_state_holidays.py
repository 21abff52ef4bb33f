#!/usr/bin/env python3
"""Writes the state holiday table the demand calendar test checks against.

For each state bates has rules for (src/demand/state_holidays.cc), every date 2000-2030 that
Debian's python3-holidays lists for the state and not for the federal calendar: an independent
implementation of the same rules, so the C++ calendar is checked against code it shares nothing
with.
  /usr/bin/python3 scripts/gen_state_holidays.py > tests/data/demand/state_holidays.tsv

Left out, and said so in the output: commemorations python3-holidays lists on which state offices
stay open (Susan B. Anthony Day), which must not move a deadline.
"""
import holidays

FIRST, LAST = 2000, 2030
STATES = ["CA", "CO", "FL", "IL", "KY", "MA", "MS", "NM", "NY", "OR", "VT", "WA"]
COMMEMORATIONS = {"Susan B. Anthony Day"}

print(f"# State legal holidays {FIRST}-{LAST} beyond the federal ones, observed dates included; "
      f"from python3-holidays {getattr(holidays, '__version__', '')}; "
      f"left out: {', '.join(sorted(COMMEMORATIONS))}")
print("# states: " + " ".join(STATES))
years = range(FIRST - 1, LAST + 2)
federal = holidays.US(years=years)
for state in STATES:
    for date, name in sorted(holidays.US(state=state, years=years).items()):
        if not FIRST <= date.year <= LAST or date in federal:
            continue
        if name in COMMEMORATIONS:
            continue
        print(f"{state}\t{date.isoformat()}\t{name}")
