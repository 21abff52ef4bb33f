"""Mode 1's everyday records: documents with personal data, hard negatives that mention federal
agencies without being on the demand's subject, and plenty of ordinary non-responsive mail and
files (schedules, fleet, budget, unrelated training, community events, personnel)."""

from common import PACIFIC
from content import AC, PRIV_BANNER, Ctx, D
from people import (ALL_SWORN, ATTORNEY, BOOKING, CHIEF, CITY_MANAGER, CLERK, COMMAND, CORR_LT,
                    CORRECTIONS, DEPUTY, EVENTS, FACILITIES, FINANCE, FLEET, HR, JAIL, NURSE,
                    OFFICER1, OFFICER2, OFFICER3, PATROL_SGTS, PIO, RECORDS, RECORDS_UNIT,
                    SERGEANT, SQUAD_C, TRAINING, WATCH_CMDR)
from world import Att, Doc, Mail

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def build(b, v, rng, n_mail):
    c = Ctx(b, v, rng)
    pii_documents(c)
    hard_negatives(c)
    loose_files(c)
    everyday_mail(c, n_mail)


# --- personal data ------------------------------------------------------------------------------

def pii_documents(c):
    b, v = c.b, c.v
    ssn, dob, dl = v.ssn("dash"), v.dob("long", (1985, 1998)), v.drivers_license()
    ph, em = v.phone("paren"), v.email("pat.okonkwo")
    auth = Doc("Background Investigation Authorization - Records Clerk Candidate",
               D(2017, 4, 3, 9), "Helen Marsh-Ogun", [
                   ("p", "Candidate: Patience Okonkwo-Hart. Position: Records Clerk II."),
                   ("p", "Social Security number: %s. Date of birth: %s. Driver license: %s."
                         % (ssn, dob, dl)),
                   ("p", "Contact: %s; personal email %s." % (ph, em)),
                   ("p", "The candidate authorizes the Department to obtain criminal history, "
                         "employment and credit records for the purpose of the background "
                         "investigation."),
               ], on_topic=False)
    m = Mail("Background packet - records clerk candidate", c.t(2017, 4, 3, 9, 30), RECORDS,
             [HR], on_topic=False,
             attachments=[Att("Background authorization - Okonkwo-Hart.txt", auth, "txt")],
             body="Ines,\n\nBackground authorization for our clerk candidate is attached. Her "
                  "SSN is %s and DOB %s, for the credit check form. Best number to reach her "
                  "is %s.\n\nHelen\n" % (ssn, dob, ph))
    b.send(m)

    acct, routing, ph2 = v.bank_account(), v.routing(), v.phone("dot")
    dd = Doc("Direct Deposit Change Request", D(2017, 8, 1, 20), "Luis Ferreira-Dunn", [
        ("p", "Employee: Luis Ferreira-Dunn. Employee ID 20417. Effective pay period 17."),
        ("p", "New bank: Cascade Valley Credit Union (fictional). Routing number %s. Account "
              "number %s (checking)." % (routing, acct)),
        ("p", "Daytime phone: %s." % ph2),
    ], on_topic=False)
    b.file(SERGEANT, "Personal/Payroll/Direct deposit change 2017-08.txt", dd, "txt")

    card, bad, tag = v.card("space"), v.bad_card(), v.asset_tag()
    pcard = Doc("P-Card Reconciliation - Training Unit - October 2017", D(2017, 11, 2, 10),
                "Tobias Lindqvist", [
                    ("p", "Cardholder: Sgt. Tobias Lindqvist. Card number %s." % card),
                    ("pre", "10/03  Range supplies (targets)            $412.60\n"
                            "10/11  CPR manikin lungs (40)              $188.00\n"
                            "10/19  Conference registration             $350.00\n"
                            "10/24  Projector lamp, classroom B         $129.99"),
                    ("p", "Note: the evidence barcode %s on the range-supply receipt is not a "
                          "card number. Projector asset tag %s." % (bad, tag)),
                ], on_topic=False)
    b.file(TRAINING, "Finance/P-card/2017-10 P-card reconciliation.pdf", pcard, "pdf")

    card2 = v.card("dash")
    stmt = Mail("Travel card - disputed charge", c.t(2018, 1, 9, 11), TRAINING, [FINANCE],
                on_topic=False,
                body="Farah,\n\nThere is a duplicate hotel charge of $189.00 on the travel card "
                     "ending in the number below. Full number for the dispute form: %s.\n\n"
                     "Tobias\n" % card2)
    b.send(stmt)

    pp, dob2 = v.passport(), v.dob("iso", (1975, 1990))
    trip = Mail("Travel: regional training conference in Vancouver BC", c.t(2017, 9, 25, 13),
                TRAINING, [FINANCE], cc=[DEPUTY], on_topic=False,
                body="Farah,\n\nFor the cross-border conference registration the organizers "
                     "need passport details for both attendees. Mine: passport number %s, date "
                     "of birth %s. Ofc. Brandvold will send hers separately.\n\nTobias\n"
                     % (pp, dob2))
    b.send(trip)

    dl2, ph3, em2 = v.drivers_license(), v.phone("dash"), v.email("r.villanueva")
    case, cad = v.case_no(), v.cad_event()
    claim = Mail("Collision involving Unit 22 - claim information", c.t(2017, 7, 6, 16),
                 SERGEANT, [FLEET], cc=[ATTORNEY, DEPUTY], on_topic=False,
                 note="copies an attorney; not privileged",
                 body="Bo,\n\nUnit 22 was struck at low speed at 5th and Cedar (case %s, CAD "
                      "event %s). No injuries. Other driver: Rosa Villanueva, driver license "
                      "%s, phone %s, email %s. Her insurer will contact Risk Management. "
                      "Copying the City Attorney's Office per the claims procedure.\n\n"
                      "Sgt. Ferreira-Dunn\n" % (case, cad, dl2, ph3, em2))
    b.send(claim)

    for month, year, n in ((3, 2017, 6), (11, 2017, 5)):
        rows = []
        for i in range(n):
            style = ("plain", "short", "dash", "hash")[(i + month) % 4]
            rows.append("%02d/%02d | %s | %s | DOB %s | %s" % (
                month, 3 + 4 * i, ("DHS-ERO", "DHS-HSI", "FBI", "US Marshals")[i % 4],
                v.booking_no(), v.dob("slash"), v.a_number(style) if i % 4 < 2 else "n/a"))
        log = Doc("Form TPD-212 Outside Agency Request Log - %s %d" % (MONTHS[month - 1], year),
                  D(year, month, 28, 17), "Helen Marsh-Ogun", [
                      ("p", "Entries for %s %d. Each request was referred to the Watch "
                            "Commander." % (MONTHS[month - 1], year)),
                      ("pre", "Date | Agency | Booking | Person (DOB) | A-number\n"
                              + "\n".join(rows)),
                  ], on_topic=False,
                  note="a log of requests received, not an order or guidance")
        b.file(RECORDS, "Logs/TPD-212/%d-%02d TPD-212 log.pdf" % (year, month), log, "pdf")

    dob3, ph4 = v.dob("slash"), v.phone("paren")
    bk = v.booking_no()
    t = Mail("Hospital transport Thursday - patient in cell block C", c.t(2017, 10, 3, 7, 40),
             NURSE, [JAIL], cc=[CORR_LT], on_topic=False,
             body="Commander,\n\nThe patient under booking %s (DOB %s) has a cardiology "
                  "appointment Thursday at 10:00. The clinic's scheduling line is %s. We need "
                  "a two-officer transport.\n\nNadia Kessel, RN\nMeridale Health Services\n"
                  % (bk, dob3, ph4))
    b.send(t)

    ssn2 = v.ssn("space")
    ben = Mail("Benefits enrollment correction", c.t(2016, 11, 28, 10), HR, [DEPUTY],
               on_topic=False,
               body="Deputy Chief,\n\nYour dependent's enrollment was rejected because the "
                    "SSN was keyed as %s; please confirm it is correct or send the card copy "
                    "to HR.\n\nInes Moravec\nHuman Resources\n" % ssn2)
    b.send(ben)


