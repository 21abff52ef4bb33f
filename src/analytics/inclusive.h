// Inclusiveness: which messages of a thread a reviewer must read. A message is inclusive unless
// some later message of its thread contains it: its whole body text, as a run of words (words.h,
// so quote markers and re-wrapped lines do not matter), and every one of its attachments (by
// SHA-256). A reply that quotes its parent with one line changed does not contain it; a forward
// that adds an attachment contains its original but is not contained by it, so it is inclusive.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bates::analytics {

struct ThreadMessage {
  int position = 0;  // order in the thread (ThreadPlace::position); later ones may contain it
  std::string text;  // the body text
  std::vector<std::string> attachment_sha256;
};

// One flag per message, in the order given. Each message is checked against every later one,
// so the cost grows with the square of a thread's length (threads are short; a thread of more
// than `max_compared` messages is compared only with the next `max_compared`).
std::vector<bool> MarkInclusive(const std::vector<ThreadMessage>& thread,
                                size_t max_compared = 400);

}  // namespace bates::analytics
