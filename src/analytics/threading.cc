#include "analytics/threading.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <unordered_map>

#include "analytics/words.h"
#include "core/text.h"

namespace bates::analytics {
namespace {

std::string NormalId(std::string_view id) {
  std::string_view t = TrimAscii(id);
  if (!t.empty() && t.front() == '<') t.remove_prefix(1);
  if (!t.empty() && t.back() == '>') t.remove_suffix(1);
  return AsciiLower(TrimAscii(t));
}

// Standard base64 (RFC 4648) with or without padding; nullopt on any other character.
std::optional<std::string> DecodeBase64(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\r' || c == '\n' || c == ' ') continue;
    size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

// Strips one leading reply/forward prefix ("Re:", "FW:", "Re[2]:", "AW:"...), or returns false.
bool StripReplyPrefix(std::string_view& s) {
  static constexpr std::array<std::string_view, 12> kPrefixes = {
      "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "tr", "rv", "ref", "enc"};
  size_t letters = 0;
  while (letters < s.size() &&
         ((s[letters] >= 'a' && s[letters] <= 'z') || (s[letters] >= 'A' && s[letters] <= 'Z'))) {
    ++letters;
  }
  if (letters == 0) return false;
  std::string word = AsciiLower(s.substr(0, letters));
  if (std::find(kPrefixes.begin(), kPrefixes.end(), word) == kPrefixes.end()) return false;
  size_t i = letters;
  // A counter: "Re[2]:" or "Re(2):".
  if (i < s.size() && (s[i] == '[' || s[i] == '(')) {
    size_t close = s.find(s[i] == '[' ? ']' : ')', i);
    if (close == std::string_view::npos) return false;
    i = close + 1;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size() || (s[i] != ':' && s.substr(i, 3) != "\xef\xbc\x9a")) return false;
  i += s[i] == ':' ? 1 : 3;  // ASCII or full-width colon
  s.remove_prefix(i);
  s = TrimAscii(s);
  return true;
}

// Strips a leading "[list-name]" tag, or returns false.
bool StripListTag(std::string_view& s) {
  if (s.empty() || s.front() != '[') return false;
  size_t close = s.find(']');
  if (close == std::string_view::npos) return false;
  s.remove_prefix(close + 1);
  s = TrimAscii(s);
  return true;
}

struct Container {
  int parent = -1;
  std::vector<size_t> messages;  // input indices of its copies
};

class Forest {
 public:
  int Get(const std::string& id) {
    auto [it, inserted] = by_id_.try_emplace(id, static_cast<int>(c_.size()));
    if (inserted) c_.emplace_back();
    return it->second;
  }
  int New() {
    c_.emplace_back();
    return static_cast<int>(c_.size()) - 1;
  }
  // Whether `a` is `b` or one of its ancestors.
  bool IsAncestor(int a, int b) const {
    for (int x = b; x != -1; x = c_[x].parent) {
      if (x == a) return true;
    }
    return false;
  }
  // Makes `parent` the parent of `child` unless that would close a loop.
  bool Link(int parent, int child) {
    if (parent == child || IsAncestor(child, parent)) return false;
    c_[child].parent = parent;
    return true;
  }
  std::vector<Container>& containers() { return c_; }

 private:
  std::vector<Container> c_;
  std::unordered_map<std::string, int> by_id_;
};

}  // namespace

std::string NormalizeSubject(std::string_view subject) {
  std::string_view s = TrimAscii(subject);
  while (StripListTag(s) || StripReplyPrefix(s)) {
  }
  return WordString(s);
}

bool HasReplyPrefix(std::string_view subject) {
  std::string_view s = TrimAscii(subject);
  while (StripListTag(s)) {
  }
  return StripReplyPrefix(s);
}

std::vector<ThreadPlace> BuildThreads(const std::vector<MessageHeaders>& messages) {
  const size_t n = messages.size();
  // Input indices in id order, so every choice below is independent of the input order.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return messages[a].id < messages[b].id; });

  Forest forest;
  std::vector<int> own(n, -1);
  std::vector<std::vector<int>> chains(n);
  for (size_t i : order) {
    const MessageHeaders& m = messages[i];
    std::string mid = NormalId(m.message_id);
    own[i] = mid.empty() ? forest.New() : forest.Get(mid);
    forest.containers()[own[i]].messages.push_back(i);
    std::vector<std::string> refs;
    for (const std::string& r : m.references) {
      std::string id = NormalId(r);
      if (!id.empty() && id != mid) refs.push_back(std::move(id));
    }
    std::string irt = NormalId(m.in_reply_to);
    if (!irt.empty() && irt != mid && (refs.empty() || refs.back() != irt)) refs.push_back(irt);
    for (const std::string& r : refs) chains[i].push_back(forest.Get(r));
  }
  // Pass 1: each References chain links its ids parent to child where no link exists yet.
  for (size_t i : order) {
    const std::vector<int>& chain = chains[i];
    for (size_t k = 1; k < chain.size(); ++k) {
      if (forest.containers()[chain[k]].parent == -1) forest.Link(chain[k - 1], chain[k]);
    }
  }
  // Pass 2: a message's own headers say who its parent is, over what others implied.
  for (size_t i : order) {
    if (chains[i].empty()) continue;
    int self = own[i];
    int parent = chains[i].back();
    if (forest.IsAncestor(self, parent)) continue;
    forest.containers()[self].parent = parent;
  }

  std::vector<Container>& c = forest.containers();
  auto headerless = [&](size_t i) { return chains[i].empty(); };

  // Fallback 1: Outlook's conversation index, for messages without threading headers.
  {
    std::map<std::string, int> by_index;                // whole index → container
    std::map<std::string, std::vector<int>> by_thread;  // first 22 bytes → containers
    std::vector<std::optional<std::string>> decoded(n);
    for (size_t i : order) {
      if (messages[i].conversation_index.empty()) continue;
      decoded[i] = DecodeBase64(messages[i].conversation_index);
      if (!decoded[i] || decoded[i]->size() < 22) {
        decoded[i].reset();
        continue;
      }
      by_index.try_emplace(*decoded[i], own[i]);
      by_thread[decoded[i]->substr(0, 22)].push_back(own[i]);
    }
    for (size_t i : order) {
      if (!decoded[i] || !headerless(i) || c[own[i]].parent != -1) continue;
      const std::string& index = *decoded[i];
      bool linked = false;
      if (index.size() >= 27) {
        auto it = by_index.find(index.substr(0, index.size() - 5));
        if (it != by_index.end()) linked = forest.Link(it->second, own[i]);
      }
      if (linked) continue;
      // Same conversation, parent not collected: under the one with the shortest index.
      int best = -1;
      size_t best_size = std::numeric_limits<size_t>::max();
      for (int other : by_thread[index.substr(0, 22)]) {
        if (other == own[i]) continue;
        size_t m = c[other].messages.front();
        if (decoded[m] && decoded[m]->size() < best_size && decoded[m]->size() < index.size()) {
          best = other;
          best_size = decoded[m]->size();
        }
      }
      if (best != -1) forest.Link(best, own[i]);
    }
  }

  auto sent_key = [&](size_t i) {
    return std::make_pair(messages[i].sent_utc.value_or(std::numeric_limits<int64_t>::max()),
                          messages[i].id);
  };

  // Fallback 2: a headerless reply or forward joins the earliest tree with its subject.
  {
    std::map<std::string, std::vector<size_t>> by_subject;  // normalised subject → messages
    for (size_t i : order) {
      if (c[own[i]].messages.front() != i) continue;  // one copy speaks for the message
      std::string s = NormalizeSubject(messages[i].subject);
      if (!s.empty()) by_subject[s].push_back(i);
    }
    for (auto& [subject, list] : by_subject) {
      std::sort(list.begin(), list.end(),
                [&](size_t a, size_t b) { return sent_key(a) < sent_key(b); });
    }
    for (size_t i : order) {
      if (c[own[i]].messages.front() != i || !headerless(i) || c[own[i]].parent != -1) continue;
      if (!HasReplyPrefix(messages[i].subject)) continue;
      auto it = by_subject.find(NormalizeSubject(messages[i].subject));
      if (it == by_subject.end()) continue;
      for (size_t target : it->second) {
        if (own[target] == own[i]) continue;
        if (forest.Link(own[target], own[i])) break;
      }
    }
  }

  // Roots, then the places.
  const size_t nc = c.size();
  std::vector<int> root(nc, -1);
  for (size_t k = 0; k < nc; ++k) {
    int x = static_cast<int>(k);
    std::vector<int> path;
    while (root[x] == -1 && c[x].parent != -1) {
      path.push_back(x);
      x = c[x].parent;
    }
    int r = root[x] == -1 ? x : root[x];
    root[x] = r;
    for (int p : path) root[p] = r;
  }
  auto rep = [&](int k) { return messages[c[k].messages.front()].id; };  // lowest id: id order

  std::unordered_map<int, std::vector<int>> members;  // root → containers with messages
  for (size_t k = 0; k < nc; ++k) {
    if (!c[k].messages.empty()) members[root[k]].push_back(static_cast<int>(k));
  }
  std::vector<ThreadPlace> places(n);
  for (auto& [r, list] : members) {
    std::sort(list.begin(), list.end(), [&](int a, int b) {
      return sent_key(c[a].messages.front()) < sent_key(c[b].messages.front());
    });
    int64_t thread = std::numeric_limits<int64_t>::max();
    for (int k : list) thread = std::min(thread, rep(k));
    for (size_t pos = 0; pos < list.size(); ++pos) {
      const int k = list[pos];
      ThreadPlace place;
      place.thread = thread;
      place.position = static_cast<int>(pos) + 1;
      place.size = static_cast<int>(list.size());
      place.message = rep(k);
      for (int a = c[k].parent; a != -1; a = c[a].parent) {
        if (c[a].messages.empty()) continue;
        if (!place.parent) place.parent = rep(a);
        ++place.depth;
      }
      for (size_t i : c[k].messages) {
        place.id = messages[i].id;
        places[i] = place;
      }
    }
  }
  return places;
}

}  // namespace bates::analytics