# --- hard negatives: federal agencies named, no instruction on communicating with them -----------

def hard_negatives(c):
    b, v = c.b, c.v
    j1 = Mail("Byrne JAG FY2017 application - budget narrative", c.t(2017, 8, 3, 10), FINANCE,
              [CHIEF], cc=[CITY_MANAGER], on_topic=False, thread="T12-jag-application",
              note="mentions DOJ, BJA and 1373 but gives no instruction to staff",
              body="Chief,\n\nThe Bureau of Justice Assistance (Department of Justice) "
                   "solicitation for the FY2017 Byrne JAG award is out. Our allocation is "
                   "about $31,000. This year the application requires the Chief Executive to "
                   "certify compliance with 8 U.S.C. 1373, the statute on sharing "
                   "immigration status information. I need the budget narrative for the "
                   "two in-car camera replacements by August 20.\n\nFarah\n")
    b.send(j1)
    j2 = Mail("RE: Byrne JAG FY2017 application - budget narrative", c.t(2017, 8, 4, 14), CHIEF,
              [FINANCE], cc=[CITY_MANAGER, DEPUTY], parent=j1, on_topic=False,
              body="Farah, Ray will send the camera quotes. The City Manager's office is "
                   "handling the certification question with the City Attorney.\n\nDana\n")
    b.send(j2)
    j3 = Mail("RE: Byrne JAG FY2017 application - budget narrative", c.t(2017, 8, 9, 9),
              DEPUTY, [FINANCE], cc=[CHIEF], parent=j2, on_topic=False,
              attachments=[Att("In-car camera quotes FY17.pdf", Doc(
                  "In-Car Camera Replacement Quotes FY2017", D(2017, 8, 8, 16),
                  "Raymond Castellano", [
                      ("pre", "Vendor A (fictional)   2 units   $14,980.00\n"
                              "Vendor B (fictional)   2 units   $15,420.00\n"
                              "Vendor C (fictional)   2 units   $16,005.00"),
                      ("p", "Recommendation: Vendor A, lowest responsive quote."),
                  ], on_topic=False), "pdf")],
              body="Quotes attached. Vendor A is lowest and meets spec.\n\nRay\n")
    b.send(j3)

    grant = Doc("EMPG Quarterly Performance Report - Q2 FY2017", D(2017, 4, 14, 15),
                "Dana Whitcombe", [
                    ("p", "Emergency Management Performance Grant, Department of Homeland "
                          "Security pass-through award via the state emergency management "
                          "office (fictional award number EMPG-17-TW-004)."),
                    ("p", "Activities this quarter: two tabletop exercises (earthquake, "
                          "wildfire smoke), update of the emergency operations plan annex for "
                          "mass care, and 14 staff trained on incident command."),
                    ("p", "Expenditures this quarter: $8,412.19 of $22,000 awarded."),
                ], on_topic=False, note="Homeland Security grant report, not guidance")
    b.file(CHIEF, "Documents/Grants/EMPG Q2 FY2017 report.pdf", grant, "pdf")

    takeback = Doc("Press Release: Drug Take Back Day at the Police Department",
                   D(2017, 10, 20, 10), "Jordan Ellery", [
                       ("p", "On Saturday, October 28, the Thistlewick Police Department "
                             "takes part in National Prescription Drug Take Back Day, organized "
                             "nationally by the Drug Enforcement Administration, a component "
                             "of the U.S. Department of Justice."),
                       ("p", "Drop off expired or unused medication in the lobby from 10 a.m. "
                             "to 2 p.m. No questions asked. Needles and inhalers are not "
                             "accepted."),
                   ], on_topic=False, note="names DOJ; a community event")
    b.file(PIO, "Press Releases/2017/2017-10-20 Drug Take Back Day.html", takeback, "html")

    na = Mail("FBI National Academy nomination - session 272", c.t(2017, 11, 20, 13), TRAINING,
              [DEPUTY], on_topic=False,
              note="names a DOJ component; a training nomination",
              body="DC,\n\nNominations for the FBI National Academy session next year are due "
                   "December 15. Lt. Sorensen has asked to be considered. The Academy is run "
                   "by the Department of Justice at Quantico; the Department pays travel only."
                   "\n\nTobias\n")
    b.send(na)

    for when, road in ((c.t(2016, 12, 14, 5, 10), "Hill Road and the Cedar Street grade"),
                       (c.t(2017, 1, 11, 4, 50), "the river bridge approaches")):
        w = Mail("Winter weather: ice on %s" % road.split(" and ")[0], when, WATCH_CMDR,
                 [ALL_SWORN], on_topic=False,
                 note="'ice' the weather, not the agency",
                 body="Black ice reported on %s. Public Works is sanding. Chains in the trunk, "
                      "slow down, and report any downed lines to dispatch.\n\nLt. Sorensen\n"
                      "Watch Commander\n" % road)
        b.send(w)


