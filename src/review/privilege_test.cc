// Privilege screen: attorneys by address, domain and name; terms in subject and text; each with
// why. Names and addresses are fictional.
#include "review/privilege.h"

#include <gtest/gtest.h>

namespace bates::review {
namespace {

std::unique_ptr<PrivilegeScreen> Screen() {
  auto screen = PrivilegeScreen::Create({
      {"email", "MAchterberg@CityAttorney.Example", "Senior Deputy City Attorney"},
      {"domain", "@law.example", "outside counsel"},
      {"name", "Miriam Achterberg", "Senior Deputy City Attorney"},
      {"term", "attorney-client", ""},
      {"term", "legal advice", ""},
  });
  EXPECT_TRUE(screen.ok()) << screen.status().ToString();
  return std::move(screen).value();
}

TEST(PrivilegeScreen, FlagsAnAttorneyAmongRecipients) {
  model::Metadata meta;
  meta.from = model::Address{"Dana Chief", "dchief@pd.example"};
  meta.cc = {model::Address{"", "machterberg@cityattorney.example"}};
  auto why = Screen()->Check(meta, "Please see the order.");
  ASSERT_TRUE(why.ok());
  ASSERT_EQ(why->size(), 1u);
  EXPECT_NE((*why)[0].find("cc"), std::string::npos);
  EXPECT_NE((*why)[0].find("Senior Deputy City Attorney"), std::string::npos);
}

TEST(PrivilegeScreen, DomainsCoverSubdomainsOnly) {
  auto screen = Screen();
  model::Metadata inside, outside;
  inside.to = {model::Address{"", "counsel@dc.law.example"}};
  outside.to = {model::Address{"", "someone@outlaw.example"}};
  EXPECT_EQ(screen->Check(inside, "")->size(), 1u);
  EXPECT_TRUE(screen->Check(outside, "")->empty());
}

TEST(PrivilegeScreen, TermsAndNamesInTextAreWholeWords) {
  auto screen = Screen();
  model::Metadata meta;
  auto why =
      screen->Check(meta, "PRIVILEGED - ATTORNEY-CLIENT COMMUNICATION from MIRIAM ACHTERBERG");
  ASSERT_TRUE(why.ok());
  EXPECT_EQ(why->size(), 2u);
  EXPECT_TRUE(screen->Check(meta, "the legal advisers met")->empty());
}

TEST(PrivilegeScreen, SubjectAndAuthorCount) {
  auto screen = Screen();
  model::Metadata meta;
  meta.subject = "RE: legal advice on GO 17-03";
  meta.author = "miriam achterberg";
  auto why = screen->Check(meta, "");
  ASSERT_TRUE(why.ok());
  ASSERT_EQ(why->size(), 2u);
  EXPECT_EQ((*why)[0].rfind("author", 0), 0u);
  EXPECT_EQ((*why)[1].rfind("subject", 0), 0u);
}

TEST(PrivilegeScreen, AnEmptyListFlagsNothing) {
  auto screen = PrivilegeScreen::Create({});
  ASSERT_TRUE(screen.ok());
  model::Metadata meta;
  meta.from = model::Address{"", "a@b.example"};
  EXPECT_TRUE((*screen)->Check(meta, "attorney-client")->empty());
}

TEST(PrivilegeScreen, EntriesAreChecked) {
  EXPECT_FALSE(PrivilegeScreen::Create({{"email", "not-an-address", ""}}).ok());
  EXPECT_FALSE(PrivilegeScreen::Create({{"phone", "555", ""}}).ok());
  EXPECT_FALSE(PrivilegeScreen::Create({{"term", "  ", ""}}).ok());
  auto domain = NormalizePrivilegeEntry({"domain", "@LAW.Example", ""});
  ASSERT_TRUE(domain.ok());
  EXPECT_EQ(domain->value, "law.example");
}

}  // namespace
}  // namespace bates::review
