#include "analytics/dedup.h"

#include <gtest/gtest.h>

namespace bates::analytics {
namespace {

// One message as three readers describe it: a PST (Outlook's display names, a submit time a few
// seconds off the Date header, CRLF body), an MSG, and an EML.
EmailIdentity FromEml() {
  EmailIdentity e;
  e.from = "chief@pd.example";
  e.to = {"lt.ramos@pd.example", "sgt.oyelaran@pd.example"};
  e.cc = {"records@pd.example"};
  e.subject = "Calls from federal officers";
  e.sent_utc = 1500000000;  // 2017-07-14 02:40:00 UTC
  e.body_fingerprint =
      BodyFingerprint("Transfer any call about a release\nto the Watch Commander.\n");
  return e;
}

TEST(EmailKeyTest, SameMessageFromPstMsgAndEmlIsOneKey) {
  EmailIdentity eml = FromEml();
  EmailIdentity pst = eml;
  pst.from = "CHIEF@PD.EXAMPLE";
  pst.to = {"Sgt.Oyelaran@pd.example", "<lt.ramos@pd.example>"};  // other order, other case
  pst.sent_utc = 1500000000 + 17;                                 // same minute
  pst.body_fingerprint =
      BodyFingerprint("Transfer any call about a release\r\nto the Watch   Commander.\r\n\r\n");
  EmailIdentity msg = eml;
  msg.subject = "Calls from  federal officers ";
  EXPECT_EQ(EmailDedupKey(eml), EmailDedupKey(pst));
  EXPECT_EQ(EmailDedupKey(eml), EmailDedupKey(msg));
}

TEST(EmailKeyTest, EachFieldCounts) {
  const std::string base = EmailDedupKey(FromEml());
  EmailIdentity e = FromEml();
  e.bcc = {"attorney@city.example"};
  EXPECT_NE(EmailDedupKey(e), base);
  e = FromEml();
  e.sent_utc = *e.sent_utc + 3600;
  EXPECT_NE(EmailDedupKey(e), base);
  e = FromEml();
  e.body_fingerprint = BodyFingerprint("Transfer any call about a release to the Duty Sergeant.");
  EXPECT_NE(EmailDedupKey(e), base);
  e = FromEml();
  e.attachment_sha256 = {"ab"};
  EXPECT_NE(EmailDedupKey(e), base);
  e = FromEml();
  e.to.pop_back();
  EXPECT_NE(EmailDedupKey(e), base);
  e = FromEml();
  e.subject = "RE: Calls from federal officers";
  EXPECT_NE(EmailDedupKey(e), base);
}

// Two mailboxes hold one email with its attachment; a third custodian has the attachment as a
// loose file, and a fourth the email again.
std::vector<DedupItem> Mailboxes() {
  return {
      {1, 1, 10, "k-email", ""}, {2, 1, 10, "", "att"},     {3, 3, 20, "k-email", ""},
      {4, 3, 20, "", "att"},     {5, 5, 20, "md5:att", ""}, {6, 6, 30, "k-other", ""},
      {7, 7, 40, "k-email", ""}, {8, 7, 40, "", "att"},
  };
}

TEST(FindDuplicatesTest, FamiliesAreDuplicatedWholeAndAttachmentsStayWithThem) {
  DedupResult r = FindDuplicates(Mailboxes(), DedupScope::kGlobal);
  ASSERT_EQ(r.items.size(), 8u);
  EXPECT_EQ(r.items[0].duplicate_of, std::nullopt);
  EXPECT_EQ(r.items[0].group, 1);
  EXPECT_EQ(r.items[2].duplicate_of, 1);
  EXPECT_EQ(r.items[3].duplicate_of, 2);  // the copy's attachment points to the master's
  EXPECT_EQ(r.items[6].duplicate_of, 1);
  EXPECT_EQ(r.items[7].duplicate_of, 2);
  EXPECT_EQ(r.items[4].duplicate_of, std::nullopt);  // a loose file is not the attachment's copy
  EXPECT_EQ(r.items[5].group, std::nullopt);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].heads, (std::vector<int64_t>{1, 3, 7}));
  EXPECT_EQ(r.groups[0].custodian_ids, (std::vector<int64_t>{10, 20, 40}));
  EXPECT_EQ(r.duplicate_items, 4);
}

TEST(FindDuplicatesTest, PerCustodianKeepsEachCustodiansCopy) {
  std::vector<DedupItem> items = Mailboxes();
  items.push_back({9, 9, 20, "k-email", ""});  // custodian 20's second copy
  DedupResult r = FindDuplicates(items, DedupScope::kCustodian);
  EXPECT_EQ(r.items[2].duplicate_of, std::nullopt);
  EXPECT_EQ(r.items[6].duplicate_of, std::nullopt);
  EXPECT_EQ(r.items[8].duplicate_of, 3);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].custodian_ids, (std::vector<int64_t>{20}));
}

TEST(FindDuplicatesTest, StableUnderReorderingOfInput) {
  std::vector<DedupItem> items = Mailboxes();
  std::reverse(items.begin(), items.end());
  DedupResult a = FindDuplicates(Mailboxes(), DedupScope::kGlobal);
  DedupResult b = FindDuplicates(items, DedupScope::kGlobal);
  ASSERT_EQ(a.items.size(), b.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    EXPECT_EQ(a.items[i].id, b.items[i].id);
    EXPECT_EQ(a.items[i].duplicate_of, b.items[i].duplicate_of);
  }
}

TEST(DedupScopeTest, Names) {
  EXPECT_EQ(*ParseDedupScope("custodian"), DedupScope::kCustodian);
  EXPECT_EQ(DedupScopeName(*ParseDedupScope("global")), "global");
  EXPECT_FALSE(ParseDedupScope("family").ok());
}

}  // namespace
}  // namespace bates::analytics
