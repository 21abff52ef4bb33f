#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/file.h"
#include "core/text.h"
#include "core/time.h"
#include "ingest/detect.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const Reader& Ics() {
  const Reader* reader = ReaderRegistry::Global().ByName("ics");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string ExtraValue(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

// Reads a calendar and checks the reader's general promises: a document, valid UTF-8 text.
Extracted ReadCalendar(std::string_view ics, Status* status_out = nullptr) {
  FakeReadContext context;
  Status status = Ics().Read(Input::FromMemory(ics, "calendar.ics"), context);
  if (status_out != nullptr) *status_out = status;
  EXPECT_TRUE(status.ok() || status_out != nullptr) << status.ToString();
  if (!context.has_document()) return {};
  EXPECT_TRUE(IsValidUtf8(context.document().text));
  EXPECT_TRUE(context.children.empty());
  return context.document();
}

constexpr std::string_view kInvitation =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//bates//test//EN\r\n"
    "METHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:20190301-1@city.example\r\n"
    "DTSTAMP:20190220T120000Z\r\n"
    "CREATED:20190219T080000Z\r\n"
    "LAST-MODIFIED:20190221T093000Z\r\n"
    "DTSTART:20190301T150000Z\r\n"
    "DTEND:20190301T163000Z\r\n"
    "SUMMARY:Budget review (fictional)\r\n"
    "LOCATION:Room 2\\, City Hall\r\n"
    "DESCRIPTION:Agenda:\\n1. Overtime\\n2. Vehicles\\; fuel\r\n"
    "ORGANIZER;CN=Chief Ramos:mailto:Chief@City.example\r\n"
    "ATTENDEE;CN=Records Clerk;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:clerk@city.example\r\n"
    "ATTENDEE;CN=\"Doe, Jane\";ROLE=OPT-PARTICIPANT:mailto:jane@law.example\r\n"
    "STATUS:CONFIRMED\r\n"
    "BEGIN:VALARM\r\n"
    "TRIGGER:-PT15M\r\n"
    "DESCRIPTION:Bring the overtime report\r\n"
    "END:VALARM\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(IcsReaderTest, RegisteredForCalendars) {
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("text/calendar"), &Ics());
  EXPECT_FALSE(Ics().isolated());
  EXPECT_FALSE(Ics().is_container());
}

TEST(IcsReaderTest, InvitationTextAndMetadata) {
  Extracted doc = ReadCalendar(kInvitation);
  for (const char* expected :
       {"Event: Budget review (fictional)", "Start: 2019-03-01T15:00:00+00:00",
        "End: 2019-03-01T16:30:00+00:00", "Location: Room 2, City Hall",
        "Organizer: Chief Ramos <chief@city.example>",
        "Attendee: Records Clerk <clerk@city.example> (accepted)",
        "Attendee: Doe, Jane <jane@law.example> (optional)",
        "Agenda:\n1. Overtime\n2. Vehicles; fuel", "Reminder: Bring the overtime report",
        "Status: CONFIRMED"}) {
    EXPECT_NE(doc.text.find(expected), std::string::npos) << expected << " in:\n" << doc.text;
  }
  const model::Metadata& meta = doc.meta;
  EXPECT_EQ(meta.subject, "Budget review (fictional)");
  EXPECT_EQ(meta.title, "Budget review (fictional)");
  ASSERT_TRUE(meta.from.has_value());
  EXPECT_EQ(meta.from->address, "chief@city.example");
  EXPECT_EQ(meta.from->name, "Chief Ramos");
  ASSERT_EQ(meta.to.size(), 2u);
  EXPECT_EQ(meta.to[1].name, "Doe, Jane");
  EXPECT_EQ(meta.to[1].address, "jane@law.example");
  ASSERT_TRUE(meta.created.has_value());
  EXPECT_EQ(FormatIso8601Utc(meta.created->utc_seconds), "2019-02-19T08:00:00Z");
  ASSERT_TRUE(meta.modified.has_value());
  EXPECT_EQ(FormatIso8601Utc(meta.modified->utc_seconds), "2019-02-21T09:30:00Z");
  EXPECT_EQ(ExtraValue(meta, "start"), "2019-03-01T15:00:00+00:00");
  EXPECT_EQ(ExtraValue(meta, "location"), "Room 2, City Hall");
  EXPECT_EQ(ExtraValue(meta, "uid"), "20190301-1@city.example");
  EXPECT_EQ(ExtraValue(meta, "method"), "REQUEST");
}

