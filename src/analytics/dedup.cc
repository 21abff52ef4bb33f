#include "analytics/dedup.h"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>

#include "analytics/words.h"
#include "core/hash.h"
#include "core/text.h"

namespace bates::analytics {
namespace {

// Field separators that cannot occur in the normalised values (words, addresses, hex).
constexpr char kField = '\x1e';
constexpr char kValue = '\x1f';

std::string NormalAddress(std::string_view address) {
  std::string a = AsciiLower(TrimAscii(address));
  if (a.size() >= 2 && a.front() == '<' && a.back() == '>') a = a.substr(1, a.size() - 2);
  return a;
}

void AppendAddresses(std::string& out, const std::vector<std::string>& list) {
  std::vector<std::string> normal;
  for (const std::string& a : list) {
    std::string n = NormalAddress(a);
    if (!n.empty()) normal.push_back(std::move(n));
  }
  std::sort(normal.begin(), normal.end());
  normal.erase(std::unique(normal.begin(), normal.end()), normal.end());
  for (const std::string& a : normal) {
    out += a;
    out.push_back(kValue);
  }
  out.push_back(kField);
}

}  // namespace

std::string_view DedupScopeName(DedupScope scope) {
  return scope == DedupScope::kGlobal ? "global" : "custodian";
}

Result<DedupScope> ParseDedupScope(std::string_view name) {
  if (name == "global") return DedupScope::kGlobal;
  if (name == "custodian") return DedupScope::kCustodian;
  return InvalidArgumentError("dedup scope is 'global' or 'custodian', not '{}'", name);
}

std::string BodyFingerprint(std::string_view body_text) {
  return Xxh3_128Hex(WordString(body_text));
}

std::string EmailDedupKey(const EmailIdentity& email) {
  std::string s = "email-v1";
  s.push_back(kField);
  s += NormalAddress(email.from);
  s.push_back(kField);
  AppendAddresses(s, email.to);
  AppendAddresses(s, email.cc);
  AppendAddresses(s, email.bcc);
  s += WordString(email.subject);
  s.push_back(kField);
  if (email.sent_utc) {
    // Floor to the minute, also for times before 1970.
    int64_t t = *email.sent_utc;
    int64_t minute = t >= 0 ? t / 60 : -((-t + 59) / 60);
    s += std::to_string(minute);
  }
  s.push_back(kField);
  s += email.body_fingerprint;
  s.push_back(kField);
  std::vector<std::string> attachments = email.attachment_sha256;
  std::sort(attachments.begin(), attachments.end());
  for (const std::string& a : attachments) {
    s += AsciiLower(a);
    s.push_back(kValue);
  }
  return Sha256Hex(s);
}

EmailIdentity EmailIdentityFrom(const model::Metadata& meta, std::string_view body_text,
                                std::vector<std::string> attachment_sha256) {
  EmailIdentity e;
  if (meta.from) e.from = meta.from->address;
  for (const model::Address& a : meta.to) e.to.push_back(a.address);
  for (const model::Address& a : meta.cc) e.cc.push_back(a.address);
  for (const model::Address& a : meta.bcc) e.bcc.push_back(a.address);
  e.subject = meta.subject;
  if (meta.sent) e.sent_utc = meta.sent->utc_seconds;
  e.body_fingerprint = BodyFingerprint(body_text);
  e.attachment_sha256 = std::move(attachment_sha256);
  return e;
}

DedupResult FindDuplicates(std::vector<DedupItem> items, DedupScope scope) {
  std::sort(items.begin(), items.end(),
            [](const DedupItem& a, const DedupItem& b) { return a.id < b.id; });
  std::unordered_map<int64_t, std::vector<size_t>> members;  // head id → members, in id order
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].id != items[i].family_id) members[items[i].family_id].push_back(i);
  }

  // Heads by key; std::map so groups come out in a stable order.
  std::map<std::string, std::vector<size_t>> by_key;
  for (size_t i = 0; i < items.size(); ++i) {
    const DedupItem& item = items[i];
    if (item.id != item.family_id || item.key.empty()) continue;
    std::string key = item.key;
    if (scope == DedupScope::kCustodian) key = std::to_string(item.custodian_id) + ":" + key;
    by_key[key].push_back(i);
  }

  DedupResult result;
  result.items.resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) result.items[i].id = items[i].id;

  for (auto& [key, heads] : by_key) {
    if (heads.size() < 2) continue;
    // Items were sorted by id, so heads are in id order: the first is the master.
    const int64_t master = items[heads.front()].id;
    DedupResult::Group group;
    group.master = master;
    for (size_t h : heads) {
      group.heads.push_back(items[h].id);
      group.custodian_ids.push_back(items[h].custodian_id);
      result.items[h].group = master;
    }
    std::sort(group.custodian_ids.begin(), group.custodian_ids.end());
    group.custodian_ids.erase(std::unique(group.custodian_ids.begin(), group.custodian_ids.end()),
                              group.custodian_ids.end());

    // The master family's members by SHA-256, each matched once, in id order.
    std::unordered_map<std::string, std::deque<int64_t>> master_members;
    for (size_t m : members[master]) {
      result.items[m].group = master;
      master_members[items[m].sha256].push_back(items[m].id);
    }
    for (size_t k = 1; k < heads.size(); ++k) {
      const size_t h = heads[k];
      result.items[h].duplicate_of = master;
      ++result.duplicate_items;
      std::unordered_map<std::string, std::deque<int64_t>> available = master_members;
      for (size_t m : members[items[h].id]) {
        result.items[m].group = master;
        auto it = available.find(items[m].sha256);
        if (items[m].sha256.empty() || it == available.end() || it->second.empty()) continue;
        result.items[m].duplicate_of = it->second.front();
        it->second.pop_front();
        ++result.duplicate_items;
      }
    }
    result.groups.push_back(std::move(group));
  }
  std::sort(
      result.groups.begin(), result.groups.end(),
      [](const DedupResult::Group& a, const DedupResult::Group& b) { return a.master < b.master; });
  return result;
}

}  // namespace bates::analytics
