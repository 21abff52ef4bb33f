// Web workspace sign-in (engine/web_access.cc): passwords, session expiry on the case's clock,
// logout, and no hint which of name or password was wrong.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "engine/case.h"

namespace bates::engine {
namespace {

namespace fs = std::filesystem;

class WebAccess : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("BATES_TEST_TMP");
    dir_ = fs::path(base != nullptr ? base : fs::temp_directory_path().string()) /
           ("web-access-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    options_.env = &env_;
    auto created = Case::Create(dir_, InitRequest{}, options_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    matter_ = std::move(*created);
    ASSERT_TRUE(matter_->AddUser("rita", "reviewer", "rita-pass").ok());
  }
  void TearDown() override {
    matter_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  FakeEnv env_{1'800'000'000};
  CaseOptions options_;
  fs::path dir_;
  std::unique_ptr<Case> matter_;
};

TEST_F(WebAccess, ASessionLastsItsTimeAndNoLonger) {
  auto session = matter_->Login("rita", "rita-pass", 60);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->role, "reviewer");
  EXPECT_EQ(session->token.size(), 64u);
  EXPECT_NE(session->csrf_token, session->token);
  EXPECT_EQ(session->expires_at, 1'800'000'060);

  auto found = matter_->SessionFor(session->token);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->user, "rita");
  EXPECT_EQ(found->csrf_token, session->csrf_token);
  EXPECT_TRUE(found->token.empty());  // the store keeps only its digest

  env_.Advance(61);
  EXPECT_EQ(matter_->SessionFor(session->token).status().code(), StatusCode::kNotFound);
}

TEST_F(WebAccess, WrongNameAndWrongPasswordLookTheSame) {
  auto wrong_password = matter_->Login("rita", "nope", 60);
  auto wrong_name = matter_->Login("nobody", "rita-pass", 60);
  ASSERT_FALSE(wrong_password.ok());
  ASSERT_FALSE(wrong_name.ok());
  EXPECT_EQ(wrong_password.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong_password.status().message(), wrong_name.status().message());
  EXPECT_FALSE(matter_->Login("rita", "", 60).ok());
}

TEST_F(WebAccess, LogoutEndsTheSessionAndOnlyIt) {
  auto first = matter_->Login("rita", "rita-pass", 60);
  auto second = matter_->Login("rita", "rita-pass", 60);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(matter_->Logout(first->token).ok());
  EXPECT_FALSE(matter_->SessionFor(first->token).ok());
  EXPECT_TRUE(matter_->SessionFor(second->token).ok());
  EXPECT_FALSE(matter_->Logout(first->token).ok());  // already ended
  EXPECT_FALSE(matter_->SessionFor("").ok());
  EXPECT_FALSE(matter_->SessionFor("not-a-token").ok());
}

TEST_F(WebAccess, AVolumeNameCannotLeaveTheProductionsFolder) {
  for (const char* name : {"../bates.db", "..", ".hidden", "a/b", "", "VOL001%2f.."}) {
    auto certificate = matter_->ProductionCertificate(name);
    ASSERT_FALSE(certificate.ok()) << name;
    EXPECT_EQ(certificate.status().code(), StatusCode::kInvalidArgument) << name;
  }
  EXPECT_EQ(matter_->ProductionCertificate("VOL001").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace bates::engine
