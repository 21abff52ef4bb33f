"""Mode 1's documents on the demand's subject: directives (formal and informal), out-of-timeframe
ones, privileged legal advice, and the threads around them. All fictional; written by the
fictional city's people about dealing with federal agencies, never as if from a federal agency.
"""

from common import PACIFIC
from people import (ALL_SWORN, ASST_ATTORNEY, ATTORNEY, BOOKING, CHIEF, CITY_MANAGER, CLERK,
                    COMMAND, CORR_LT, CORRECTIONS, DEPUTY, JAIL, NURSE, PIO, RECORDS,
                    RECORDS_UNIT, SERGEANT, SQUAD_C, TRAINING, WATCH_CMDR)
from world import Att, Doc, Mail

AC = "attorney-client"
WP = "work product"
ACWP = "attorney-client; work product"
PRIV_BANNER = ("PRIVILEGED AND CONFIDENTIAL - ATTORNEY-CLIENT COMMUNICATION. "
               "Do not forward outside the City Attorney's Office and the addressees.")
WP_BANNER = ("ATTORNEY WORK PRODUCT - PREPARED IN ANTICIPATION OF LITIGATION. "
             "Privileged and confidential.")


def D(y, m, d, h=9, mi=0):
    return PACIFIC.localize(y, m, d, h, mi)


class Ctx:
    def __init__(self, b, v, rng):
        self.b, self.v, self.rng = b, v, rng

    def t(self, y, m, d, h=9, mi=0):
        """A time on that day, jittered by the seed so that seeds give different files."""
        return D(y, m, d, h, (mi + self.rng.randrange(50)) % 60)


def build(b, v, rng):
    c = Ctx(b, v, rng)
    old_guidance(c)
    go_16_11(c)
    legal_memo_detainers(c)
    interim_corrections(c)
    roll_calls(c)
    records_procedure(c)
    go_17_03(c)
    detainer_thread(c)
    contract_staff(c)
    cd_17_02(c)
    scene_thread(c)
    tb_17_05(c)
    so_17_09(c)
    tb_17_07(c)
    later_2017(c)
    demand_2018(c)
    go_18_02(c)


# --- before the timeframe -----------------------------------------------------------------------

def old_guidance(c):
    b, v = c.b, c.v
    memo = Doc(
        "Memorandum: Interim Handling of ICE Detainer Requests", D(2014, 7, 15, 10, 30),
        "Arthur Penhallow", [
            ("p", "To: All Corrections and Patrol Personnel. From: Chief Arthur Penhallow. "
                  "Date: July 15, 2014."),
            ("p", "Recent federal court decisions have held that a local jail that keeps a "
                  "person in custody solely because of an immigration detainer (DHS Form "
                  "I-247) may be liable for an unlawful seizure. Effective immediately and "
                  "until a general order is issued, the Corrections Division will not hold "
                  "any person past his or her release time solely on the basis of an ICE "
                  "detainer."),
            ("p", "Corrections staff may continue to notify ICE of a scheduled release when "
                  "the detainer is accompanied by a warrant signed by a judge. Patrol "
                  "personnel shall not contact ICE about persons they encounter in the "
                  "field unless the person is the subject of a criminal warrant."),
            ("p", "Questions go to the Corrections Division Lieutenant. This memorandum "
                  "was rescinded on June 30, 2016 and replaced by later orders."),
        ], on_topic=True, note="on topic; dated and rescinded before the timeframe")
    b.file(CHIEF, "Archive/2014/Memo 2014-07-15 Interim Handling of ICE Detainers.pdf",
           memo, "pdf")

    m = Mail("PEP notification requests - interim instruction", D(2015, 3, 2, 14, 5), JAIL,
             [CORRECTIONS], on_topic=True, note="on topic; before the timeframe",
             body="Corrections staff,\n\nWe have started to receive \"Request for "
                  "Notification\" forms under the new federal Priority Enforcement Program. "
                  "Until the Chief issues a directive, do not call or email the requesting "
                  "federal officer with release information yourselves. Put the form in "
                  "the Lieutenant's tray and note it in the shift log; the Lieutenant will "
                  "decide whether a notification is made.\n\nLt. Priya Nandakumar\n"
                  "Corrections Division\n")
    b.send(m)

    cd1504 = Doc(
        "Corrections Directive CD-15-04: Priority Enforcement Program Notification Requests",
        D(2015, 6, 1, 8), "Priya Nandakumar", [
            ("h", "1. Purpose"),
            ("p", "This directive tells Corrections Division staff how to handle requests "
                  "for notification (DHS Form I-247N) received under the federal Priority "
                  "Enforcement Program."),
            ("h", "2. Procedure"),
            ("p", "A request for notification is forwarded to the shift Lieutenant, who "
                  "alone may tell the requesting federal officer the scheduled release "
                  "date of the person named. No other member shall discuss a person's "
                  "custody status with the requesting agency."),
            ("h", "3. Status"),
            ("p", "RESCINDED June 30, 2016 by memorandum of the Chief of Police. Retained "
                  "for the record only."),
        ], on_topic=True, note="on topic; rescinded before the timeframe")
    rescind = Doc(
        "Memorandum: Rescission of CD-15-04", D(2016, 6, 30, 16), "Dana Whitcombe", [
            ("p", "Corrections Directive CD-15-04 is rescinded effective today. Until a "
                  "general order issues, requests for notification from the federal agency "
                  "are to be referred to me personally and no member is to answer them."),
        ], on_topic=True, note="on topic; before the timeframe (June 2016)")
    fees = Doc(
        "Records Unit Procedure RU-15-2: Copy Fees", D(2015, 2, 2), "Helen Marsh-Ogun", [
            ("p", "Copies of reports are $0.10 per page after the first twenty pages. Audio "
                  "and video copies are provided on a city-issued USB drive at cost. Fees "
                  "are waived for victims requesting their own reports."),
        ], on_topic=False)
    blank = Doc(
        "Form TPD-212 (2015 edition): Outside Agency Request Log - blank", D(2015, 1, 5),
        "Helen Marsh-Ogun", [
            ("pre", "Date | Agency | Requester | Badge/ID | Person named | Request | "
                    "Disposition | Approved by\n" + "\n".join(
                        "____ | ______ | _________ | ________ | ____________ | _______ | "
                        "___________ | ___________" for _ in range(12))),
        ], on_topic=False)
    retention = Doc(
        "Records Retention Schedule (2015)", D(2015, 1, 20), "Helen Marsh-Ogun", [
            ("p", "Incident reports: permanent. Traffic citations: five years. Dispatch "
                  "audio: two years. Booking photographs: permanent. Outside agency request "
                  "logs: three years after the last entry."),
        ], on_topic=False)
    b.zipfile(RECORDS, "Archive/Procedures 2015-2016.zip", [
        ("CD-15-04 PEP notification requests.txt", cd1504, "txt"),
        ("Rescission of CD-15-04 (2016-06-30).txt", rescind, "txt"),
        ("RU-15-2 copy fees.txt", fees, "txt"),
        ("old forms/forms-2015.zip", [
            ("TPD-212 blank (2015).txt", blank, "txt"),
            ("Retention schedule 2015.pdf", retention, "pdf"),
        ], D(2015, 1, 20)),
    ], D(2016, 7, 1))


# --- formal orders in the timeframe -------------------------------------------------------------

