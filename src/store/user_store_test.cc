// The users area's contract (accounts, sessions with expiry), on every backend.
#include "store/user_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::TempDir;

class UserStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  TempDir dir_{"user-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_P(UserStoreTest, AccountsRoundTripAndSurviveReopening) {
  auto id = store_->users().AddUser({0, "ramos", "reviewer", "$argon2id$fake", 1700000000});
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Reopen();
  auto found = store_->users().FindUser("ramos");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->role, "reviewer");
  EXPECT_EQ((*found)->password_hash, "$argon2id$fake");
  auto by_id = store_->users().UserById(*id);
  ASSERT_TRUE(by_id.ok() && by_id->has_value());
  EXPECT_EQ((*by_id)->name, "ramos");
  auto missing = store_->users().FindUser("nobody");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(UserStoreTest, ADuplicateNameOrUnknownRoleIsRefused) {
  ASSERT_TRUE(store_->users().AddUser({0, "okafor", "admin", "h", 1}).ok());
  EXPECT_FALSE(store_->users().AddUser({0, "okafor", "reviewer", "h", 2}).ok());
  EXPECT_FALSE(store_->users().AddUser({0, "lee", "superuser", "h", 2}).ok());
  EXPECT_FALSE(store_->users().AddUser({0, "", "admin", "h", 2}).ok());
}

TEST_P(UserStoreTest, ASessionIsFoundUntilItExpiresOrIsDeleted) {
  auto id = store_->users().AddUser({0, "ramos", "requester", "h", 1});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_->users().AddSession({"digest-a", *id, "csrf-a", 100, 200}).ok());
  ASSERT_TRUE(store_->users().AddSession({"digest-b", *id, "csrf-b", 100, 500}).ok());
  auto live = store_->users().FindSession("digest-a", 150);
  ASSERT_TRUE(live.ok() && live->has_value());
  EXPECT_EQ((*live)->csrf_token, "csrf-a");
  EXPECT_EQ((*live)->user_id, *id);
  auto expired = store_->users().FindSession("digest-a", 200);
  ASSERT_TRUE(expired.ok());
  EXPECT_FALSE(expired->has_value());
  ASSERT_TRUE(store_->users().DeleteExpiredSessions(300).ok());
  ASSERT_TRUE(store_->users().DeleteSession("digest-b").ok());
  auto gone = store_->users().FindSession("digest-b", 150);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, UserStoreTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace bates::store
