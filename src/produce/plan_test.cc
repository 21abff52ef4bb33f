#include "produce/plan.h"

#include <gtest/gtest.h>

namespace bates::produce {
namespace {

using model::ItemKind;

// A container (1) holding two email families: 2 (attachments 3, 4) dated 200, and 5 (attachment
// 6) dated 100; a loose file 7 with no date; 8 an exact duplicate of family 2's head, 9 its
// attachment; 10 an exception in family 5.
PlanInput Matter() {
  PlanInput in;
  in.items = {
      {1, 1, ItemKind::kContainer, false, std::nullopt, std::nullopt},
      {2, 2, ItemKind::kEmail, false, 200, std::nullopt},
      {3, 2, ItemKind::kAttachment, false, 200, std::nullopt},
      {4, 2, ItemKind::kAttachment, false, 200, std::nullopt},
      {5, 5, ItemKind::kEmail, false, 100, std::nullopt},
      {6, 5, ItemKind::kAttachment, false, 100, std::nullopt},
      {7, 7, ItemKind::kFile, false, std::nullopt, std::nullopt},
      {8, 8, ItemKind::kEmail, false, 200, model::ItemId{2}},
      {9, 8, ItemKind::kAttachment, false, 200, std::nullopt},
      {10, 5, ItemKind::kAttachment, true, 100, std::nullopt},
  };
  return in;
}

Disposition Of(const Plan& p, model::ItemId id) { return p.entries.at(id).disposition; }

TEST(MakePlan, AttachmentHitBringsItsWholeFamilyInFamilyAndDateOrder) {
  PlanInput in = Matter();
  in.selected = {4, 6, 7};
  Plan p = MakePlan(in);
  // Family 5 (dated 100) before family 2 (200); undated 7 last; the exception 10 is not produced.
  EXPECT_EQ(p.order, (std::vector<model::ItemId>{5, 6, 2, 3, 4, 7}));
  EXPECT_EQ(Of(p, 2), Disposition::kProduced);
  EXPECT_EQ(Of(p, 10), Disposition::kException);
  EXPECT_EQ(p.completed_by_family, 3);  // 5, 2 and 3 came in with their families
}

TEST(MakePlan, EveryItemIsAccountedExactlyOnce) {
  PlanInput in = Matter();
  in.selected = {2, 8};
  in.review.withheld[3] = "attorney-client";
  Plan p = MakePlan(in);
  ASSERT_EQ(p.entries.size(), in.items.size());
  EXPECT_EQ(Of(p, 1), Disposition::kContainer);
  EXPECT_EQ(Of(p, 3), Disposition::kWithheld);
  EXPECT_EQ(p.entries.at(3).reason, "attorney-client");
  EXPECT_EQ(Of(p, 5), Disposition::kNonResponsive);
  EXPECT_EQ(Of(p, 8), Disposition::kDuplicate);
  EXPECT_EQ(Of(p, 9), Disposition::kDuplicate);
  EXPECT_EQ(p.entries.at(8).duplicate_of, model::ItemId{2});
  // The withheld attachment keeps its place (a slip sheet) so the family's run is unbroken.
  EXPECT_EQ(p.order, (std::vector<model::ItemId>{2, 3, 4}));
}

TEST(MakePlan, DuplicateIsProducedWhenItsMasterIsNot) {
  PlanInput in = Matter();
  in.selected = {9};
  Plan p = MakePlan(in);
  EXPECT_EQ(Of(p, 8), Disposition::kProduced);
  EXPECT_EQ(Of(p, 2), Disposition::kNonResponsive);
}

TEST(MakePlan, TimeframeIsJudgedOnTheFamilyHeadsDate) {
  PlanInput in = Matter();
  in.selected = {3, 6, 7};
  in.from = 150;
  Plan p = MakePlan(in);
  EXPECT_EQ(Of(p, 5), Disposition::kOutsideTimeframe);
  EXPECT_EQ(Of(p, 6), Disposition::kOutsideTimeframe);
  EXPECT_EQ(Of(p, 7), Disposition::kProduced);  // undated: cannot be judged, kept
  EXPECT_EQ(p.order, (std::vector<model::ItemId>{2, 3, 4, 7}));
}

TEST(MakePlan, OrderDoesNotDependOnInputOrder) {
  PlanInput in = Matter();
  in.selected = {2, 6, 7};
  PlanInput reversed = in;
  std::reverse(reversed.items.begin(), reversed.items.end());
  EXPECT_EQ(MakePlan(in).order, MakePlan(reversed).order);
}

}  // namespace
}  // namespace bates::produce