def go_16_11_doc():
    return Doc(
        "General Order 16-11: Federal Civil Detainers and Administrative Warrants",
        D(2016, 11, 14, 8), "Dana Whitcombe", [
            ("p", "Thistlewick Police Department. Effective November 14, 2016. Issued by "
                  "Chief of Police Dana Whitcombe. Distribution: all sworn members, "
                  "Corrections Division staff and contract staff at the City Detention "
                  "Facility."),
            ("h", "1. Purpose"),
            ("p", "This order sets out how members of the Thistlewick Police Department "
                  "handle requests from the Department of Homeland Security to keep a person "
                  "in custody beyond the time he or she would otherwise be released (\"civil "
                  "detainers\"), and administrative warrants issued by that department."),
            ("h", "2. Definitions"),
            ("p", "Civil detainer: a written request from a federal agency, on a form such as "
                  "DHS Form I-247A, asking the Department to hold a person or to give advance "
                  "notice of the person's release. Administrative warrant: a warrant signed by "
                  "an officer of the federal agency rather than by a judge (for example DHS "
                  "Forms I-200 and I-205). Judicial warrant: a warrant signed by a judge or "
                  "magistrate."),
            ("h", "3. Policy"),
            ("p", "A civil detainer is a request, not a court order. Members shall not hold "
                  "any person solely on the basis of a civil detainer or an administrative "
                  "warrant. A person held on a judicial warrant is held on that warrant in "
                  "the usual way."),
            ("h", "4. Communication with the federal agency"),
            ("p", "Members shall not contact the Department of Homeland Security, or answer "
                  "its requests, about the release date, release time or custody status of a "
                  "person who is the subject of a civil detainer, except as directed by the "
                  "Watch Commander. The Watch Commander may confirm whether a person is in "
                  "custody when the request is accompanied by a judicial warrant."),
            ("p", "Nothing in this order prohibits or restricts any member from sending to, "
                  "or receiving from, any federal agency information regarding the "
                  "citizenship status, lawful or unlawful, of any individual, as provided in "
                  "8 U.S.C. 1373."),
            ("h", "5. Procedure"),
            ("p", "5.1 The booking officer who receives a civil detainer or an administrative "
                  "warrant shall scan it into the jail management system and forward the "
                  "original to the Watch Commander before the end of the shift."),
            ("p", "5.2 The Watch Commander shall review the document, decide whether it is "
                  "accompanied by a judicial warrant, and record the decision on Form TPD-212 "
                  "(Outside Agency Request Log)."),
            ("p", "5.3 Telephone calls from federal officers asking about a person's release "
                  "shall be transferred to the Watch Commander. Members receiving such a "
                  "call shall not confirm or deny that the person is in custody."),
            ("p", "5.4 Contract staff (medical, food service and commissary) shall refer any "
                  "question from a federal officer to the on-duty Corrections Lieutenant."),
            ("h", "6. Training"),
            ("p", "The Training Unit shall brief every member on this order within thirty "
                  "days of its issue and record attendance in the training management "
                  "system. Supervisors shall review the order at roll call."),
            ("h", "7. Records"),
            ("p", "Form TPD-212 entries are kept for three years after the last entry. This "
                  "order codifies the practice in place since the rescission of Corrections "
                  "Directive CD-15-04 on June 30, 2016."),
        ], on_topic=True, compress=True)


def go_16_11(c):
    b = c.b
    go = go_16_11_doc()
    b.file(CHIEF, "Documents/General Orders/2016/GO 16-11 Federal Civil Detainers.pdf", go, "pdf")
    b.file(DEPUTY, "Orders/GO 16-11 Federal Civil Detainers.pdf", go, "pdf")
    b.file(JAIL, "Directives/General Orders/GO 16-11.pdf", go, "pdf")
    b.file(TRAINING, "Lesson Plans/2016/GO 16-11 Federal Civil Detainers.pdf", go, "pdf")
    m = Mail("General Order 16-11 issued: federal civil detainers", c.t(2016, 11, 14, 8, 5),
             CHIEF, [ALL_SWORN], cc=[CORRECTIONS], on_topic=True, thread="T01-go-16-11",
             attachments=[Att("GO 16-11 Federal Civil Detainers.pdf", go, "pdf")],
             body="All,\n\nGeneral Order 16-11 is attached and takes effect today. In short: a "
                  "civil detainer is a request, not an order; we do not hold anyone on one; "
                  "and no one but the Watch Commander talks to the federal agency about a "
                  "person's release. Supervisors, please read it at roll call this week and "
                  "send acknowledgements to the Training Unit.\n\nChief Whitcombe\n")
    b.send(m)
    ack = Mail("RE: General Order 16-11 issued: federal civil detainers",
               c.t(2016, 11, 14, 15, 0), SERGEANT, [CHIEF], parent=m, on_topic=False,
               body="Read at C Squad roll call today; all 9 present acknowledged. Roster to "
                    "Training by Friday.\n\nSgt. Ferreira-Dunn\n")
    b.send(ack)


def legal_memo_detainers(c):
    b = c.b
    memo = Doc(
        "Confidential Legal Memorandum: Civil Detainer Requests and Fourth Amendment Exposure",
        D(2016, 12, 5, 11), "Miriam Achterberg", [
            ("p", PRIV_BANNER),
            ("p", "To: Chief Dana Whitcombe; Commander Priya Nandakumar. From: Miriam "
                  "Achterberg, Senior Deputy City Attorney. Re: Requests from the Department "
                  "of Homeland Security to hold persons in the City Detention Facility."),
            ("h", "Question presented"),
            ("p", "You asked whether General Order 16-11 adequately protects the City from "
                  "liability when the Corrections Division declines to hold persons on civil "
                  "detainers, and what staff may tell federal officers who ask about release "
                  "times."),
            ("h", "Short answer"),
            ("p", "Yes. Holding a person solely on a civil detainer is a new seizure that "
                  "needs probable cause and, in our view, a judicial warrant. Staff may "
                  "lawfully decline to share release times. The order should keep its "
                  "statement that nothing in it restricts the exchange of citizenship or "
                  "immigration status information, to avoid any conflict with 8 U.S.C. "
                  "1373."),
            ("h", "Advice on communications"),
            ("p", "We recommend that only the Watch Commander communicate with the federal "
                  "agency about a detainer, that every such contact be logged, and that line "
                  "staff be instructed to refer calls without confirming custody. Please "
                  "do not circulate this memorandum beyond command staff."),
        ], on_topic=True, privileged=True, basis=AC,
        note="legal advice on the directive; responsive but privileged: withhold and log")
    b.file(ATTORNEY, "Advice/2016/Memo - civil detainers and Fourth Amendment (2016-12-05).pdf",
           memo, "pdf")
    m = Mail("Privileged: civil detainer requests - legal memorandum", c.t(2016, 12, 5, 11, 20),
             ATTORNEY, [CHIEF, JAIL], privileged=True, basis=AC, on_topic=True,
             attachments=[Att("Legal memo - civil detainers (PRIVILEGED).pdf", memo, "pdf")],
             body=PRIV_BANNER + "\n\nChief, Commander,\n\nAttached is the memorandum you "
                  "asked for on detainer requests. The short version: the order is sound; "
                  "keep all federal agency contacts about detainers with the Watch "
                  "Commander and log them. Happy to discuss.\n\nMiriam Achterberg\nSenior "
                  "Deputy City Attorney\n", thread="T02-legal-memo")
    m.inbox_folder = "Legal"
    b.send(m)
    r = Mail("RE: Privileged: civil detainer requests - legal memorandum",
             c.t(2016, 12, 5, 16, 40), CHIEF, [ATTORNEY], cc=[JAIL], parent=m,
             privileged=True, basis=AC, on_topic=True,
             body=PRIV_BANNER + "\n\nThank you. Priya, please make sure your lieutenants "
                  "understand that the Watch Commander is the only point of contact, and "
                  "that line staff transfer those calls without saying whether the person "
                  "is here.\n\nDana\n")
    b.send(r)


def interim_corrections(c):
    b, v = c.b, c.v
    anum = v.a_number("hash")
    dob = v.dob("slash")
    bk = v.booking_no(16)
    m = Mail("Detainer paperwork - how we handle it starting tonight", c.t(2016, 12, 12, 17),
             JAIL, [CORRECTIONS], cc=[CORR_LT], on_topic=True,
             body="Team,\n\nStarting with tonight's shift: when a civil detainer or an "
                  "administrative warrant comes in from Homeland Security, scan it, put the "
                  "original in the Watch Commander's tray, and do not call the federal "
                  "officer back. If the officer calls asking when someone gets out, the "
                  "answer is: \"I can't help you with that, I'm transferring you to the "
                  "Watch Commander.\" That's it. No release times, no \"he's still here\".\n\n"
                  "Example from last night so you can see the form: booking %s, person "
                  "listed with %s, DOB %s. The form was logged and nobody called the agency "
                  "back, which is exactly right.\n\nCommander Nandakumar\n" % (bk, anum, dob))
    b.send(m)


