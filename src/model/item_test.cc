#include "model/item.h"

#include <gtest/gtest.h>

namespace bates::model {
namespace {

TEST(ItemIdTest, FormatAndParse) {
  EXPECT_EQ(FormatItemId(123), "DOC-000123");
  EXPECT_EQ(FormatItemId(1234567), "DOC-1234567");
  EXPECT_EQ(*ParseItemId("DOC-000123"), 123);
  EXPECT_EQ(*ParseItemId("123"), 123);
  EXPECT_FALSE(ParseItemId("DOC-").ok());
  EXPECT_FALSE(ParseItemId("DOC-12x").ok());
  EXPECT_FALSE(ParseItemId("0").ok());
}

TEST(ItemKindTest, FamiliesBreakAtContainers) {
  // An mbox's messages head their own families.
  EXPECT_EQ(ChildKind(ItemKind::kContainer, false, true), ItemKind::kEmail);
  // A ZIP inside a ZIP collected as a file stays a container.
  EXPECT_EQ(ChildKind(ItemKind::kContainer, true, false), ItemKind::kContainer);
  // A ZIP attached to an email is an attachment, and what it holds stays in the family.
  EXPECT_EQ(ChildKind(ItemKind::kEmail, true, false), ItemKind::kAttachment);
  EXPECT_EQ(ChildKind(ItemKind::kAttachment, false, true), ItemKind::kEmbedded);
  for (ItemKind k : {ItemKind::kFile, ItemKind::kEmail, ItemKind::kAttachment, ItemKind::kEmbedded,
                     ItemKind::kContainer}) {
    EXPECT_EQ(*ParseItemKind(ItemKindName(k)), k);
  }
}

TEST(SortDateTest, EmailUsesSentFileUsesModified) {
  Metadata m;
  m.created = Timestamp{100, 0, false};
  m.modified = Timestamp{200, 0, false};
  EXPECT_EQ(OwnSortDate(m, ItemKind::kFile)->utc_seconds, 200);
  m.sent = Timestamp{50, 0, false};
  EXPECT_EQ(OwnSortDate(m, ItemKind::kEmail)->utc_seconds, 50);
  EXPECT_FALSE(OwnSortDate(Metadata{}, ItemKind::kEmail).has_value());
}

}  // namespace
}  // namespace bates::model