# --- loose everyday files -----------------------------------------------------------------------

def loose_files(c):
    b, v, rng = c.b, c.v, c.rng
    names = ["Halvorsen", "Brandvold", "Achebe-Lund", "Ostrowski", "Mbeki-Grant", "Tran",
             "Delacroix", "Fairbanks", "Quill"]
    for year, month in ((2016, 10), (2016, 12), (2017, 2), (2017, 4), (2017, 7), (2017, 9),
                        (2017, 11), (2018, 1), (2018, 3)):
        rows = []
        for n in names:
            shift = ("Days 0600-1600", "Swing 1400-0000", "Nights 2200-0800")[rng.randrange(3)]
            off = ("Sun/Mon", "Tue/Wed", "Thu/Fri", "Fri/Sat")[rng.randrange(4)]
            rows.append("%-14s %-18s off %s" % (n, shift, off))
        doc = Doc("C Squad Shift Schedule - %s %d" % (MONTHS[month - 1], year),
                  D(year, month, 1, 7), "Luis Ferreira-Dunn",
                  [("pre", "\n".join(rows)),
                   ("p", "Swaps need sergeant approval 72 hours in advance.")], on_topic=False)
        b.file(SERGEANT, "Schedules/%d/%d-%02d C Squad schedule.txt" % (year, year, month), doc,
               "txt")

    for unit in (9, 14, 17, 22, 31):
        lines = []
        for k in range(4 + rng.randrange(4)):
            mo = 1 + rng.randrange(12)
            lines.append("2017-%02d-%02d  %-28s odometer %d" % (
                mo, 1 + rng.randrange(28),
                ("oil and filter", "brake pads front", "tire rotation", "battery replaced",
                 "light bar repair", "alignment", "MDT mount repair")[rng.randrange(7)],
                40000 + rng.randrange(60000)))
        doc = Doc("Fleet Service Log - Unit %d (2017)" % unit, D(2017, 12, 29, 15),
                  "Bo Hendricks", [("pre", "\n".join(sorted(lines))),
                                   ("p", "Asset %s." % v.asset_tag())], on_topic=False,
                  compress=unit % 2 == 0)
        b.file(DEPUTY, "Fleet/Unit %d service log 2017.pdf" % unit, doc, "pdf")

    releases = [
        ((2016, 10, 4), "Coffee with a Cop returns to Riverside Park"),
        ((2016, 12, 1), "Holiday Toy Drive collection boxes in the lobby"),
        ((2017, 3, 20), "Youth Police Academy accepting applications"),
        ((2017, 5, 15), "Police Week memorial ceremony"),
        ((2017, 7, 28), "National Night Out block parties August 1"),
        ((2017, 9, 5), "Back-to-school traffic safety enforcement"),
        ((2017, 12, 12), "DUI enforcement over the holidays"),
        ((2018, 4, 2), "Department welcomes six new officers"),
    ]
    for (y, mo, d), title in releases:
        doc = Doc("Press Release: " + title, D(y, mo, d, 10), "Jordan Ellery", [
            ("p", "THISTLEWICK, %s %d, %d - %s." % (MONTHS[mo - 1], d, y, title)),
            ("p", "The Thistlewick Police Department invites residents to take part. Details "
                  "are on the Department's website and social media accounts."),
            ("p", "Media contact: Jordan Ellery, Public Information Officer."),
        ], on_topic=False)
        b.file(PIO, "Press Releases/%d/%d-%02d-%02d %s.html" % (y, y, mo, d, title), doc, "html")

    for course, when in (("CPR and AED recertification", D(2017, 2, 14)),
                         ("Firearms qualification - spring", D(2017, 4, 10)),
                         ("Crisis Intervention Team 40-hour course", D(2017, 6, 26)),
                         ("Emergency vehicle operations refresher", D(2017, 9, 11)),
                         ("Defensive tactics update", D(2018, 1, 8))):
        rows = ["%-14s %s" % (n, ("attended", "attended", "attended", "excused")[rng.randrange(4)])
                for n in names]
        doc = Doc("Training Roster: " + course, when, "Tobias Lindqvist",
                  [("pre", "\n".join(rows))], on_topic=False)
        b.file(TRAINING, "Rosters/%s %s.txt" % (when.strftime("%Y-%m-%d"), course), doc, "txt")
    for title, when, paras in (
            ("Lesson Plan: Report Writing for New Officers", D(2017, 3, 1),
             ["Objectives: write clear narratives; use the five Ws; avoid jargon.",
              "Exercise: rewrite a sample burglary narrative in plain language."]),
            ("Lesson Plan: De-escalation and Time, Distance, Cover", D(2017, 5, 8),
             ["Objectives: recognize crisis behavior; use time and distance.",
              "Scenario work with role players; debrief with the range master."]),
            ("Lesson Plan: Collision Investigation Basics", D(2017, 10, 9),
             ["Objectives: scene diagram, measurements, photographs.",
              "Practical: measured diagram of a staged two-car collision."])):
        doc = Doc(title, when, "Tobias Lindqvist", [("p", p) for p in paras], on_topic=False)
        b.file(TRAINING, "Lesson Plans/%d/%s.pdf" % (when.year, title.split(": ", 1)[1]), doc,
               "pdf")

    for mo in (1, 5, 9):
        rows = ["2017-%02d-%02d  breakfast %d  lunch %d  dinner %d" % (
            mo, d, 60 + rng.randrange(30), 60 + rng.randrange(30), 60 + rng.randrange(30))
            for d in range(1, 8)]
        doc = Doc("Meal Counts - %s 2017 (week 1)" % MONTHS[mo - 1], D(2017, mo, 8, 6),
                  "Marcus Oyelaran", [("pre", "\n".join(rows))], on_topic=False)
        b.file(JAIL, "Operations/Meal counts/2017-%02d meal counts.txt" % mo, doc, "txt")
    insp = Doc("Annual Facility Inspection Report 2017 - City Detention Facility",
               D(2017, 8, 30, 14), "Priya Nandakumar", [
                   ("p", "Inspection of the City Detention Facility on August 29, 2017 by the "
                         "state corrections standards office (fictional)."),
                   ("p", "Findings: fire extinguisher tags current; one shower drain needs "
                         "repair; emergency lighting tested satisfactory; staffing met the "
                         "minimum on every shift sampled."),
                   ("p", "Corrective action: drain repair work order %s." % v.asset_tag()),
               ], on_topic=False)
    b.file(JAIL, "Operations/Facility inspection 2017.pdf", insp, "pdf")

    holiday = Doc("City Holiday Schedule 2017", D(2016, 12, 1, 9), "Ines Moravec", [
        ("pre", "January 2   New Year's Day (observed)\nJanuary 16  Martin Luther King Jr. Day\n"
                "February 20 Presidents' Day\nMay 29      Memorial Day\nJuly 4      "
                "Independence Day\nSeptember 4 Labor Day\nNovember 10 Veterans Day "
                "(observed)\nNovember 23 Thanksgiving\nNovember 24 Day after "
                "Thanksgiving\nDecember 25 Christmas Day"),
    ], on_topic=False)
    for owner, path in ((CHIEF, "Documents/Personnel/City holiday schedule 2017.pdf"),
                        (RECORDS, "Admin/City holiday schedule 2017.pdf"),
                        (PIO, "Admin/City holiday schedule 2017.pdf")):
        b.file(owner, path, holiday, "pdf")

    budget = Doc("Memorandum: FY2017-18 Police Department Budget Request", D(2017, 3, 30, 16),
                 "Dana Whitcombe", [
                     ("p", "To: Owen Prakash-Bell, City Manager. From: Chief Dana Whitcombe."),
                     ("p", "The Department requests $18.4 million for FY2017-18, 2.1 percent "
                           "over the current year, mostly for negotiated salary increases."),
                     ("h", "Priorities"),
                     ("p", "Replace 6 patrol vehicles; fund two dispatcher positions; "
                           "replace the records management system server; continue the "
                           "body-worn camera program."),
                     ("h", "Reductions"),
                     ("p", "Overtime budget reduced 4 percent through shift realignment; "
                           "travel reduced 10 percent."),
                 ] + [("p", "Line item %d: %s" % (i, t)) for i, t in enumerate((
                     "Salaries and wages, sworn", "Salaries and wages, civilian",
                     "Overtime", "Fleet replacement", "Fuel", "Radio system maintenance",
                     "Jail medical contract (Meridale Health Services)", "Training and travel",
                     "Information technology", "Uniforms and equipment"), 1)],
                 on_topic=False)
    b.file(CHIEF, "Documents/Budget/FY2017-18 budget request.pdf", budget, "pdf")

    for mo in (10, 12, 2, 6):
        y = 2016 if mo >= 10 else 2017
        doc = Doc("Public Records Requests - Monthly Statistics %s %d" % (MONTHS[mo - 1], y),
                  D(y, mo, 28, 16), "Helen Marsh-Ogun", [
                      ("pre", "Received: %d\nCompleted: %d\nPending: %d\nAverage days to "
                              "close: %.1f" % (40 + rng.randrange(30), 35 + rng.randrange(30),
                                               5 + rng.randrange(10), 4 + rng.random() * 6)),
                  ], on_topic=False)
        b.file(RECORDS, "Statistics/%d-%02d PRA statistics.txt" % (y, mo), doc, "txt")

    tmpl = Doc("Template: Public Records Response Letter", D(2016, 9, 1, 9), "Miriam Achterberg",
               [("p", "Dear [Requester]: The City has completed its search for records "
                      "responsive to your request dated [date]. Enclosed are [n] pages. "
                      "[Exemptions, if any.] Sincerely, [Name], City Attorney's Office.")],
               on_topic=False)
    b.file(ATTORNEY, "Templates/Public records response letter.txt", tmpl, "txt")
    council = Doc("Confidential Legal Memorandum: Council Meeting Public Comment Rules",
                  D(2017, 5, 3, 11), "Miriam Achterberg", [
                      ("p", PRIV_BANNER),
                      ("p", "You asked whether the Council may limit public comment to three "
                            "minutes per speaker. In our view it may, if the limit is applied "
                            "evenly and announced in advance."),
                  ], on_topic=False, privileged=True, basis=AC,
                  note="privileged; not on the demand's subject")
    b.file(ATTORNEY, "Advice/2017/Memo - council public comment rules.pdf", council, "pdf")