def roll_calls(c):
    b, v = c.b, c.v
    notes = [
        (D(2016, 11, 17, 14, 45), True, "Roll call - C Squad - GO 16-11 briefing",
         ["Read GO 16-11 aloud. Key points: detainers are requests; no holds on them; "
          "transfer any call from a federal officer about release to the Watch Commander.",
          "Question from Ofc. Brandvold: can we tell an agent at a scene whether someone was "
          "arrested? Answer: no - refer them to the Watch Commander, who decides.",
          "Case %s (burglary, Alder St) still open; follow up with victim." % v.case_no(16)]),
        (D(2017, 1, 9, 14, 45), True, "Roll call - C Squad - reminders",
         ["Reminder per DC Castellano: we do not ask people about their status on traffic "
          "stops, and we do not call the federal agency from the field. If a federal agent "
          "asks for our CAD history or a copy of a report, refer them to Records.",
          "%s: Ofc. Halvorsen back from leave Monday." % v.badge(),
          "CAD event %s - repeat noise complaint, Birch Lane; extra patrol." % v.cad_event()]),
        (D(2017, 2, 20, 14, 45), False, "Roll call - C Squad - staffing",
         ["Two officers out on training Thursday; swing shift holdover approved.",
          "Unit 14 back from fleet; brakes done.",
          "Report %s needs supervisor approval before end of week." % v.report_no()]),
        (D(2017, 6, 5, 14, 45), False, "Roll call - C Squad - summer events",
         ["Farmers market closures start Saturday; two units for traffic control.",
          "National Night Out sign-up sheet is on the board.",
          "Evidence room closed Friday for inventory."]),
        (D(2017, 10, 2, 14, 45), True, "Roll call - C Squad - federal agents at scenes",
         ["If HSI or ERO agents show up at one of our scenes: be courteous, don't share our "
          "reports or CAD notes, and call me. We do not assist with civil enforcement. "
          "Criminal warrant assists only with the Watch Commander's approval.",
          "Case %s follow-up assigned to Ofc. Achebe-Lund." % v.case_no(17)]),
        (D(2018, 2, 12, 14, 45), False, "Roll call - C Squad - February",
         ["Presidents' Day holiday schedule posted.",
          "New radios arrive in March; training dates TBA.",
          "Date of last range qualification: %s." % v.incident_date(2017)]),
    ]
    for when, on_topic, title, items in notes:
        doc = Doc(title, when, "Luis Ferreira-Dunn",
                  [("p", "Date: %s. Sergeant L. Ferreira-Dunn." % when.strftime("%B %d, %Y"))]
                  + [("p", "- " + it) for it in items], on_topic=on_topic)
        b.file(SERGEANT, "Notes/Roll Call/%s roll call.txt" % when.strftime("%Y-%m-%d"), doc,
               "txt")


def records_procedure(c):
    b = c.b
    ru = Doc(
        "Records Unit Procedure RU-17-1: Releasing Records to Outside Agencies",
        D(2017, 2, 1, 9), "Helen Marsh-Ogun", [
            ("h", "Scope"),
            ("p", "This procedure applies to every request for reports, booking photographs, "
                  "criminal history or dispatch records from an agency outside the "
                  "Thistlewick Police Department, including federal agencies such as the "
                  "Department of Justice (the FBI, the U.S. Marshals Service, the DEA) and "
                  "the Department of Homeland Security."),
            ("h", "Verification"),
            ("p", "Verify the requester's identity by calling back the agency's published "
                  "main number. Never release records to a caller on the strength of a "
                  "badge number given over the phone."),
            ("h", "Requests from the Department of Homeland Security"),
            ("p", "Requests from Homeland Security components for booking information, "
                  "release dates or addresses of persons are not answered by Records staff. "
                  "Log the request on Form TPD-212 and route it to the Watch Commander. "
                  "Records may release a report to any federal agency in response to a "
                  "subpoena or court order after the City Attorney's Office has reviewed "
                  "it."),
            ("h", "Citizenship status"),
            ("p", "Records staff do not collect citizenship status. If a federal agency asks "
                  "whether the Department holds such information, refer the question to the "
                  "Records Unit Manager, who will answer it; nothing in this procedure "
                  "restricts that exchange (8 U.S.C. 1373)."),
        ], on_topic=True)
    b.file(RECORDS, "Procedures/RU-17-1 Releasing Records to Outside Agencies.txt", ru, "txt")
    m = Mail("New procedure RU-17-1: outside agency requests", c.t(2017, 2, 1, 9, 30), RECORDS,
             [RECORDS_UNIT], cc=[CLERK], on_topic=True,
             attachments=[Att("RU-17-1 Releasing Records to Outside Agencies.txt", ru, "txt")],
             body="Hi all,\n\nAttached is RU-17-1, effective today. The main change: any "
                  "request from a Homeland Security component for booking info, release "
                  "dates or addresses goes on the TPD-212 log and to the Watch Commander. "
                  "We don't answer those ourselves, even when the caller is polite and "
                  "in a hurry.\n\nHelen\n")
    b.send(m)


def go_17_03_doc(draft=False):
    blocks = [
        ("p", "Thistlewick Police Department. Effective March 6, 2017. Issued by Chief of "
              "Police Dana Whitcombe. Supersedes section 4 of General Order 16-11."),
        ("h", "1. Purpose"),
        ("p", "To tell members when and how they may communicate with federal immigration "
              "authorities, including U.S. Immigration and Customs Enforcement (ICE) and U.S. "
              "Customs and Border Protection (CBP), and with the Department of Justice about "
              "immigration enforcement."),
        ("h", "2. Policy"),
        ("p", "The Department's mission is local public safety. Members shall not stop, "
              "question, detain or arrest any person solely to determine his or her "
              "immigration status, and shall not ask a person about immigration status "
              "unless it is an element of a crime under investigation."),
        ("p", "Members shall not initiate contact with ICE about a person for the purpose of "
              "civil immigration enforcement. Members shall not give ICE access to interview "
              "rooms, holding cells or the booking area, and shall not notify ICE of a "
              "person's release, unless ICE presents a judicial warrant."),
        ("h", "3. Information sharing (8 U.S.C. 1373)"),
        ("p", "Nothing in this order prohibits or in any way restricts any member from "
              "sending to, or receiving from, ICE or any other federal agency information "
              "regarding the citizenship or immigration status, lawful or unlawful, of any "
              "individual, or from maintaining or exchanging such information."),
        ("h", "4. Requests from ICE or CBP"),
        ("p", "4.1 Requests in person, by telephone or in writing are referred to the Watch "
              "Commander, who shall log them on Form TPD-212 and notify the Office of the "
              "Chief by the next business day."),
        ("p", "4.2 The Watch Commander may confirm that a person is in custody when the "
              "request is accompanied by a judicial warrant or a court order."),
        ("h", "5. Joint operations"),
        ("p", "Members may take part in joint criminal task forces with federal agencies "
              "with the Deputy Chief's approval. Members shall not take part in operations "
              "whose purpose is civil immigration enforcement."),
        ("h", "6. Contract employees"),
        ("p", "This order applies to contract employees working in Department facilities. "
              "The Corrections Division Commander shall give a copy to each contractor's "
              "site supervisor."),
        ("h", "7. Training"),
        ("p", "The Training Unit shall brief all members within thirty days and include this "
              "order in the academy's field training program."),
    ]
    if draft:
        blocks = [("p", "DRAFT FOR LEGAL REVIEW - NOT FOR DISTRIBUTION")] + blocks
        return Doc("General Order 17-03 (draft for legal review): Communication with Federal "
                   "Immigration Authorities", D(2017, 2, 6, 10), "Dana Whitcombe", blocks,
                   on_topic=True, privileged=True, basis=AC,
                   note="draft sent to counsel for advice")
    return Doc("General Order 17-03: Communication with Federal Immigration Authorities",
               D(2017, 3, 6, 8), "Dana Whitcombe", blocks, on_topic=True)


