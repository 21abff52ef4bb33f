// PrivilegeScreen: flags items that involve the matter's attorneys and law offices (by name,
// email address or domain, in the sender, recipients or author) or use its privilege terms
// ("attorney-client", "legal advice") in their subject or text, each with why. The screen only
// flags, for review: nothing is withheld without a reviewer's decision (engine: `bates code ...
// withhold=yes`).
//
// Names and terms in the text are found in one Vectorscan pass (review/pattern_set.h); addresses
// are compared as values.
//
// Thread safety: Check is for one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::review {

// One entry of the list. kind: "name" (a person or office, matched in display names, the author
// and the text), "email" (an address), "domain" (an address's domain or any subdomain of it),
// "term" (a word or phrase in the subject or text).
struct PrivilegeEntry {
  std::string kind;
  std::string value;
  std::string label;  // who or what it is, shown in the reasons
};

class PatternSet;

class PrivilegeScreen {
 public:
  // InvalidArgument for an unknown kind or an empty value.
  static Result<std::unique_ptr<PrivilegeScreen>> Create(const std::vector<PrivilegeEntry>& list);
  ~PrivilegeScreen();

  // Why the item is flagged, one reason per entry and place ("cc machterberg@… (email: Senior
  // Deputy City Attorney)"), sorted; empty when it is not.
  Result<std::vector<std::string>> Check(const model::Metadata& meta, std::string_view text);

 private:
  explicit PrivilegeScreen(std::vector<PrivilegeEntry> list);
  std::vector<PrivilegeEntry> list_;
  std::vector<size_t> text_entries_;  // pattern id -> index in list_
  std::unique_ptr<PatternSet> set_;   // null when no entry is looked for in the text
};

// Checks an entry's kind and value; the value normalised (addresses and domains lower-cased, no
// leading '@').
Result<PrivilegeEntry> NormalizePrivilegeEntry(const PrivilegeEntry& entry);

}  // namespace bates::review
