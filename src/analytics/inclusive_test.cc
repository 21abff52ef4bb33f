#include "analytics/inclusive.h"

#include <gtest/gtest.h>

namespace bates::analytics {
namespace {

const char* kOriginal =
    "Effective today, transfer any call from a federal officer about a release\n"
    "to the Watch Commander. Do not confirm release dates by phone.\n";

TEST(InclusiveTest, AReplyQuotingItsParentWhollyContainsIt) {
  std::string reply = std::string(
      "Understood, will brief the night shift.\n\nOn Monday the Chief "
      "wrote:\n> Effective today, transfer any call from a\n> federal "
      "officer about a release to the Watch\n> Commander. Do not "
      "confirm release dates by phone.\n");
  std::vector<bool> r = MarkInclusive({{1, kOriginal, {}}, {2, reply, {}}});
  EXPECT_EQ(r, (std::vector<bool>{false, true}));
}

TEST(InclusiveTest, AReplyQuotingWithAChangedLineDoesNotContainItsParent) {
  std::string reply =
      "Understood.\n\n> Effective today, transfer any call from a federal officer about a "
      "release\n> to the Duty Sergeant. Do not confirm release dates by phone.\n";
  std::vector<bool> r = MarkInclusive({{1, kOriginal, {}}, {2, reply, {}}});
  EXPECT_EQ(r, (std::vector<bool>{true, true}));
}

TEST(InclusiveTest, AForwardWithANewAttachmentIsInclusive) {
  std::string forward = std::string(
                            "See the order attached.\n\n---------- Forwarded message "
                            "---------\n") +
                        kOriginal;
  std::vector<bool> r = MarkInclusive({{1, kOriginal, {}}, {2, forward, {"sha-of-order-pdf"}}});
  EXPECT_EQ(r, (std::vector<bool>{false, true}));
}

TEST(InclusiveTest, AnAttachmentDroppedByTheReplyKeepsTheParentInclusive) {
  std::string reply = std::string("Thanks.\n> ") + kOriginal;
  std::vector<bool> r = MarkInclusive({{1, kOriginal, {"sha-of-memo"}}, {2, reply, {}}});
  EXPECT_EQ(r, (std::vector<bool>{true, true}));
}

TEST(InclusiveTest, OnlyLaterMessagesCount) {
  // The earlier message "contains" the later one's words, but a later message cannot be
  // superseded by an earlier one.
  std::string longer = std::string("Preface.\n") + kOriginal;
  std::vector<bool> r = MarkInclusive({{2, kOriginal, {}}, {1, longer, {}}});
  EXPECT_EQ(r, (std::vector<bool>{true, true}));
}

TEST(InclusiveTest, WordsMustMatchWhole) {
  // "release" must not match inside "releases".
  std::vector<bool> r = MarkInclusive({{1, "release", {}}, {2, "no releases today", {}}});
  EXPECT_EQ(r, (std::vector<bool>{true, true}));
}

}  // namespace
}  // namespace bates::analytics