def go_17_03(c):
    b = c.b
    draft = go_17_03_doc(draft=True)
    m1 = Mail("Privileged - draft GO 17-03 for your review", c.t(2017, 2, 6, 10, 15), CHIEF,
              [ATTORNEY], on_topic=True, privileged=True, basis=AC, thread="T03-go-17-03-review",
              attachments=[Att("GO 17-03 draft for legal review.pdf", draft, "pdf")],
              body="Miriam,\n\nAttached is a draft of GO 17-03. I want to make sure section 3 "
                   "is enough on 1373 and that section 2 doesn't go further than we can "
                   "defend. Can you review and send advice by Friday?\n\nDana\n")
    b.send(m1)
    m2 = Mail("RE: Privileged - draft GO 17-03 for your review", c.t(2017, 2, 9, 16), ATTORNEY,
              [CHIEF], cc=[ASST_ATTORNEY], parent=m1, on_topic=True, privileged=True, basis=AC,
              body=PRIV_BANNER + "\n\nDana,\n\nMy advice:\n\n1. Section 3 tracks the "
                   "statute; keep it word for word.\n2. In section 2, \"shall not notify "
                   "ICE of a person's release\" is lawful, but add \"unless ICE presents a "
                   "judicial warrant\" so the order is not read to bar all communication.\n"
                   "3. Section 4.1 should say who may speak to ICE: only the Watch "
                   "Commander. That keeps line staff out of it.\n\nMiriam\n")
    m2.inbox_folder = "Legal"
    b.send(m2)
    m3 = Mail("RE: Privileged - draft GO 17-03 for your review", c.t(2017, 2, 9, 17, 5), CHIEF,
              [ATTORNEY], parent=m2, on_topic=True, privileged=True, basis=AC,
              body="Thanks - all three changes made. Final goes out March 6.\n\nDana\n")
    b.send(m3)

    go = go_17_03_doc()
    for owner, path in ((CHIEF, "Documents/General Orders/2017/GO 17-03 Communication with "
                                "Federal Immigration Authorities.pdf"),
                        (DEPUTY, "Orders/GO 17-03.pdf"),
                        (SERGEANT, "Reference/GO 17-03.pdf"),
                        (JAIL, "Directives/General Orders/GO 17-03.pdf")):
        b.file(owner, path, go, "pdf")
    dist = Mail("General Order 17-03 - Communication with Federal Immigration Authorities",
                c.t(2017, 3, 6, 8, 0), CHIEF, [ALL_SWORN], cc=[CORRECTIONS, RECORDS, PIO,
                                                             ATTORNEY],
                on_topic=True, thread="T04-go-17-03",
                note="copies an attorney; not privileged",
                attachments=[Att("GO 17-03.pdf", go, "pdf")],
                body="All personnel,\n\nGO 17-03 is attached and effective today. It replaces "
                     "section 4 of GO 16-11. Please read all of it; the short version is:\n\n"
                     "- Do not ask about immigration status.\n"
                     "- Do not contact ICE for civil enforcement, and do not notify ICE of "
                     "releases without a judicial warrant.\n"
                     "- Anyone may share citizenship or immigration status information with "
                     "federal authorities (8 U.S.C. 1373); we simply do not collect it.\n"
                     "- All ICE and CBP requests go to the Watch Commander.\n\n"
                     "Acknowledge by replying to the Training Unit by March 20.\n\n"
                     "Chief Dana Whitcombe\n")
    b.send(dist)
    q = Mail("RE: General Order 17-03 - Communication with Federal Immigration Authorities",
             c.t(2017, 3, 6, 11, 30), SERGEANT, [CHIEF], cc=[DEPUTY], parent=dist, on_topic=True,
             body="Chief, one question from my squad: if a federal agent at a collision "
                  "scene asks for the driver's name, do we give it? Several of them think "
                  "4.1 only covers requests made at the station.\n\nLuis\n")
    b.send(q)
    a = Mail("RE: General Order 17-03 - Communication with Federal Immigration Authorities",
             c.t(2017, 3, 6, 15, 10), DEPUTY, [SERGEANT], cc=[CHIEF], parent=q, on_topic=True,
             body="Luis, 4.1 covers requests anywhere. At a scene: give the agent the Watch "
                  "Commander's number and nothing else. If it's a criminal matter with a "
                  "warrant, the Watch Commander will sort it out. Please pass that on.\n\n"
                  "DC Castellano\n")
    b.send(a)
    a2 = Mail("RE: General Order 17-03 - Communication with Federal Immigration Authorities",
              c.t(2017, 3, 6, 16, 0), SERGEANT, [SQUAD_C], cc=[DEPUTY], parent=a, on_topic=True,
              body="Squad - see below from DC Castellano. At any scene, federal agents get "
                   "the Watch Commander's number, nothing else.\n\nSgt. F-D\n")
    b.send(a2)


def detainer_thread(c):
    b, v = c.b, c.v
    anum = v.a_number("dash")
    dob = v.dob("slash")
    bk = v.booking_no()
    case = v.case_no()
    m1 = Mail("Detainer received - booking " + bk, c.t(2017, 3, 14, 2, 10), BOOKING, [JAIL],
              cc=[CORR_LT], on_topic=False, thread="T05-detainer",
              note="a report of a request; the replies give the instructions",
              body="Commander,\n\nA DHS detainer (I-247A) came in by fax at 01:40 for the "
                   "person booked under %s on case %s. Listed on the form: %s, DOB %s. No "
                   "warrant attached. An officer called at 01:55 asking for the release time. "
                   "I told him I'd pass it on. What should I do?\n\nCO Reyes-Kolb\nBooking\n"
                   % (bk, case, anum, dob))
    b.send(m1)
    m2 = Mail("RE: Detainer received - booking " + bk, c.t(2017, 3, 14, 7, 30), JAIL,
              [BOOKING], cc=[CORR_LT], parent=m1, on_topic=True,
              body="Tamsin,\n\nYou did the right thing by not giving a time. Under GO 16-11 "
                   "and GO 17-03: scan the form, log it on TPD-212, and transfer any further "
                   "calls to the Watch Commander. Don't call the officer back yourself. "
                   "I'm checking with the Chief on one point.\n\nCmdr. Nandakumar\n")
    b.send(m2)
    m3 = Mail("FW: Detainer received - booking " + bk, c.t(2017, 3, 14, 7, 45), JAIL, [CHIEF],
              cc=[DEPUTY], parent=m2, forward=True, on_topic=True,
              body="Chief - the federal officer is now asking whether he can come to the "
                   "sally port at release. Under 17-03 I think the answer is no without a "
                   "judicial warrant. Agree?\n\nPriya\n")
    b.send(m3)
    m4 = Mail("RE: FW: Detainer received - booking " + bk, c.t(2017, 3, 14, 9, 0), CHIEF,
              [JAIL], cc=[DEPUTY], parent=m3, on_topic=True,
              body="Agree. No access to the sally port, no release time, no call back. The "
                   "Watch Commander can tell him that we do not honor civil detainers and "
                   "that any judicial warrant should be presented at the front desk.\n\n"
                   "Dana\n")
    b.send(m4)
    m5 = Mail("RE: FW: Detainer received - booking " + bk, c.t(2017, 3, 14, 9, 40), DEPUTY,
              [CHIEF, JAIL], parent=m4, on_topic=True,
              body="Same rule for patrol: if that officer turns up at a scene asking about "
                   "this person, my folks will send him to the Watch Commander.\n\nRay\n")
    b.send(m5)
    # branch: the jail commander forwards the chief's answer to her staff, with a new
    # attachment (the one-page desk card)
    card = Doc("Desk Card: Calls from Federal Officers About Releases", D(2017, 3, 14, 10),
               "Priya Nandakumar", [
                   ("p", "If a federal officer calls about a person in custody or a release "
                         "time:"),
                   ("p", "1. Do not confirm or deny that the person is here. 2. Say: \"I'm "
                         "transferring you to the Watch Commander.\" 3. Transfer the call. "
                         "4. Note the call on the TPD-212 log with the time and the "
                         "officer's name and agency."),
                   ("p", "Tape this card next to every booking and control-room phone."),
               ], on_topic=True)
    m6 = Mail("FW: Detainer received - booking " + bk + " (desk card attached)",
              c.t(2017, 3, 14, 10, 20), JAIL, [CORRECTIONS], cc=[BOOKING, CORR_LT], parent=m4,
              forward=True, on_topic=True,
              attachments=[Att("Desk card - federal officer calls.pdf", card, "pdf")],
              body="Corrections staff - see the Chief's answer below. The attached desk card "
                   "goes next to every phone in booking and control. Federal officers asking "
                   "about releases get transferred to the Watch Commander, full stop.\n\n"
                   "Cmdr. Nandakumar\n")
    b.send(m6)
    m7 = Mail("RE: FW: Detainer received - booking " + bk + " (desk card attached)",
              c.t(2017, 3, 14, 12, 0), CORR_LT, [JAIL], parent=m6, on_topic=False,
              body="Cards printed and posted in booking, control and the visitor lobby.\n\n"
                   "Lt. Oyelaran\n")
    b.send(m7)
    m8 = Mail("RE: FW: Detainer received - booking " + bk + " (desk card attached)",
              c.t(2017, 3, 15, 8, 0), JAIL, [CORR_LT], parent=m7, on_topic=False,
              body="Thanks Marcus.\n\nPriya\n")
    b.send(m8)


