// Helpers shared by the store's tests: scratch directories and items with every field filled.
//
// A TempDir is a fresh directory under $BATES_TEST_TMP (set by CTest) or the system temporary
// directory, removed with everything in it when the TempDir is destroyed.
//
// Thread safety: plain values and functions; use from the test's thread.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "store/case_store.h"

namespace bates::store::testing {

class TempDir {
 public:
  explicit TempDir(std::string_view name) {
    const char* base = std::getenv("BATES_TEST_TMP");
    std::filesystem::path root = base != nullptr && *base != '\0'
                                     ? std::filesystem::path(base)
                                     : std::filesystem::temp_directory_path();
    std::filesystem::create_directories(root);
    std::string templ = (root / (std::string(name) + "-XXXXXX")).string();
    if (::mkdtemp(templ.data()) == nullptr) ADD_FAILURE() << "mkdtemp " << templ << " failed";
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A processed loose file: the top of its own tree and family.
inline Item MakeItem(model::ItemId id, int64_t source_id, model::ItemId top_id,
                     std::string relative_path) {
  Item item;
  item.id = id;
  item.source_id = source_id;
  item.family_id = id;
  item.top_id = top_id;
  item.relative_path = std::move(relative_path);
  item.name = item.relative_path;
  item.mime_type = "text/plain";
  item.size = 100 + static_cast<uint64_t>(id);
  item.sha256 = std::string(64, 'a');
  return item;
}

// An email with every field of Item and Metadata set to something distinct. Its parent is the
// item before it (none for item 1), which must be stored first.
inline Item MakeFullItem(model::ItemId id, int64_t source_id) {
  Item item;
  item.id = id;
  item.source_id = source_id;
  if (id > 1) item.parent_id = id - 1;
  item.family_id = id;
  item.top_id = id - 1;
  item.kind = model::ItemKind::kEmail;
  item.relative_path = "mail/inbox.mbox";
  item.inner_path = "3";
  item.name = "Budget — Q3 (draft).eml";
  item.mime_type = "message/rfc822";
  item.reader = "email";
  item.size = (uint64_t{1} << 40) + 7;
  item.md5 = "0123456789abcdef0123456789abcdef";
  item.sha1 = "0123456789abcdef0123456789abcdef01234567";
  item.sha256 = "ab" + std::string(62, 'c');
  item.native_blob = item.sha256;
  item.text_blob = "cd" + std::string(62, 'e');
  item.text_bytes = 12345;
  item.flags = model::kFlagEncrypted | model::kFlagFloatingDate;
  item.status = model::ItemStatus::kException;
  item.exception_code = "encrypted";
  item.exception_tool = "gmime";
  item.exception_message = "part 2 is encrypted";
  item.sort_date = Timestamp{1516806900, -300, false};
  model::Metadata& m = item.meta;
  m.from = model::Address{"Chief Ramos", "chief@city.example"};
  m.to = {{"A", "a@city.example"}, {"", "b@city.example"}, {"C \"Q\" D", "c@city.example"}};
  m.cc = {{"Zed", "z@city.example"}};
  m.bcc = {{"Bee", "bee@city.example"}, {"Aye", "aye@city.example"}};
  m.subject = "Re: budget\nsecond line";
  m.sent = Timestamp{1516806900, -300, false};
  m.received = Timestamp{1516806960, 60, false};
  m.created = Timestamp{1516000000, 0, true};
  m.modified = std::nullopt;
  m.author = "R. Ramos";
  m.last_author = "J. Doe";
  m.title = "Budget";
  m.file_name = "budget.eml";
  m.message_id = "m1@city.example";
  m.in_reply_to = "m0@city.example";
  m.references = {"r1@city.example", "r2@city.example", "m0@city.example"};
  m.conversation_index = "AdQ=";
  m.language = "en";
  m.extra = {{"x-mailer", "Fictional Mail 1.0"}, {"a-header", "first"}, {"x-mailer", "again"}};
  return item;
}

// Every field of an item, one per line, so that a mismatch shows exactly what differs.
inline std::string Describe(const Item& item) {
  auto date = [](const std::optional<Timestamp>& t) {
    return t ? fmt::format("{}{:+}{}", t->utc_seconds, t->offset_minutes, t->floating ? "F" : "")
             : std::string("none");
  };
  auto addresses = [](const std::vector<model::Address>& list) {
    std::string out;
    for (const auto& a : list) out += fmt::format("[{}|{}]", a.name, a.address);
    return out;
  };
  const model::Metadata& m = item.meta;
  std::string out = fmt::format(
      "id={}\nsource={}\nparent={}\nfamily={}\ntop={}\nkind={}\nrel={}\ninner={}\nname={}\n"
      "mime={}\nreader={}\nsize={}\nmd5={}\nsha1={}\nsha256={}\nnative={}\ntext={}\ntext_bytes={}\n"
      "flags={}\nstatus={}\ncode={}\ntool={}\nmessage={}\nsort={}\n",
      item.id, item.source_id, item.parent_id ? std::to_string(*item.parent_id) : "none",
      item.family_id, item.top_id, model::ItemKindName(item.kind), item.relative_path,
      item.inner_path, item.name, item.mime_type, item.reader, item.size, item.md5, item.sha1,
      item.sha256, item.native_blob, item.text_blob, item.text_bytes, item.flags,
      model::ItemStatusName(item.status), item.exception_code, item.exception_tool,
      item.exception_message, date(item.sort_date));
  out += fmt::format(
      "from={}\nto={}\ncc={}\nbcc={}\nsubject={}\nsent={}\nreceived={}\ncreated={}\nmodified={}\n"
      "author={}\nlast_author={}\ntitle={}\nfile_name={}\nmessage_id={}\nin_reply_to={}\n"
      "conversation_index={}\nlanguage={}\n",
      m.from ? addresses({*m.from}) : "none", addresses(m.to), addresses(m.cc), addresses(m.bcc),
      m.subject, date(m.sent), date(m.received), date(m.created), date(m.modified), m.author,
      m.last_author, m.title, m.file_name, m.message_id, m.in_reply_to, m.conversation_index,
      m.language);
  out += fmt::format("references({})=", m.references.size());
  for (const auto& r : m.references) out += "[" + r + "]";
  out += fmt::format("\nextra({})=", m.extra.size());
  for (const auto& [k, v] : m.extra) out += "[" + k + "=" + v + "]";
  return out + "\n";
}

}  // namespace bates::store::testing
