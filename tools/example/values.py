"""Planted personal data and decoys. Formats only: every value is random, none is anyone's.

Phone numbers use the 555-01xx range reserved for fiction; email addresses the .example domain;
SSNs have a valid form (area not 000, 666 or 9xx; group and serial not zero); card numbers pass
Luhn; decoy 16-digit numbers fail it.
"""

from common import luhn_complete, luhn_ok

_AREAS = (541, 503, 971, 360, 707, 458)


class Values:
    def __init__(self, builder, rng):
        self.b = builder
        self.rng = rng
        self._used = set()

    def _fresh(self, make):
        for _ in range(1000):
            v = make()
            if v not in self._used and not any(v in u or u in v for u in self._used):
                self._used.add(v)
                return v
        raise AssertionError("could not make a fresh value")

    def _digits(self, n, first_nonzero=False):
        r = self.rng
        s = "".join(str(r.randrange(10)) for _ in range(n))
        if first_nonzero and s[0] == "0":
            s = str(1 + r.randrange(9)) + s[1:]
        return s

    # --- personal data ------------------------------------------------------------------------
    def ssn(self, style="dash"):
        def make():
            r = self.rng
            area = 1 + r.randrange(899)
            if area == 666:
                area = 667
            group, serial = 1 + r.randrange(99), 1 + r.randrange(9999)
            sep = {"dash": "-", "space": " "}[style]
            return "%03d%s%02d%s%04d" % (area, sep, group, sep, serial)
        return self.b.plant("ssn", self._fresh(make))

    def a_number(self, style):
        def make():
            d = "0" + self._digits(8) if self.rng.random() < 0.7 else "2" + self._digits(8)
            if style == "plain":
                return "A" + d
            if style == "dash":
                return "A-%s-%s-%s" % (d[:3], d[3:6], d[6:])
            if style == "hash":
                return "A# " + d
            if style == "short":
                return "A" + d[1:]  # 8 digits
            raise ValueError(style)
        return self.b.plant("a_number", self._fresh(make))

    def dob(self, style="slash", year_range=(1958, 1999)):
        months = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")

        def make():
            r = self.rng
            y = year_range[0] + r.randrange(year_range[1] - year_range[0])
            m, d = 1 + r.randrange(12), 1 + r.randrange(28)
            if style == "slash":
                return "%02d/%02d/%04d" % (m, d, y)
            if style == "long":
                return "%s %d, %04d" % (months[m - 1], d, y)
            return "%04d-%02d-%02d" % (y, m, d)
        return self.b.plant("dob", self._fresh(make))

    def phone(self, style="paren"):
        def make():
            r = self.rng
            area = _AREAS[r.randrange(len(_AREAS))]
            line = "01%02d" % r.randrange(100)
            if style == "paren":
                return "(%d) 555-%s" % (area, line)
            if style == "dot":
                return "%d.555.%s" % (area, line)
            return "%d-555-%s" % (area, line)
        return self.b.plant("phone", self._fresh(make))

    def email(self, local):
        dom = ("mailbox.example", "familymail.example", "homepost.example")[self.rng.randrange(3)]
        return self.b.plant("email", self._fresh(
            lambda: "%s%d@%s" % (local, 10 + self.rng.randrange(89), dom)))

    def drivers_license(self):
        return self.b.plant("drivers_license", self._fresh(
            lambda: "ABCDEFGHJKLMNPRSTWXY"[self.rng.randrange(20)] + self._digits(7)))

    def passport(self):
        return self.b.plant("passport", self._fresh(lambda: self._digits(9, True)))

    def bank_account(self):
        return self.b.plant("bank_account", self._fresh(
            lambda: self._digits(10 + self.rng.randrange(3), True)))

    def card(self, style="space"):
        def make():
            prefix = ("4", "51", "52", "37")[self.rng.randrange(4)]
            n = 15 if prefix == "37" else 16
            digits = luhn_complete(prefix + self._digits(n - len(prefix) - 1))
            if style == "space" and n == 16:
                return " ".join(digits[i:i + 4] for i in range(0, 16, 4))
            if style == "dash" and n == 16:
                return "-".join(digits[i:i + 4] for i in range(0, 16, 4))
            return digits
        return self.b.plant("card", self._fresh(make))

    # --- decoys -------------------------------------------------------------------------------
    def case_no(self, year=17):
        return self.b.decoy(self._fresh(
            lambda: "TPD-%02d-%06d" % (year, self.rng.randrange(10 ** 6))))

    def booking_no(self, year=17):
        return self.b.decoy(self._fresh(lambda: "B%02d-%05d" % (year, self.rng.randrange(10 ** 5))))

    def report_no(self, year=2017):
        return self.b.decoy(self._fresh(
            lambda: "RPT %d-%06d" % (year, self.rng.randrange(10 ** 6))))

    def badge(self):
        return self.b.decoy(self._fresh(lambda: "Badge %d" % (1000 + self.rng.randrange(9000))))

    def cad_event(self):
        # looks like a phone number, is a CAD event id
        return self.b.decoy(self._fresh(lambda: "%d-%s-%s" % (
            170 + self.rng.randrange(10), self._digits(3), self._digits(4))))

    def bad_card(self):
        def make():
            while True:
                d = "4" + self._digits(15)
                if not luhn_ok(d):
                    return " ".join(d[i:i + 4] for i in range(0, 16, 4))
        return self.b.decoy(self._fresh(make))

    def routing(self):
        return self.b.decoy(self._fresh(lambda: self._digits(9, True)))

    def incident_date(self, year=2017):
        r = self.rng
        return self.b.decoy(self._fresh(lambda: "%02d/%02d/%04d" % (
            1 + r.randrange(12), 1 + r.randrange(28), year)))

    def asset_tag(self):
        return self.b.decoy(self._fresh(lambda: "TW-%s-%s" % (self._digits(4), self._digits(4))))