def contract_staff(c):
    b = c.b
    memo = Doc(
        "Memorandum: Federal Agency Inquiries - Guidance for Contract Medical Staff",
        D(2017, 4, 18, 13), "Priya Nandakumar", [
            ("p", "To: Meridale Health Services staff assigned to the City Detention "
                  "Facility. From: Commander Priya Nandakumar, Corrections Division."),
            ("p", "As contract employees working in a Department facility, you are covered by "
                  "the Department's orders on communication with federal agencies."),
            ("h", "What to do"),
            ("p", "If anyone from Homeland Security, or anyone saying they act for a federal "
                  "agency, asks you about a patient's identity, custody status, release date, "
                  "medical appointments or transport schedule, do not answer. Tell them you "
                  "are not able to discuss patients and refer them to the on-duty "
                  "Corrections Lieutenant."),
            ("p", "Do not place calls to the federal agency about a patient, and do not leave "
                  "patient schedules where visitors can see them."),
            ("h", "Medical information"),
            ("p", "Your duties under medical privacy law are unchanged. This memorandum adds "
                  "to them; it does not replace them."),
            ("p", "Questions: Corrections Division office, internal extension 2000."),
        ], on_topic=True)
    b.file(JAIL, "Directives/Contract Staff/Memo to Meridale staff 2017-04-18.pdf", memo, "pdf")
    m = Mail("Guidance for your staff - federal agency inquiries", c.t(2017, 4, 18, 13, 30),
             JAIL, [NURSE], cc=[CORR_LT], on_topic=True,
             attachments=[Att("Memo to Meridale staff 2017-04-18.pdf", memo, "pdf")],
             body="Nadia,\n\nPlease share the attached memorandum with every Meridale nurse "
                  "and medical assistant who works shifts here, and have them sign the "
                  "acknowledgement sheet at the nurses' station. The key point: no one on "
                  "your team answers questions from a federal agency about our patients; they "
                  "refer the person to the on-duty Corrections Lieutenant.\n\nThanks,\n"
                  "Priya Nandakumar\nJail Commander\n")
    b.send(m)


def cd_17_02(c):
    b = c.b
    cd = Doc(
        "Corrections Directive CD-17-02: Release Date and Time Notifications to Federal Agencies",
        D(2017, 5, 2, 8), "Priya Nandakumar", [
            ("h", "1. Applies to"),
            ("p", "All Corrections Division staff, Watch Commanders and contract staff at the "
                  "City Detention Facility."),
            ("h", "2. Rule"),
            ("p", "Staff shall not provide a person's release date or release time to CBP, "
                  "to ERO or to any other federal agency by telephone, email, fax or in "
                  "person, unless the request is accompanied by a warrant signed by a judge "
                  "or by a court order. This includes informal courtesy calls."),
            ("h", "3. How to respond"),
            ("p", "Say: \"I am not able to provide that information. Please contact the "
                  "Watch Commander.\" Transfer calls. Hand written requests to the Watch "
                  "Commander, who logs them on Form TPD-212."),
            ("h", "4. Releases"),
            ("p", "Persons are released at the time they would be released in the ordinary "
                  "course, through the public lobby. Staff shall not delay a release to "
                  "allow a federal officer to arrive."),
            ("h", "5. Citizenship information"),
            ("p", "This directive does not restrict any member from sending to or receiving "
                  "from a federal agency information about the citizenship status of any "
                  "individual."),
        ], on_topic=True)
    b.file(JAIL, "Directives/Corrections/CD-17-02 Release notifications.pdf", cd, "pdf")
    b.file(CHIEF, "Documents/Corrections Directives/CD-17-02.pdf", cd, "pdf")
    m = Mail("CD-17-02 effective today - release notifications", c.t(2017, 5, 2, 8, 10), JAIL,
             [CORRECTIONS], cc=[CHIEF, WATCH_CMDR], on_topic=True,
             attachments=[Att("CD-17-02 Release notifications.pdf", cd, "pdf")],
             body="Corrections staff,\n\nCD-17-02 is attached and effective today. It puts "
                  "the desk-card rule in writing: no release dates or times to CBP, ERO or "
                  "any federal agency without a judicial warrant or court order, and no "
                  "delaying a release so that someone can get here. Please read it before "
                  "your next shift.\n\nCmdr. Nandakumar\n")
    b.send(m)


def scene_thread(c):
    b, v = c.b, c.v
    case = v.case_no()
    m1 = Mail("Federal agents at the Elm Street call last night", c.t(2017, 5, 22, 7, 15),
              SERGEANT, [DEPUTY], thread="T06-elm-street", on_topic=False,
              body="DC,\n\nFYI: during the domestic call at Elm St (case %s) two plain-clothes "
                   "agents identifying themselves as HSI arrived and asked Ofc. Halvorsen for "
                   "the names of everyone in the house. He declined and gave them the Watch "
                   "Commander's number. They were not happy. Was that right?\n\nLuis\n" % case)
    b.send(m1)
    m2 = Mail("RE: Federal agents at the Elm Street call last night", c.t(2017, 5, 22, 8, 40),
              DEPUTY, [SERGEANT], cc=[CHIEF], parent=m1, on_topic=True,
              body="Yes, exactly right, and thank Halvorsen for me. Our people don't hand "
                   "names from a scene to another agency's agents. If they have a criminal "
                   "warrant, the Watch Commander deals with it.\n\nChief, copying you in case "
                   "you get a call.\n\nRay\n")
    b.send(m2)
    m3 = Mail("RE: Federal agents at the Elm Street call last night", c.t(2017, 5, 22, 10, 5),
              CHIEF, [DEPUTY, SERGEANT], parent=m2, on_topic=True,
              body="Agreed. Please make this a roll-call item for every squad this week: at "
                   "our scenes we don't assist federal agents with civil enforcement and we "
                   "don't share information from the call with them. Any request goes to the "
                   "Watch Commander.\n\nDana\n")
    b.send(m3)
    m4 = Mail("RE: Federal agents at the Elm Street call last night", c.t(2017, 5, 22, 10, 30),
              SERGEANT, [CHIEF, DEPUTY], parent=m3, on_topic=False,
              body="Will do - on the roll-call list for all squads tonight.\n\nLuis\n")
    b.send(m4)
    # branch: the chief loops in the PIO from message 3
    m5 = Mail("RE: Federal agents at the Elm Street call last night", c.t(2017, 5, 22, 10, 50),
              CHIEF, [PIO], cc=[DEPUTY], parent=m3, on_topic=False,
              body="Jordan - heads up in case a reporter asks about federal agents on Elm "
                   "Street. Short answer: our officers followed policy. Don't speculate about "
                   "the federal agency's operation.\n\nDana\n")
    b.send(m5)
    m6 = Mail("RE: Federal agents at the Elm Street call last night", c.t(2017, 5, 22, 11, 20),
              PIO, [CHIEF], parent=m5, on_topic=False, html_alt=True,
              body="Understood. I'll use the standing talking points if anyone calls.\n\n"
                   "Jordan Ellery\nPublic Information Officer\n")
    b.send(m6)

    tp = Doc(
        "Talking Points: The Department's Role in Federal Civil Enforcement", D(2017, 2, 27, 12),
        "Jordan Ellery", [
            ("p", "For use by command staff and the PIO with the media and the public."),
            ("p", "Our officers enforce state and local criminal law. They do not enforce "
                  "federal civil law and do not ask about anyone's status."),
            ("p", "Instruction to staff: members who are approached by federal agents or by "
                  "the media about a federal operation shall not discuss the operation, "
                  "shall not share information from our calls with the agents, and shall "
                  "refer the agents to the Watch Commander and the media to the PIO."),
            ("p", "We cooperate fully with federal partners on criminal investigations "
                  "through the proper channels."),
        ], on_topic=True)
    b.file(PIO, "Talking Points/2017-02-27 Federal civil enforcement.html", tp, "html")