TEST(IcsReaderTest, TimeZones) {
  auto start_of = [](const std::string& dtstart, const std::string& timezone = "") {
    std::string ics = "BEGIN:VCALENDAR\nVERSION:2.0\n" + timezone + "BEGIN:VEVENT\n" + dtstart +
                      "\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
    return ExtraValue(ReadCalendar(ics).meta, "start");
  };
  // IANA zone, daylight saving applied.
  EXPECT_EQ(start_of("DTSTART;TZID=America/Chicago:20190704T090000"), "2019-07-04T09:00:00-05:00");
  EXPECT_EQ(start_of("DTSTART;TZID=America/Chicago:20190104T090000"), "2019-01-04T09:00:00-06:00");
  // A path ending in an IANA zone, as Mozilla wrote them.
  EXPECT_EQ(start_of("DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20200601T100000"),
            "2020-06-01T10:00:00+02:00");
  // Windows names, as Outlook writes them.
  EXPECT_EQ(start_of("DTSTART;TZID=Eastern Standard Time:20200115T140000"),
            "2020-01-15T14:00:00-05:00");
  EXPECT_EQ(start_of("DTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20200715T140000"),
            "2020-07-15T14:00:00-04:00");
  // An unknown name with a fixed offset in the prefix.
  EXPECT_EQ(start_of("DTSTART;TZID=\"(UTC+05:30) Somewhere Invented\":20200715T140000"),
            "2020-07-15T14:00:00+05:30");
  // An unknown name defined by the calendar with a single offset.
  EXPECT_EQ(start_of("DTSTART;TZID=Station Time:20200715T140000",
                     "BEGIN:VTIMEZONE\nTZID:Station Time\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
                     "TZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n"),
            "2020-07-15T14:00:00+03:00");
  // No zone at all, or one nobody knows: floating (the matter's zone pins it later).
  EXPECT_EQ(start_of("DTSTART:20200715T140000"), "2020-07-15T14:00:00");
  EXPECT_EQ(start_of("DTSTART;TZID=Nowhere Standard Time:20200715T140000"), "2020-07-15T14:00:00");
  // An all-day date.
  EXPECT_EQ(start_of("DTSTART;VALUE=DATE:20190705"), "2019-07-05");
}

