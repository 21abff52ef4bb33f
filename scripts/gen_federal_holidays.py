#!/usr/bin/env python3
"""Writes the federal holiday table the demand calendar test checks against.

The dates come from Debian's python3-holidays (an independent implementation of the same
rules), so the C++ calendar is checked against a source it does not share code with:
  /usr/bin/python3 scripts/gen_federal_holidays.py > tests/data/demand/federal_holidays.tsv
"""
import datetime
import holidays

FIRST, LAST = 2000, 2020  # python3-holidays 0.10 predates Juneteenth (2021)
print(f"# US federal holidays {FIRST}-{LAST}, observed dates included; from python3-holidays "
      f"{getattr(holidays, '__version__', '')}")
for year in range(FIRST, LAST + 1):
    for date, name in sorted(holidays.US(years=year).items()):
        if FIRST <= date.year <= LAST:
            print(f"{date.isoformat()}\t{name}")