def tb_17_05(c):
    b = c.b
    tb = Doc(
        "Training Bulletin 17-05: Field Contacts with Homeland Security Personnel",
        D(2017, 6, 12, 9), "Tobias Lindqvist", [
            ("p", "Training Unit. Issued June 12, 2017. Read at roll call; keep for reference."),
            ("h", "Why this bulletin"),
            ("p", "Officers have asked what to do when agents of Homeland Security Investigations "
                  "(HSI), Enforcement and Removal Operations (ERO) or the Border Patrol arrive "
                  "at one of our scenes or ask for our help."),
            ("h", "Scenario 1: an agent asks for names at a scene"),
            ("p", "Do not provide names, dates of birth, addresses or other information "
                  "gathered on the call. Give the agent the Watch Commander's number."),
            ("h", "Scenario 2: an agent asks for a cover unit on an arrest"),
            ("p", "Call the Watch Commander. A cover unit may be provided for officer safety "
                  "on a criminal warrant; not for a civil arrest by the federal agency."),
            ("h", "Scenario 3: a person asks whether you will report them"),
            ("p", "Say that our officers do not report people to the federal agency for "
                  "civil matters, and that you are there about the call."),
            ("h", "What does not change"),
            ("p", "Any member may send to or receive from a federal agency information about "
                  "a person's citizenship status (8 U.S.C. 1373). We simply do not collect it "
                  "on our calls."),
            ("p", "Review questions are in the quiz that accompanies this bulletin."),
        ], on_topic=True)
    b.file(TRAINING, "Bulletins/2017/TB 17-05 Field Contacts with Homeland Security Personnel.html",
           tb, "html")
    quiz = Doc("TB 17-05 Review Quiz", D(2017, 6, 12, 9), "Tobias Lindqvist", [
        ("p", "1. An HSI agent at a collision scene asks for the driver's name. What do you do?"),
        ("p", "2. Who decides whether a cover unit is sent for a federal arrest?"),
        ("p", "3. True or false: GO 17-03 stops you from telling a federal agency someone's "
              "citizenship status if you happen to know it."),
        ("p", "Answers: 1. Give the Watch Commander's number. 2. The Watch Commander. 3. False."),
    ], on_topic=True)
    b.zipfile(TRAINING, "Training Packets/TB-17-05 packet.zip", [
        ("TB 17-05.html", tb, "html"),
        ("TB 17-05 quiz.txt", quiz, "txt"),
    ], D(2017, 6, 12, 9))
    m = Mail("Training Bulletin 17-05 - field contacts with federal agents",
             c.t(2017, 6, 12, 9, 30), TRAINING, [ALL_SWORN], on_topic=True,
             attachments=[Att("TB 17-05.html", tb, "html"), Att("TB 17-05 quiz.txt", quiz, "txt")],
             body="All,\n\nTB 17-05 and its quiz are attached. Supervisors: read it at roll "
                  "call this week and return quiz sheets to the Training Unit by June 30.\n\n"
                  "Sgt. Lindqvist\nTraining Unit\n")
    b.send(m)


def so_17_09(c):
    b = c.b
    base = [
        ("p", "Thistlewick Police Department - Special Order 17-09. Applies to all sworn "
              "members, Records Unit staff and Corrections Division staff."),
        ("h", "1. Requests covered"),
        ("p", "This order covers any request from a federal agent, whether from Homeland "
              "Security, the Department of Justice or another federal agency, for "
              "information the Department holds about a person: reports, booking data, "
              "photographs, addresses, release dates or dispatch records."),
        ("h", "2. Who answers"),
        ("p", "Members who receive such a request shall not answer it themselves. Members "
              "shall refer it to the Watch Commander (after hours) or to the Records Unit "
              "Manager (business hours), who shall log it on Form TPD-212."),
        ("h", "3. What may be released"),
        ("p", "Reports and records may be released to a federal agency for a criminal "
              "investigation under the usual rules for outside agencies (RU-17-1). Release "
              "dates and times are not released without a judicial warrant or court order "
              "(CD-17-02)."),
        ("h", "4. Citizenship status"),
        ("p", "Nothing in this order restricts the exchange of citizenship status information "
              "with any federal agency."),
    ]
    drafts = []
    dates = [D(2017, 7, 10, 15), D(2017, 7, 17, 11), D(2017, 7, 24, 16), D(2017, 8, 1, 10),
             D(2017, 8, 14, 14)]
    versions = [list(base)]

    def edit(blocks, i, old, new):
        out = list(blocks)
        assert old in out[i][1], (i, old)
        out[i] = (out[i][0], out[i][1].replace(old, new))
        return out

    # v2: one word changed
    versions.append(edit(versions[-1], 4, "shall not answer it themselves",
                         "must not answer it themselves"))
    # v3: a paragraph added to section 2
    v3 = list(versions[-1])
    v3.insert(5, ("p", "A request made in the field, at a scene or by telephone is covered in "
                       "the same way as a written request. Members shall not confirm whether "
                       "a person is in custody."))
    versions.append(v3)
    # v4: one word changed
    versions.append(edit(v3, 2, "any request from a federal agent",
                         "every request from a federal agent"))
    # v5: one paragraph rewritten (section 3)
    v5 = list(versions[-1])
    assert v5[7][1].startswith("Reports and records")
    v5[7] = ("p", "Reports may be released to a federal agency for a criminal investigation "
                  "under RU-17-1 after the Records Unit Manager verifies the request. Release "
                  "dates and times are never released without a judicial warrant or a court "
                  "order (CD-17-02), and the Watch Commander decides whether a warrant is "
                  "judicial.")
    versions.append(v5)
    assert len({tuple(x) for x in versions}) == 5
    first = None
    for i, (blocks, when) in enumerate(zip(versions, dates), 1):
        d = Doc("Special Order 17-09 (Draft v%d): Requests for Information from Federal "
                "Agencies" % i, when, "Raymond Castellano",
                [("p", "DRAFT v%d - %s - for command staff review" % (
                    i, when.strftime("%B %d, %Y")))] + blocks,
                on_topic=True, near_of=first,
                note="draft of SO 17-09" + ("" if first is None else "; near-duplicate of v1"))
        if first is None:
            first = d
        drafts.append(d)
        b.file(DEPUTY, "Documents/Drafts/Special Order 17-09/SO 17-09 draft v%d.pdf" % i, d,
               "pdf")
    # v3 went to counsel: the same bytes, privileged as part of a request for advice
    m1 = Mail("Privileged - SO 17-09 draft v3, request for legal advice",
              c.t(2017, 7, 24, 16, 30), DEPUTY, [ATTORNEY], on_topic=True, privileged=True,
              basis=AC, thread="T07-so-17-09-review",
              attachments=[Att("SO 17-09 draft v3.pdf", drafts[2], "pdf", privileged=True,
                               basis=AC)],
              body="Miriam,\n\nDraft v3 of SO 17-09 attached. Two questions: can we refuse a "
                   "federal agent's request for a report at a scene, and does section 4 "
                   "satisfy 1373? Your advice before we finalize, please.\n\nRay Castellano\n")
    b.send(m1)
    m2 = Mail("RE: Privileged - SO 17-09 draft v3, request for legal advice",
              c.t(2017, 7, 28, 12), ATTORNEY, [DEPUTY], parent=m1, on_topic=True,
              privileged=True, basis=AC,
              body=PRIV_BANNER + "\n\nRay,\n\n1. Yes: members may decline and refer the "
                   "request; nothing obliges an officer to hand over a report at a scene.\n"
                   "2. Section 4 is adequate. I suggest you also cross-reference RU-17-1 so "
                   "that the release of reports follows one procedure.\n\nMiriam\n")
    b.send(m2)
    final = Doc("Special Order 17-09: Requests for Information from Federal Agencies",
                D(2017, 8, 21, 8), "Raymond Castellano",
                [("p", "Effective August 21, 2017.")] + versions[-1], on_topic=True,
                near_of=first, note="final version; near-duplicate of the drafts")
    b.file(CHIEF, "Documents/Special Orders/SO 17-09.pdf", final, "pdf")
    b.file(RECORDS, "Procedures/Orders/SO 17-09.pdf", final, "pdf")
    m = Mail("Special Order 17-09 - requests for information from federal agencies",
             c.t(2017, 8, 21, 8, 15), DEPUTY, [ALL_SWORN], cc=[RECORDS_UNIT, CORRECTIONS],
             on_topic=True, attachments=[Att("SO 17-09.pdf", final, "pdf")],
             body="All,\n\nSO 17-09 is attached and effective today. Any federal agent's "
                  "request for information about a person - at a scene, by phone or in "
                  "writing - goes to the Watch Commander or the Records Unit Manager. Please "
                  "don't answer those requests yourself.\n\nDeputy Chief Castellano\n")
    b.send(m)


