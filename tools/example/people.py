"""The fictional City of Thistlewick's people. Every name and address is invented; every
domain uses the reserved .example top-level domain."""

from world import Person

PD = "pd.thistlewick.example"
CITY = "thistlewick.example"
LAW = "cityattorney.thistlewick.example"
VENDOR = "meridalehealth.example"

CHIEF = Person("Dana Whitcombe", "Chief of Police", "dwhitcombe@" + PD,
               "chief-whitcombe", "eml", crlf=True)
DEPUTY = Person("Raymond Castellano", "Deputy Chief (Patrol Division)", "rcastellano@" + PD,
                "deputy-chief-castellano", "eml")
JAIL = Person("Priya Nandakumar", "Jail Commander (Corrections Division)", "pnandakumar@" + PD,
              "jail-commander-nandakumar", "mbox")
TRAINING = Person("Tobias Lindqvist", "Sergeant, Training Unit", "tlindqvist@" + PD,
                  "training-unit-lindqvist", "mbox")
RECORDS = Person("Helen Marsh-Ogun", "Records Unit Manager", "hmarshogun@" + PD,
                 "records-unit-marsh-ogun", "mbox")
PIO = Person("Jordan Ellery", "Public Information Officer", "jellery@" + PD,
             "pio-ellery", "eml", crlf=True)
ATTORNEY = Person("Miriam Achterberg", "Senior Deputy City Attorney (attorney)",
                  "machterberg@" + LAW, "city-attorney-achterberg", "eml")
SERGEANT = Person("Luis Ferreira-Dunn", "Patrol Sergeant", "lferreiradunn@" + PD,
                  "patrol-sergeant-ferreira-dunn", "eml", crlf=True)

CUSTODIANS = [CHIEF, DEPUTY, JAIL, TRAINING, RECORDS, PIO, ATTORNEY, SERGEANT]

CITY_MANAGER = Person("Owen Prakash-Bell", "City Manager", "oprakashbell@" + CITY)
ASST_ATTORNEY = Person("Colin Vasquez-Hale", "Assistant City Attorney", "cvasquezhale@" + LAW)
WATCH_CMDR = Person("Greta Sorensen", "Lieutenant, Watch Commander", "gsorensen@" + PD)
CORR_LT = Person("Marcus Oyelaran", "Lieutenant, Corrections Division", "moyelaran@" + PD)
BOOKING = Person("Tamsin Reyes-Kolb", "Corrections Officer, Booking", "treyeskolb@" + PD)
OFFICER1 = Person("Dmitri Halvorsen", "Police Officer", "dhalvorsen@" + PD)
OFFICER2 = Person("Keiko Brandvold", "Police Officer", "kbrandvold@" + PD)
OFFICER3 = Person("Samuel Achebe-Lund", "Police Officer", "sachebelund@" + PD)
NURSE = Person("Nadia Kessel", "Site Supervisor, Meridale Health Services (contract medical)",
               "nkessel@" + VENDOR)
FLEET = Person("Bo Hendricks", "Fleet Services Supervisor", "bhendricks@" + CITY)
HR = Person("Ines Moravec", "Human Resources Analyst", "imoravec@" + CITY)
FINANCE = Person("Farah Quaddus", "Finance Analyst", "fquaddus@" + CITY)
CLERK = Person("Pauline Steenbergen", "Records Clerk", "psteenbergen@" + PD)
FACILITIES = Person("Ruth Abernathy-Cole", "Facilities Coordinator", "rabernathycole@" + CITY)
EVENTS = Person("Theo Marchetti-Voss", "Community Engagement Coordinator",
                "tmarchettivoss@" + CITY)

ALL_SWORN = Person("All Sworn Personnel", "distribution list", "all-sworn@" + PD)
ALL_SWORN.members = [CHIEF, DEPUTY, JAIL, TRAINING, SERGEANT]
CORRECTIONS = Person("Corrections Division Staff", "distribution list", "corrections-staff@" + PD)
CORRECTIONS.members = [JAIL]
PATROL_SGTS = Person("Patrol Sergeants", "distribution list", "patrol-sergeants@" + PD)
PATROL_SGTS.members = [SERGEANT]
RECORDS_UNIT = Person("Records Unit", "distribution list", "records-unit@" + PD)
RECORDS_UNIT.members = [RECORDS]
COMMAND = Person("Command Staff", "distribution list", "command-staff@" + PD)
COMMAND.members = [CHIEF, DEPUTY, JAIL]
SQUAD_C = Person("C Squad (Swing Shift)", "distribution list", "squad-c@" + PD)
SQUAD_C.members = [SERGEANT]

OTHERS = [CITY_MANAGER, ASST_ATTORNEY, WATCH_CMDR, CORR_LT, BOOKING, OFFICER1, OFFICER2,
          OFFICER3, NURSE, FLEET, HR, FINANCE, CLERK, FACILITIES, EVENTS]