# --- everyday mail --------------------------------------------------------------------------------

_TOPICS = []


def topic(fn):
    _TOPICS.append(fn)
    return fn


def _pick(rng, xs):
    return xs[rng.randrange(len(xs))]


@topic
def fleet_topic(c, when):
    rng = c.rng
    unit = _pick(rng, (9, 11, 14, 17, 22, 26, 31, 35))
    issue = _pick(rng, ("brake service", "check engine light", "tire replacement",
                        "light bar flickering", "MDT will not boot", "AC not cooling",
                        "scheduled 5,000-mile service", "windshield chip"))
    who = _pick(rng, (SERGEANT, DEPUTY, WATCH_CMDR, TRAINING))
    return (FLEET, [who], [], "Unit %d - %s" % (unit, issue),
            "Unit %d is due in the shop for %s. Please have it at the yard by %s 0700. A "
            "spare unit (%d) will be fueled and ready.\n\nBo Hendricks\nFleet Services\n"
            % (unit, issue, _pick(rng, ("Monday", "Tuesday", "Wednesday", "Thursday")),
               _pick(rng, (40, 41, 42))))


@topic
def overtime_topic(c, when):
    rng = c.rng
    pct = 60 + rng.randrange(40)
    return (FINANCE, [CHIEF], [DEPUTY, JAIL],
            "Overtime through %s: %d%% of budget" % (MONTHS[when.month - 1], pct),
            "Chief,\n\nOvertime spending through %s is at %d%% of the annual budget. The "
            "largest drivers are special events and court time. Corrections overtime is "
            "%s.\n\nFarah Quaddus\nFinance\n" % (MONTHS[when.month - 1], pct,
                                                 _pick(rng, ("on plan", "slightly over plan",
                                                             "under plan"))))