def tb_17_07(c):
    b = c.b
    blocks = [
        ("p", "Training Unit. Issued September 18, 2017."),
        ("h", "The statute"),
        ("p", "8 U.S.C. 1373 says that a local government may not prohibit or restrict its "
              "officials from sending to, or receiving from, federal immigration authorities "
              "information regarding the citizenship or immigration status of any "
              "individual."),
        ("h", "What it means for you"),
        ("p", "You may share a person's citizenship or immigration status with federal "
              "authorities if you know it, and no supervisor may tell you otherwise. In "
              "practice our officers do not ask about or record status, so you will rarely "
              "know it."),
        ("h", "What it does not mean"),
        ("p", "The statute is about status information. It does not require you to give ICE "
              "release dates, addresses, names from a scene or access to our facilities. "
              "Those remain governed by GO 17-03, CD-17-02 and SO 17-09: refer those "
              "requests to the Watch Commander."),
        ("h", "Check your understanding"),
        ("p", "An ICE officer calls and asks when a person will be released. Answer: refer "
              "the call to the Watch Commander; do not give the time."),
    ]
    draft = Doc("Training Bulletin 17-07 (draft for legal review): 8 U.S.C. 1373 and What It "
                "Means for You", D(2017, 9, 8, 10), "Tobias Lindqvist",
                [("p", "DRAFT - for review by the City Attorney's Office")] + blocks,
                on_topic=True, privileged=True, basis=AC, note="draft sent to counsel")
    m1 = Mail("Privileged: TB 17-07 draft - please review", c.t(2017, 9, 8, 10, 30), TRAINING,
              [ATTORNEY], on_topic=True, privileged=True, basis=AC, thread="T08-tb-17-07",
              attachments=[Att("TB 17-07 draft.txt", draft, "txt")],
              body="Ms. Achterberg,\n\nThe Chief asked me to run TB 17-07 past you before it "
                   "goes out. Draft attached. Is the \"what it does not mean\" section "
                   "accurate?\n\nSgt. Tobias Lindqvist\n")
    b.send(m1)
    m2 = Mail("RE: Privileged: TB 17-07 draft - please review", c.t(2017, 9, 10, 15), ATTORNEY,
              [TRAINING], cc=[CHIEF], parent=m1, on_topic=True, privileged=True, basis=AC,
              body=PRIV_BANNER + "\n\nSergeant,\n\nThe section is accurate. Two edits: say "
                   "\"federal immigration authorities\" rather than only ICE in the statute "
                   "paragraph, and keep the referral to the Watch Commander as the single "
                   "instruction at the end. Otherwise fine to issue.\n\nMiriam Achterberg\n")
    b.send(m2)

    tb = Doc("Training Bulletin 17-07: 8 U.S.C. 1373 and What It Means for You",
             D(2017, 9, 18, 9), "Tobias Lindqvist", blocks, on_topic=True)
    tb_txt = Doc(tb.title, tb.date, tb.author, blocks, on_topic=True, near_of=tb,
                 note="text copy of the PDF bulletin")
    b.file(TRAINING, "Bulletins/2017/TB 17-07 1373.pdf", tb, "pdf")
    b.file(TRAINING, "Bulletins/2017/TB 17-07 1373.txt", tb_txt, "txt")
    b.file(SERGEANT, "Reference/TB 17-07 1373.pdf", tb, "pdf")
    m = Mail("1373 training module - packet attached (zip)", c.t(2017, 9, 18, 9, 30), TRAINING,
             [ALL_SWORN], on_topic=True,
             attachments=[Att("1373-module.zip", zip_entries=[("TB 17-07 1373.pdf", tb, "pdf")])],
             body="All,\n\nThe 8 U.S.C. 1373 refresher is in the attached zip (TB 17-07). "
                  "Everyone completes it by October 15. The one-line summary: you may share "
                  "status information, but requests for release dates, names or access still "
                  "go to the Watch Commander.\n\nSgt. Lindqvist\n")
    b.send(m)


def later_2017(c):
    b, v = c.b, c.v
    # work product, off topic: anticipated litigation over grant conditions
    hold = Mail("Attorney Work Product - litigation hold: grant conditions",
                c.t(2017, 10, 16, 14), ATTORNEY, [CHIEF, RECORDS], cc=[ASST_ATTORNEY],
                privileged=True, basis=ACWP, on_topic=False, thread="T09-lit-hold",
                note="privileged but not on the demand's subject",
                body=WP_BANNER + "\n\nThe City anticipates litigation with the federal "
                     "government over conditions attached to its justice assistance grants. "
                     "Please preserve all records, including email, about the grant "
                     "applications, the grant conditions and the Department's orders on "
                     "communication with federal agencies. Do not delete anything in these "
                     "categories until I tell you in writing.\n\nMiriam Achterberg\n")
    hold.inbox_folder = "Legal"
    b.send(hold)
    ack = Mail("RE: Attorney Work Product - litigation hold: grant conditions",
               c.t(2017, 10, 16, 15, 10), RECORDS, [ATTORNEY], parent=hold, privileged=True,
               basis=AC, on_topic=False,
               body="Received. Auto-deletion is suspended for the Records Unit shares and "
                    "the Chief's mailbox as of this afternoon.\n\nHelen\n")
    b.send(ack)

    caller = v.phone("dash")
    m = Mail("Caller claiming to be from Homeland Security - what to do",
             c.t(2017, 11, 8, 10, 45), RECORDS, [RECORDS_UNIT], cc=[CLERK], on_topic=True,
             thread="T10-caller",
             body="Team,\n\nPauline took a call this morning from someone saying he was with "
                  "Homeland Security, asking for the home address and booking photo of a "
                  "man arrested last week. He gave a callback number of %s, which is not "
                  "the agency's published number.\n\nReminder of the rule (RU-17-1 and SO "
                  "17-09): we do not give addresses, photos or release information to "
                  "anyone on the phone. Log it on TPD-212, send it to the Watch Commander, "
                  "and verify any agency by calling its published main number.\n\nHelen\n"
                  % caller)
    b.send(m)
    r = Mail("RE: Caller claiming to be from Homeland Security - what to do",
             c.t(2017, 11, 8, 11, 20), CLERK, [RECORDS], parent=m, on_topic=False,
             body="Logged as entry 41 on this month's TPD-212 and sent to Lt. Sorensen.\n\n"
                  "Pauline\n")
    b.send(r)

    s = Mail("Reminder for C Squad - status questions and federal requests",
             c.t(2017, 12, 4, 14, 30), SERGEANT, [SQUAD_C], cc=[DEPUTY], on_topic=True,
             body="Squad,\n\nQuick reminder before the holidays:\n\n- We don't ask anyone "
                  "where they were born or about their papers.\n- If the federal agency "
                  "(any of them: HSI, ERO, Border Patrol) asks you for a name, a report or "
                  "a cover unit, the answer is \"call the Watch Commander\".\n- If you're "
                  "not sure, call me.\n\nSgt. Ferreira-Dunn\n")
    b.send(s)


