#include "model/item.h"

#include <array>
#include <charconv>

namespace bates::model {

std::string FormatItemId(ItemId id) { return fmt::format("DOC-{:06}", id); }

Result<ItemId> ParseItemId(std::string_view text) {
  std::string_view digits = text;
  if (digits.size() > 4 && (digits.substr(0, 4) == "DOC-" || digits.substr(0, 4) == "doc-")) {
    digits.remove_prefix(4);
  }
  ItemId id = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || id <= 0) {
    return InvalidArgumentError("'{}' is not an item id (like DOC-000123)", text);
  }
  return id;
}

namespace {
constexpr std::array<std::string_view, 5> kKindNames = {"file", "email", "attachment", "embedded",
                                                        "container"};
}

std::string_view ItemKindName(ItemKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

Result<ItemKind> ParseItemKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<ItemKind>(i);
  }
  return InvalidArgumentError("unknown item kind '{}'", name);
}

ItemKind ChildKind(ItemKind parent, bool child_is_container, bool child_is_email) {
  switch (parent) {
    case ItemKind::kContainer:
      if (child_is_container) return ItemKind::kContainer;
      return child_is_email ? ItemKind::kEmail : ItemKind::kFile;
    case ItemKind::kEmail:
      return ItemKind::kAttachment;
    case ItemKind::kFile:
    case ItemKind::kAttachment:
    case ItemKind::kEmbedded:
      return ItemKind::kEmbedded;
  }
  return ItemKind::kEmbedded;
}

std::string_view ItemStatusName(ItemStatus status) {
  return status == ItemStatus::kProcessed ? "processed" : "exception";
}

std::vector<std::string> FlagNames(uint32_t flags) {
  static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
      {kFlagEncrypted, "encrypted"},        {kFlagOcr, "ocr"},
      {kFlagTruncated, "truncated"},        {kFlagNoText, "no_text"},
      {kFlagFloatingDate, "floating_date"}, {kFlagIsolated, "isolated"},
  };
  std::vector<std::string> out;
  for (auto [bit, name] : kNames) {
    if ((flags & bit) != 0) out.emplace_back(name);
  }
  return out;
}

std::string FormatAddress(const Address& a) {
  if (a.name.empty()) return a.address;
  if (a.address.empty()) return a.name;
  return fmt::format("{} <{}>", a.name, a.address);
}

std::string FormatAddressList(const std::vector<Address>& list) {
  std::string out;
  for (const Address& a : list) {
    if (!out.empty()) out += "; ";
    out += FormatAddress(a);
  }
  return out;
}

std::optional<Timestamp> OwnSortDate(const Metadata& meta, ItemKind kind) {
  if (kind == ItemKind::kEmail || meta.sent) {
    if (meta.sent) return meta.sent;
    if (meta.received) return meta.received;
  }
  if (meta.modified) return meta.modified;
  if (meta.created) return meta.created;
  return std::nullopt;
}

}  // namespace bates::model
