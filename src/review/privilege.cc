#include "review/privilege.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "review/pattern_set.h"

namespace bates::review {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Describe(const PrivilegeEntry& e) {
  return e.label.empty() ? fmt::format("{} on the privilege list", e.kind)
                         : fmt::format("{}: {}", e.kind, e.label);
}

bool InDomain(const std::string& address, const std::string& domain) {
  size_t at = address.rfind('@');
  if (at == std::string::npos) return false;
  std::string_view host = std::string_view(address).substr(at + 1);
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

}  // namespace

Result<PrivilegeEntry> NormalizePrivilegeEntry(const PrivilegeEntry& entry) {
  PrivilegeEntry e = entry;
  e.value = std::string(TrimAscii(e.value));
  if (e.value.empty()) return InvalidArgumentError("an empty {} on the privilege list", e.kind);
  if (e.kind == "email") {
    e.value = Lower(e.value);
    if (e.value.find('@') == std::string::npos) {
      return InvalidArgumentError("'{}' is not an email address", e.value);
    }
  } else if (e.kind == "domain") {
    e.value = Lower(e.value);
    if (e.value.front() == '@') e.value.erase(0, 1);
    if (e.value.empty() || e.value.find('@') != std::string::npos) {
      return InvalidArgumentError("'{}' is not a domain", entry.value);
    }
  } else if (e.kind != "name" && e.kind != "term") {
    return InvalidArgumentError("unknown kind '{}' (name, email, domain or term)", e.kind);
  }
  return e;
}

PrivilegeScreen::PrivilegeScreen(std::vector<PrivilegeEntry> list) : list_(std::move(list)) {}
PrivilegeScreen::~PrivilegeScreen() = default;

Result<std::unique_ptr<PrivilegeScreen>> PrivilegeScreen::Create(
    const std::vector<PrivilegeEntry>& list) {
  std::vector<PrivilegeEntry> normalized;
  for (const PrivilegeEntry& e : list) {
    BATES_ASSIGN_OR_RETURN(PrivilegeEntry n, NormalizePrivilegeEntry(e));
    normalized.push_back(std::move(n));
  }
  auto screen = std::unique_ptr<PrivilegeScreen>(new PrivilegeScreen(std::move(normalized)));
  std::vector<Pattern> patterns;
  for (size_t i = 0; i < screen->list_.size(); ++i) {
    const PrivilegeEntry& e = screen->list_[i];
    // Names and terms are looked for in the text; so are addresses, which appear in quoted
    // headers of forwarded mail. A domain alone in the text says too little.
    if (e.kind == "domain") continue;
    patterns.push_back(Pattern{PatternSet::LiteralWord(e.value),
                               static_cast<uint32_t>(screen->text_entries_.size()), true});
    screen->text_entries_.push_back(i);
  }
  if (!patterns.empty()) {
    BATES_ASSIGN_OR_RETURN(screen->set_, PatternSet::Compile(patterns));
  }
  return screen;
}

Result<std::vector<std::string>> PrivilegeScreen::Check(const model::Metadata& meta,
                                                        std::string_view text) {
  std::set<std::string> why;
  auto check_address = [&](std::string_view role, const model::Address& a) {
    const std::string address = Lower(a.address);
    const std::string name = Lower(a.name);
    for (const PrivilegeEntry& e : list_) {
      bool hit = (e.kind == "email" && address == e.value) ||
                 (e.kind == "domain" && InDomain(address, e.value)) ||
                 (e.kind == "name" && !name.empty() && name == Lower(e.value));
      if (hit) {
        why.insert(fmt::format("{} {} ({})", role, model::FormatAddress(a), Describe(e)));
      }
    }
  };
  if (meta.from) check_address("from", *meta.from);
  for (const model::Address& a : meta.to) check_address("to", a);
  for (const model::Address& a : meta.cc) check_address("cc", a);
  for (const model::Address& a : meta.bcc) check_address("bcc", a);
  for (const std::string* author : {&meta.author, &meta.last_author}) {
    for (const PrivilegeEntry& e : list_) {
      if (e.kind == "name" && !author->empty() && Lower(*author) == Lower(e.value)) {
        why.insert(fmt::format("author {} ({})", *author, Describe(e)));
      }
    }
  }
  if (set_) {
    for (auto [where, body] :
         {std::pair<std::string_view, std::string_view>{"subject", meta.subject}, {"text", text}}) {
      std::set<size_t> found;
      BATES_RETURN_IF_ERROR(set_->Scan(
          body, [&](uint32_t id, uint64_t, uint64_t) { found.insert(text_entries_[id]); }));
      for (size_t i : found) {
        why.insert(fmt::format("{} says \"{}\" ({})", where, list_[i].value, Describe(list_[i])));
      }
    }
  }
  return std::vector<std::string>(why.begin(), why.end());
}

}  // namespace bates::review