def demand_2018(c):
    b = c.b
    m1 = Mail("Privileged & Confidential: BJA document demand - collection instructions",
              c.t(2018, 1, 26, 9, 0), ATTORNEY, [CHIEF, RECORDS, JAIL, TRAINING],
              cc=[ASST_ATTORNEY, CITY_MANAGER], on_topic=True, privileged=True, basis=ACWP,
              thread="T11-demand-response",
              note="instructs staff how to communicate with DOJ about the demand; after the "
                   "timeframe",
              body=PRIV_BANNER + "\n\nAll,\n\nOn January 24 the City received a letter from "
                   "the Bureau of Justice Assistance demanding, by February 23, all orders, "
                   "directives, instructions or guidance to our law enforcement employees "
                   "about communicating with the Department of Justice, the Department of "
                   "Homeland Security or ICE, for our FY2016 grant (a fictional grant "
                   "number is used in this example).\n\nInstructions:\n1. Do not contact "
                   "the Department of Justice or any federal agency about the letter; all "
                   "communication with DOJ about it goes through this office.\n2. Preserve "
                   "everything; the October litigation hold still applies.\n3. Send me, by "
                   "February 2, every general order, special order, directive, bulletin, "
                   "memo and email in which anyone told staff how to deal with federal "
                   "agencies.\n\nMiriam Achterberg\n")
    m1.inbox_folder = "Legal"
    b.send(m1)
    m2 = Mail("RE: Privileged & Confidential: BJA document demand - collection instructions",
              c.t(2018, 1, 29, 16), RECORDS, [ATTORNEY], parent=m1, on_topic=False,
              privileged=True, basis=AC,
              body="Miriam,\n\nRecords Unit items are in the share you set up: RU-17-1, SO "
                   "17-09, the 2015 procedures archive and the TPD-212 logs. Do you want the "
                   "logs? They contain names and dates of birth.\n\nHelen\n")
    b.send(m2)
    draft_blocks = [
        ("p", WP_BANNER),
        ("p", "DRAFT RESPONSE TO THE BUREAU OF JUSTICE ASSISTANCE (prepared by counsel)"),
        ("p", "The City of Thistlewick responds to the letter of January 24, 2018 concerning "
              "its FY2016 award. The City's orders are enclosed: General Order 16-11, General "
              "Order 17-03, Special Order 17-09, Corrections Directive CD-17-02 and Training "
              "Bulletins 17-05 and 17-07."),
        ("p", "Each of them states that nothing in it restricts the exchange of citizenship "
              "or immigration status information with federal authorities."),
        ("p", "Privileged communications with counsel are withheld and listed on the "
              "enclosed log."),
    ]
    d1 = Doc("Draft response to BJA letter v1 (Attorney Work Product)", D(2018, 2, 5, 17),
             "Miriam Achterberg", draft_blocks, on_topic=False, privileged=True, basis=WP)
    d2 = Doc("Draft response to BJA letter v2 (Attorney Work Product)", D(2018, 2, 12, 17),
             "Miriam Achterberg", draft_blocks[:4] + [
                 ("p", "Each of them states, in its own words, that nothing in it restricts "
                       "the exchange of citizenship or immigration status information with "
                       "federal authorities.")] + draft_blocks[4:],
             on_topic=False, privileged=True, basis=WP, near_of=d1)
    b.file(ATTORNEY, "Matters/BJA demand 2018/Draft response v1.txt", d1, "txt")
    b.file(ATTORNEY, "Matters/BJA demand 2018/Draft response v2.txt", d2, "txt")
    m3 = Mail("RE: Privileged & Confidential: BJA document demand - collection instructions",
              c.t(2018, 2, 12, 17, 30), ATTORNEY, [CHIEF], cc=[ASST_ATTORNEY, CITY_MANAGER],
              parent=m2, on_topic=False, privileged=True, basis=ACWP,
              attachments=[Att("Draft response v2 (AWP).txt", d2, "txt")],
              body=PRIV_BANNER + "\n\nDana,\n\nDraft v2 of our response attached for your "
                   "comments. Helen: yes, we'll produce the logs with names and dates of "
                   "birth redacted.\n\nMiriam\n")
    m3.inbox_folder = "Legal"
    b.send(m3)
    m4 = Mail("RE: Privileged & Confidential: BJA document demand - collection instructions",
              c.t(2018, 2, 13, 8, 20), CHIEF, [ATTORNEY], parent=m3, on_topic=False,
              privileged=True, basis=AC,
              body="Looks right to me. Please add the desk card from March 2017 - it is an "
                   "instruction too.\n\nDana\n")
    b.send(m4)

    # not privileged although an attorney is involved: media logistics
    pm = Mail("Media calls about the DOJ letter", c.t(2018, 2, 5, 10), PIO,
              [COMMAND], cc=[ATTORNEY], on_topic=False, html_alt=True,
              note="copies an attorney; not privileged",
              body="FYI - three reporters have asked about the DOJ letter. I'm saying the City "
                   "received it and will respond by the deadline, and referring legal "
                   "questions to the City Attorney's Office. No interviews on this for now.\n\n"
                   "Jordan\n")
    b.send(pm)
    closed = Mail("City Attorney's Office closed Monday February 19", c.t(2018, 2, 14, 12),
                  ATTORNEY, [COMMAND, RECORDS_UNIT], on_topic=False,
                  note="from an attorney; not privileged",
                  body="Our office is closed for Presidents' Day on Monday, February 19. For "
                       "urgent matters call the on-call attorney through dispatch.\n\n"
                       "Miriam Achterberg\n")
    b.send(closed)


def go_18_02(c):
    b = c.b
    go = Doc(
        "General Order 18-02: Communication with Federal Agencies (revises GO 17-03)",
        D(2018, 3, 12, 8), "Dana Whitcombe", [
            ("p", "Effective April 1, 2018. Revises General Order 17-03."),
            ("h", "Changes"),
            ("p", "Requests from any federal agency, including ICE and the Department of "
                  "Justice, for information about a person are handled under SO 17-09. The "
                  "Watch Commander remains the only member who responds to requests about "
                  "release dates and times."),
            ("p", "Section 3 of GO 17-03 (information sharing under 8 U.S.C. 1373) is carried "
                  "over unchanged."),
        ], on_topic=True, note="on topic; issued after the letter date")
    b.file(CHIEF, "Documents/General Orders/2018/GO 18-02.pdf", go, "pdf")
    m = Mail("GO 18-02 (revision of GO 17-03) effective April 1", c.t(2018, 3, 12, 8, 20),
             CHIEF, [ALL_SWORN], cc=[CORRECTIONS], on_topic=True,
             note="on topic; after the letter date",
             attachments=[Att("GO 18-02.pdf", go, "pdf")],
             body="All,\n\nGO 18-02 is attached. It folds SO 17-09 into the general order "
                  "and keeps the Watch Commander as the only point of contact for release "
                  "requests from any federal agency.\n\nChief Whitcombe\n")
    b.send(m)