@topic
def training_topic(c, when):
    rng = c.rng
    course = _pick(rng, ("CPR/AED recertification", "Firearms qualification",
                         "Crisis Intervention Team course", "Defensive tactics refresher",
                         "EVOC driving refresher", "First aid and tourniquet update",
                         "Report writing workshop", "Radio procedures refresher"))
    return (TRAINING, [_pick(rng, (ALL_SWORN, PATROL_SGTS, CORRECTIONS))], [],
            "%s - sign-up" % course,
            "%s sessions are posted for %s. Sign up on the sheet outside the Training Unit "
            "or reply to this email. Each session has %d seats.\n\nSgt. Lindqvist\nTraining "
            "Unit\n" % (course, MONTHS[when.month - 1], 8 + rng.randrange(12)))


@topic
def community_topic(c, when):
    rng = c.rng
    event = _pick(rng, ("Coffee with a Cop", "National Night Out", "Holiday Toy Drive",
                        "Youth Police Academy", "Senior safety talk", "Bike rodeo",
                        "Neighborhood Watch meeting", "Shop with a Cop"))
    return (EVENTS, [PIO], [_pick(rng, (CHIEF, DEPUTY, SERGEANT, TRAINING))],
            "%s - volunteers needed" % event,
            "Hi Jordan,\n\nWe're planning %s for %s. Could the Department send %d officers "
            "and a marked unit for the kids to see? We are privileged to have had such great "
            "support last year.\n\nTheo Marchetti-Voss\nCommunity Engagement\n"
            % (event, MONTHS[when.month - 1], 2 + rng.randrange(3)))