TEST(IcsReaderTest, SeveralEntriesAreListedInOrder) {
  std::string ics =
      "BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-CALNAME:Patrol schedule (fictional)\n"
      "X-WR-TIMEZONE:America/Chicago\n"
      "BEGIN:VEVENT\nDTSTART:20190704T140000Z\nSUMMARY:Parade detail\nEND:VEVENT\n"
      "BEGIN:VTODO\nDUE:20190710T170000Z\nSUMMARY:File the parade report\nEND:VTODO\n"
      "BEGIN:VJOURNAL\nDTSTART;VALUE=DATE:20190711\nSUMMARY:Debrief notes\n"
      "DESCRIPTION:Crowd was orderly.\nEND:VJOURNAL\n"
      "END:VCALENDAR\n";
  Extracted doc = ReadCalendar(ics);
  size_t event = doc.text.find("Event: Parade detail");
  size_t todo = doc.text.find("To-do: File the parade report");
  size_t journal = doc.text.find("Journal entry: Debrief notes");
  ASSERT_NE(event, std::string::npos) << doc.text;
  ASSERT_NE(todo, std::string::npos) << doc.text;
  ASSERT_NE(journal, std::string::npos) << doc.text;
  EXPECT_LT(event, todo);
  EXPECT_LT(todo, journal);
  EXPECT_NE(doc.text.find("Due: 2019-07-10T17:00:00+00:00"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("Crowd was orderly."), std::string::npos);
  EXPECT_EQ(ExtraValue(doc.meta, "entry_count"), "3");
  EXPECT_EQ(doc.meta.title, "Patrol schedule (fictional)");
  EXPECT_EQ(ExtraValue(doc.meta, "calendar_name"), "Patrol schedule (fictional)");
  // Several entries: no single organizer or start belongs to the file.
  EXPECT_EQ(ExtraValue(doc.meta, "start"), "");
}

TEST(IcsReaderTest, FoldedLinesAreUnfolded) {
  // Folded with CRLF + space and LF + tab, one fold inside a multi-byte character.
  std::string ics =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\xC3\r\n \xA9 meeting about the long "
      "agenda\r\nDESCRIPTION:First part of a description that goes on and on\r\n\t and "
      "continues here.\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  Extracted doc = ReadCalendar(ics);
  EXPECT_EQ(doc.meta.subject, "Caf\u00e9 meeting about the long agenda");
  EXPECT_NE(doc.text.find("goes on and on and continues here."), std::string::npos) << doc.text;
}

TEST(IcsReaderTest, VCalendarQuotedPrintable) {
  std::string vcs =
      "BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VEVENT\nDTSTART:20121201T210000\n"
      "SUMMARY;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 meeting=\nacross a soft break\n"
      "LOCATION;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCnchen\n"
      "END:VEVENT\nEND:VCALENDAR\n";
  Extracted doc = ReadCalendar(vcs);
  EXPECT_EQ(doc.meta.subject, "Caf\u00e9 meetingacross a soft break");
  EXPECT_EQ(ExtraValue(doc.meta, "location"), "M\u00fcnchen");
  EXPECT_EQ(ExtraValue(doc.meta, "start"), "2012-12-01T21:00:00");
}

TEST(IcsReaderTest, ClassicMacLineEnds) {
  Extracted doc = ReadCalendar(
      "BEGIN:VCALENDAR\rBEGIN:VEVENT\rSUMMARY:Old export\rDTSTART:20010101T090000\rEND:VEVENT\r"
      "END:VCALENDAR\r");
  EXPECT_EQ(doc.meta.subject, "Old export");
  EXPECT_EQ(ExtraValue(doc.meta, "start"), "2001-01-01T09:00:00");
}

TEST(IcsReaderTest, EmptyCalendarAndNonCalendar) {
  Extracted empty = ReadCalendar("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n");
  EXPECT_NE(empty.flags & model::kFlagNoText, 0u);
  EXPECT_EQ(ExtraValue(empty.meta, "entry_count"), "0");

  Status status;
  ReadCalendar("Just some prose that is not a calendar.\n", &status);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
}

TEST(IcsReaderTest, MalformedNestingIsBoundedAndFast) {
  // 100,000 BEGIN lines with no END, stray ENDs and lines without colons.
  std::string ics = "BEGIN:VCALENDAR\nEND:VEVENT\nno colon here\n";
  for (int i = 0; i < 100000; ++i) ics += "BEGIN:VEVENT\n";
  ics += "SUMMARY:deep\n";
  auto start = std::chrono::steady_clock::now();
  Extracted doc = ReadCalendar(ics);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(doc.text.find("deep"), std::string::npos);
}

TEST(IcsReaderTest, DetectedByContent) {
  // A Google Calendar export: its X-WR- lines would pass for two mail headers.
  std::string google =
      "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Work\r\n"
      "X-WR-TIMEZONE:America/Chicago\r\nEND:VCALENDAR\r\n";
  EXPECT_EQ(Detect(google, google.size(), "basic.ics").mime_type, "text/calendar");
  std::string bom = "\xEF\xBB\xBF\r\n" + std::string(kInvitation);
  EXPECT_EQ(Detect(bom, bom.size(), "invite").mime_type, "text/calendar");
  std::string lower = "begin:vcalendar\nversion:1.0\nend:vcalendar\n";
  EXPECT_EQ(Detect(lower, lower.size(), "x.vcs").mime_type, "text/calendar");
}

fs::path TikaFile(std::string_view relative) {
  const char* corpora = std::getenv("BATES_CORPORA");  // NOLINT(concurrency-mt-unsafe)
  if (corpora == nullptr) return {};
  fs::path file = fs::path(corpora) / "tika-test-documents/files" / relative;
  return fs::exists(file) ? file : fs::path();
}

TEST(IcsReaderTest, TikaCalendars) {
  fs::path ics = TikaFile("standard-integration-tests/testICalendar.ics");
  fs::path vcs = TikaFile("text/testVCalendar.vcs");
  if (ics.empty() || vcs.empty()) {
    GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  }
  Result<std::string> bytes = ReadFile(ics);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(Detect(*bytes, bytes->size(), "testICalendar.ics").mime_type, "text/calendar");
  Extracted doc = ReadCalendar(*bytes);
  EXPECT_EQ(doc.meta.subject, "Susi Hyldgaard - Festival International de Jazz de Montr\u00e9al");
  EXPECT_EQ(ExtraValue(doc.meta, "start"), "2001-07-01T21:30:00+00:00");
  EXPECT_EQ(ExtraValue(doc.meta, "location"), "Banque Nationale Stage ()");
  EXPECT_NE(doc.text.find("compared to Bj\u00f6rk"), std::string::npos) << doc.text;

  bytes = ReadFile(vcs);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(Detect(*bytes, bytes->size(), "testVCalendar.vcs").mime_type, "text/calendar");
  doc = ReadCalendar(*bytes);
  EXPECT_EQ(doc.meta.subject, "Battleme, My Goodness, the Ax");
  EXPECT_NE(ExtraValue(doc.meta, "location").find("Mississippi Studios"), std::string::npos);
  EXPECT_EQ(ExtraValue(doc.meta, "start"), "2012-12-01T21:00:00");
}

}  // namespace
}  // namespace bates::ingest
