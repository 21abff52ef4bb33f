// Email threading: which messages belong to one conversation, and where each sits in it.
//
// Conversations are built from Message-ID, In-Reply-To and References by Jamie Zawinski's
// method (https://www.jwz.org/doc/threading.html): each message id gets a container, each
// References chain links containers parent to child (never into a loop), and a message's parent
// is the last id it refers to; containers for ids that were referred to but not collected hold
// the tree together. Where a message carries no such headers (Outlook items from a PST or an
// MSG often do not) two fallbacks follow, in order:
//   1. Outlook's conversation index: its first 22 bytes name the conversation and each reply
//      appends 5, so a message whose index less its last 5 bytes is another's index is a reply
//      to it, and messages with the same first 22 bytes share a conversation.
//   2. The subject: a message that starts a tree of its own and whose subject says it answers or
//      forwards ("RE:", "FW:", "AW:", "WG:"...) joins the earliest tree with the same normalised
//      subject. Two messages that merely share a subject without a reply prefix stay apart.
// Copies of one message (same Message-ID) share one place in the tree.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bates::analytics {

struct MessageHeaders {
  int64_t id = 0;           // item id
  std::string message_id;   // with or without angle brackets
  std::string in_reply_to;  // the first id it names
  std::vector<std::string> references;
  std::string subject;
  std::string conversation_index;  // base64, as stored
  std::optional<int64_t> sent_utc;
};

struct ThreadPlace {
  int64_t id = 0;      // the item
  int64_t thread = 0;  // the thread's id: the lowest item id in it
  // The message this one answers (its nearest collected ancestor), lowest id of its copies.
  std::optional<int64_t> parent;
  int depth = 0;     // 0 for a message with no collected ancestor
  int position = 0;  // 1-based, in order of sent time (then id) among the thread's messages
  int size = 0;      // distinct messages in the thread
  // The lowest item id of this message's copies (itself when it has none): its place is theirs.
  int64_t message = 0;
};

// One place per input message, in the order given.
std::vector<ThreadPlace> BuildThreads(const std::vector<MessageHeaders>& messages);

// "RE: Fwd: [list] Budget  meeting" → "budget meeting": reply and forward prefixes in several
// languages, list tags and spacing removed, lower-cased.
std::string NormalizeSubject(std::string_view subject);
// Whether the subject starts with a reply or forward prefix.
bool HasReplyPrefix(std::string_view subject);

}  // namespace bates::analytics