@topic
def personnel_topic(c, when):
    rng = c.rng
    kind = rng.randrange(4)
    if kind == 0:
        who = _pick(rng, ("Ofc. Delacroix", "Lt. Sorensen", "CO Reyes-Kolb", "Sgt. Quill"))
        return (HR, [COMMAND], [], "Retirement luncheon for %s" % who,
                "Please join us for a luncheon honoring %s's service, %s at noon in the "
                "community room. RSVP to HR.\n\nInes Moravec\n" % (who, MONTHS[when.month - 1]))
    if kind == 1:
        return (HR, [ALL_SWORN], [RECORDS_UNIT], "Open enrollment reminder",
                "Open enrollment closes at the end of %s. Changes to medical, dental and "
                "vision coverage must be made in the benefits portal.\n\nHuman Resources\n"
                % MONTHS[when.month - 1])
    if kind == 2:
        n = 2 + rng.randrange(5)
        return (DEPUTY, [ALL_SWORN], [], "Welcome %d new officers" % n,
                "Please welcome %d new officers who start field training this month. Field "
                "training officers will be assigned by Friday.\n\nDC Castellano\n" % n)
    return (CHIEF, [COMMAND], [HR], "Sergeant promotional list",
            "From the Chief's office: the sergeant promotional list has been certified and is "
            "valid for 18 months. "
            "Congratulations to all who took part.\n\nChief Whitcombe\n")


