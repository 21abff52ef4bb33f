#include "analytics/threading.h"

#include <gtest/gtest.h>

#include <map>

namespace bates::analytics {
namespace {

MessageHeaders Message(int64_t id, std::string mid, std::vector<std::string> refs,
                       std::string subject, int64_t sent) {
  MessageHeaders m;
  m.id = id;
  m.message_id = std::move(mid);
  if (!refs.empty()) m.in_reply_to = refs.back();
  m.references = std::move(refs);
  m.subject = std::move(subject);
  m.sent_utc = sent;
  return m;
}

std::map<int64_t, ThreadPlace> ById(const std::vector<ThreadPlace>& places) {
  std::map<int64_t, ThreadPlace> out;
  for (const ThreadPlace& p : places) out[p.id] = p;
  return out;
}

TEST(ThreadingTest, ReferencesBuildTheTreeAndCopiesShareAPlace) {
  std::vector<MessageHeaders> in = {
      Message(4, "<c@x>", {"<a@x>", "<b@x>"}, "RE: RE: Plan", 300),
      Message(1, "<a@x>", {}, "Plan", 100),
      Message(2, "<b@x>", {"<a@x>"}, "RE: Plan", 200),
      Message(3, "<d@x>", {"<a@x>"}, "RE: Plan", 250),  // a second branch under a
      Message(9, "<A@X>", {}, "Plan", 100),             // a copy of a (ids are case-blind)
      Message(7, "<z@y>", {}, "Other", 50),
  };
  auto p = ById(BuildThreads(in));
  EXPECT_EQ(p[1].thread, 1);
  EXPECT_EQ(p[4].thread, 1);
  EXPECT_EQ(p[3].thread, 1);
  EXPECT_EQ(p[9].thread, 1);
  EXPECT_EQ(p[7].thread, 7);
  EXPECT_EQ(p[7].size, 1);
  EXPECT_EQ(p[1].size, 4);
  EXPECT_EQ(p[1].position, 1);
  EXPECT_EQ(p[9].position, 1);
  EXPECT_EQ(p[9].message, 1);
  EXPECT_EQ(p[2].position, 2);
  EXPECT_EQ(p[3].position, 3);
  EXPECT_EQ(p[4].position, 4);
  EXPECT_EQ(p[4].parent, 2);
  EXPECT_EQ(p[4].depth, 2);
  EXPECT_EQ(p[3].parent, 1);
  EXPECT_EQ(p[1].parent, std::nullopt);
  EXPECT_EQ(p[1].depth, 0);
}

TEST(ThreadingTest, AMissingParentStillHoldsItsRepliesTogether) {
  std::vector<MessageHeaders> in = {
      Message(5, "<r1@x>", {"<gone@x>"}, "RE: Gone", 10),
      Message(6, "<r2@x>", {"<gone@x>"}, "RE: Gone", 20),
  };
  auto p = ById(BuildThreads(in));
  EXPECT_EQ(p[5].thread, 5);
  EXPECT_EQ(p[6].thread, 5);
  EXPECT_EQ(p[6].parent, std::nullopt);
  EXPECT_EQ(p[6].depth, 0);
}

TEST(ThreadingTest, ALoopInReferencesIsBroken) {
  std::vector<MessageHeaders> in = {
      Message(1, "<a@x>", {"<b@x>"}, "x", 1),
      Message(2, "<b@x>", {"<a@x>"}, "x", 2),
  };
  auto p = ById(BuildThreads(in));
  EXPECT_EQ(p[1].thread, p[2].thread);
  EXPECT_TRUE(!p[1].parent || !p[2].parent);
}

TEST(ThreadingTest, ConversationIndexLinksMessagesWithoutHeaders) {
  MessageHeaders root = Message(1, "", {}, "Shift swap", 100);
  root.conversation_index = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFg==";  // 22 bytes
  MessageHeaders reply = Message(2, "", {}, "RE: Shift swap", 200);
  reply.conversation_index = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhAgMEBQ";  // + 5 bytes
  MessageHeaders deeper = Message(3, "", {}, "Something else", 300);
  deeper.conversation_index = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhAgMEBQAQIDBAU=";  // + 5 more
  MessageHeaders stranger = Message(4, "", {}, "Shift swap", 50);
  stranger.conversation_index = "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQ==";
  auto p = ById(BuildThreads({deeper, reply, root, stranger}));
  EXPECT_EQ(p[2].thread, 1);
  EXPECT_EQ(p[2].parent, 1);
  EXPECT_EQ(p[3].thread, 1);
  EXPECT_EQ(p[3].parent, 2);
  EXPECT_EQ(p[3].depth, 2);
  EXPECT_EQ(p[4].thread, 4);
}

TEST(ThreadingTest, SubjectJoinsHeaderlessRepliesOnly) {
  std::vector<MessageHeaders> in = {
      Message(1, "<s1@x>", {}, "Weekly schedule", 100),
      Message(2, "<s2@x>", {}, "RE: Weekly  Schedule", 200),
      Message(3, "<s3@x>", {}, "Fwd: [ops] weekly schedule", 300),
      Message(4, "<s4@x>", {}, "Weekly schedule", 400),  // no prefix: a new conversation
  };
  auto p = ById(BuildThreads(in));
  EXPECT_EQ(p[2].thread, 1);
  EXPECT_EQ(p[3].thread, 1);
  EXPECT_EQ(p[4].thread, 4);
}

TEST(SubjectTest, Normalize) {
  EXPECT_EQ(NormalizeSubject("RE: Fwd: [list] Budget  meeting"), "budget meeting");
  EXPECT_EQ(NormalizeSubject("Re[2]: AW: WG: Plan"), "plan");
  EXPECT_EQ(NormalizeSubject("Regarding the plan"), "regarding the plan");
  EXPECT_TRUE(HasReplyPrefix("[ops] RE: x"));
  EXPECT_TRUE(HasReplyPrefix("Fw: x"));
  EXPECT_FALSE(HasReplyPrefix("Reply needed"));
  EXPECT_FALSE(HasReplyPrefix("Report: x"));
}

}  // namespace
}  // namespace bates::analytics