@topic
def facilities_topic(c, when):
    rng = c.rng
    what = _pick(rng, ("parking lot resurfacing", "HVAC outage in the records area",
                       "elevator inspection", "building access card renewal",
                       "fire alarm test", "roof repair over the sally port"))
    to = _pick(rng, (RECORDS_UNIT, CORRECTIONS, COMMAND, ALL_SWORN))
    return (FACILITIES, [to], [], "Facilities: %s" % what,
            "Heads up: %s is scheduled for %s. Expect some disruption; we will keep it "
            "short.\n\nRuth Abernathy-Cole\nFacilities\n" % (what, MONTHS[when.month - 1]))


@topic
def records_topic(c, when):
    rng = c.rng
    kind = rng.randrange(3)
    if kind == 0:
        return (CLERK, [RECORDS], [], "Report copy request backlog",
                "Helen, we have %d copy requests waiting; most are collision reports for "
                "insurers. I can clear them by Friday if I skip the scanning project this "
                "week.\n\nPauline\n" % (10 + rng.randrange(30)))
    if kind == 1:
        return (RECORDS, [RECORDS_UNIT], [], "Scanning project - boxes %d to %d" % (
            rng.randrange(50), 50 + rng.randrange(50)),
            "Next week's scanning: old incident reports from the basement, boxes as "
            "labelled. Please log each box on the tracking sheet.\n\nHelen\n")
    return (RECORDS, [CHIEF], [], "Records retention - destruction approval",
            "Chief, the attached list of dispatch audio past its two-year retention is ready "
            "for destruction on your approval.\n\nHelen\n")


@topic
def jail_ops_topic(c, when):
    rng = c.rng
    kind = rng.randrange(4)
    if kind == 0:
        return (CORR_LT, [JAIL], [], "Laundry vendor missed pickup",
                "Commander, the laundry vendor missed Tuesday's pickup again. We're short on "
                "blankets in C block. I've called them twice.\n\nLt. Oyelaran\n")
    if kind == 1:
        return (NURSE, [JAIL], [CORR_LT], "Medication cart inventory",
                "The monthly medication cart inventory is done; no discrepancies. Next one "
                "is the first week of %s.\n\nNadia Kessel, RN\n" % MONTHS[when.month % 12])
    if kind == 2:
        return (JAIL, [CORRECTIONS], [], "Shift briefing - population and staffing",
                "Population today: %d. Staffing at minimum on nights this week; holdovers "
                "approved.\n\nCmdr. Nandakumar\n" % (60 + rng.randrange(40)))
    return (BOOKING, [JAIL], [], "Booking printer down",
            "The booking printer is jammed again; IT ticket submitted. Using the control room "
            "printer for now.\n\nCO Reyes-Kolb\n")


@topic
def patrol_topic(c, when):
    rng = c.rng
    kind = rng.randrange(3)
    if kind == 0:
        return (SERGEANT, [SQUAD_C], [], "Squad C - %s extra patrol list" % MONTHS[when.month - 1],
                "Extra patrol this month: Birch Lane (noise), Riverside Park (after hours), "
                "the school zone on 9th (speeding). Log your checks in CAD.\n\nSgt. F-D\n")
    if kind == 1:
        return (_pick(rng, (OFFICER1, OFFICER2, OFFICER3)), [SERGEANT], [],
                "Shift swap request",
                "Sarge, may I swap my %s shift with Ofc. Tran? She has agreed.\n\nThanks\n"
                % _pick(rng, ("Friday", "Saturday", "Sunday")))
    return (DEPUTY, [PATROL_SGTS], [], "Response times - %s" % MONTHS[when.month - 1],
            "Priority 1 response times averaged %.1f minutes last month. Good work. Please "
            "keep an eye on the east sector at shift change.\n\nDC Castellano\n"
            % (4 + rng.random() * 3))


def everyday_mail(c, n):
    rng = c.rng
    start = D(2015, 9, 1).timestamp()
    end = D(2018, 6, 30).timestamp()
    made = []
    for i in range(n):
        ts = int(start + rng.random() * (end - start))
        day = PACIFIC.aware(ts)
        when = PACIFIC.localize(day.year, day.month, day.day, 7 + rng.randrange(11),
                                rng.randrange(60), rng.randrange(60))
        fn = _TOPICS[rng.randrange(len(_TOPICS))]
        sender, to, cc, subject, body = fn(c, when)
        if rng.random() < 0.3:
            # copy someone whose mail is kept in an mbox, so each mbox holds dozens
            extra = _pick(rng, (JAIL, TRAINING, RECORDS, RECORDS))
            if extra is not sender and extra not in to and extra not in cc:
                cc = list(cc) + [extra]
        m = Mail(subject, when, sender, to, cc=cc, body=body, on_topic=False)
        if rng.random() < 0.12:
            m.attachments.append(Att("notes.txt", Doc(
                subject + " - notes", when, sender.name,
                [("p", body.replace("\n", " "))], on_topic=False), "txt"))
        replier = None
        if rng.random() < 0.25:
            first = to[0]
            replier = first.members[0] if first.members else first
            if replier is sender:
                replier = None
        if replier is not None:
            m.thread = "T%03d-everyday" % (100 + i)
        c.b.send(m)
        made.append(m)
        if replier is not None:
            reply = Mail("RE: " + subject,
                         PACIFIC.aware(int(when.timestamp()) + 3600 + rng.randrange(86400)),
                         replier, [sender], parent=m, on_topic=False,
                         body=_pick(rng, ("Thanks, will do.", "Got it - thank you.",
                                          "Noted. I'll pass it on.", "Works for me.",
                                          "Can we talk about this at staff meeting?")) + "\n")
            c.b.send(reply)
    return made
