#include "index/index_writer.h"

#include <xapian.h>

#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/text.h"
#include "index/schema.h"
#include "index/xapian_internal.h"
#include "model/item.h"

namespace bates::index {

struct PreparedDocument::Rep {
  int64_t id = 0;
  Xapian::Document document;
  // A Xapian error met while preparing, reported by Add (Prepare itself cannot fail).
  std::string error;
};

PreparedDocument::PreparedDocument(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;
PreparedDocument::~PreparedDocument() = default;

namespace {

void AddWholeTerm(Xapian::Document& document, std::string_view prefix, std::string_view value) {
  if (value.empty()) return;
  std::string term(prefix);
  term += value;
  // Glass refuses longer terms and would fail the whole document; the words still index it.
  if (term.size() > schema::kMaxTermBytes) return;
  document.add_term(term);
}

void IndexAddresses(Xapian::TermGenerator& generator, Xapian::Document& document,
                    std::string_view prefix, const std::vector<model::Address>& addresses) {
  std::string prefix_string(prefix);
  for (const model::Address& address : addresses) {
    for (const std::string& term : schema::AddressTerms(address.address)) {
      AddWholeTerm(document, prefix, term);
    }
    generator.index_text(address.name, 1, prefix_string);
    // Keeps a phrase from running from one person's name into the next.
    generator.increase_termpos();
  }
}

void IndexTypes(Xapian::Document& document, const IndexDocument& input) {
  std::string mime = schema::Lower(input.mime_type);
  size_t semicolon = mime.find(';');
  if (semicolon != std::string::npos) mime.resize(semicolon);
  while (!mime.empty() && mime.back() == ' ') mime.pop_back();
  std::string_view prefix = schema::kPrefixType;
  AddWholeTerm(document, prefix, mime);
  size_t slash = mime.find('/');
  if (slash != std::string::npos) {
    AddWholeTerm(document, prefix, mime.substr(0, slash));
    AddWholeTerm(document, prefix, mime.substr(slash + 1));
  }
  AddWholeTerm(document, prefix, schema::TypeFamily(mime));
  AddWholeTerm(document, prefix, model::ItemKindName(input.kind));
}

void SetDate(Xapian::Document& document, unsigned slot, const std::optional<int64_t>& utc) {
  if (utc) document.add_value(slot, internal::SerialiseInt(*utc));
}

Xapian::TermGenerator& Generator() {
  // TermGenerator is not thread-safe and the stemmer is costly to build: one per thread.
  thread_local Xapian::TermGenerator generator = [] {
    Xapian::TermGenerator g;
    g.set_stemmer(Xapian::Stem(internal::kStemmerLanguage));
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    return g;
  }();
  return generator;
}

void Fill(Xapian::Document& document, const IndexDocument& input) {
  Xapian::TermGenerator& generator = Generator();
  generator.set_document(document);
  generator.set_termpos(0);

  generator.index_text(input.text);
  for (const std::string& address : schema::FindAddresses(input.text)) {
    AddWholeTerm(document, schema::kPrefixBody, address);
  }

  std::string subject_prefix(schema::kPrefixSubject);
  generator.increase_termpos();
  generator.index_text(input.subject, 1, subject_prefix);
  for (const std::string& address : schema::FindAddresses(input.subject)) {
    AddWholeTerm(document, subject_prefix, address);
  }

  IndexAddresses(generator, document, schema::kPrefixFrom, input.from);
  IndexAddresses(generator, document, schema::kPrefixTo, input.to);
  IndexAddresses(generator, document, schema::kPrefixCc, input.cc);
  IndexAddresses(generator, document, schema::kPrefixBcc, input.bcc);

  std::string custodian(TrimAscii(input.custodian));
  AddWholeTerm(document, schema::kPrefixCustodian, schema::Lower(custodian));
  generator.index_text(custodian, 1, std::string(schema::kPrefixCustodian));

  std::string file_name(TrimAscii(input.file_name));
  AddWholeTerm(document, schema::kPrefixFileName, schema::Lower(file_name));
  generator.index_text(schema::FileNameText(file_name), 1, std::string(schema::kPrefixFileName));

  IndexTypes(document, input);

  document.add_boolean_term(internal::IdTerm(input.id));
  document.set_data(std::to_string(input.id));

  SetDate(document, schema::kSortDateSlot, input.sort_date);
  SetDate(document, schema::kSentSlot, input.sent);
  SetDate(document, schema::kCreatedSlot, input.created);
  SetDate(document, schema::kModifiedSlot, input.modified);
  document.add_value(schema::kSizeSlot,
                     Xapian::sortable_serialise(static_cast<double>(input.size)));
  document.add_value(schema::kIdSlot, internal::SerialiseInt(input.id));
  document.add_value(schema::kFamilyIdSlot, internal::SerialiseInt(input.family_id));
}

class XapianIndexWriter final : public IndexWriter {
 public:
  XapianIndexWriter(std::filesystem::path dir, Xapian::WritableDatabase db)
      : dir_(std::move(dir)), db_(std::move(db)) {}

  Status Add(PreparedDocument document) override {
    PreparedDocument::Rep& rep = document.rep();
    if (!rep.error.empty()) {
      return InternalError("indexing {}: {}", model::FormatItemId(rep.id), rep.error);
    }
    try {
      db_.replace_document(internal::IdTerm(rep.id), rep.document);
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return internal::StatusFromXapian(e, "indexing " + model::FormatItemId(rep.id));
    }
  }

  Status Delete(int64_t id) override {
    try {
      db_.delete_document(internal::IdTerm(id));
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return internal::StatusFromXapian(e, "deleting " + model::FormatItemId(id));
    }
  }

  Status DeleteAbove(int64_t id) override {
    try {
      // Collect first: deleting while a value stream is open would invalidate it.
      std::vector<Xapian::docid> doomed;
      for (auto it = db_.valuestream_begin(schema::kIdSlot);
           it != db_.valuestream_end(schema::kIdSlot); ++it) {
        if (Xapian::sortable_unserialise(*it) > static_cast<double>(id)) {
          doomed.push_back(it.get_docid());
        }
      }
      for (Xapian::docid docid : doomed) db_.delete_document(docid);
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return internal::StatusFromXapian(e,
                                        "deleting index entries above " + model::FormatItemId(id));
    }
  }

  Status Commit() override {
    try {
      db_.commit();
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return internal::StatusFromXapian(e, "committing index at " + dir_.string());
    }
  }

  Result<uint64_t> DocumentCount() override {
    try {
      return static_cast<uint64_t>(db_.get_doccount());
    } catch (const Xapian::Error& e) {
      return internal::StatusFromXapian(e, "counting index at " + dir_.string());
    }
  }

 private:
  std::filesystem::path dir_;
  Xapian::WritableDatabase db_;
};

}  // namespace

PreparedDocument Prepare(const IndexDocument& document) {
  auto rep = std::make_unique<PreparedDocument::Rep>();
  rep->id = document.id;
  try {
    Fill(rep->document, document);
  } catch (const Xapian::Error& e) {
    rep->error = e.get_description();
  }
  return PreparedDocument(std::move(rep));
}

void SetIdentity(PreparedDocument& document, int64_t id, int64_t family_id,
                 std::optional<int64_t> sort_date) {
  PreparedDocument::Rep& rep = document.rep();
  try {
    rep.document.remove_term(internal::IdTerm(rep.id));
    rep.document.add_boolean_term(internal::IdTerm(id));
    rep.document.set_data(std::to_string(id));
    rep.document.add_value(schema::kIdSlot, internal::SerialiseInt(id));
    rep.document.add_value(schema::kFamilyIdSlot, internal::SerialiseInt(family_id));
    if (sort_date) {
      rep.document.add_value(schema::kSortDateSlot, internal::SerialiseInt(*sort_date));
    } else {
      // An empty value removes the slot; remove_value() would throw when it is absent.
      rep.document.add_value(schema::kSortDateSlot, std::string());
    }
    rep.id = id;
  } catch (const Xapian::Error& e) {
    rep.id = id;
    rep.error = e.get_description();
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("creating index folder {}: {}", dir.string(), ec.message());
  try {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    return std::unique_ptr<IndexWriter>(new XapianIndexWriter(dir, std::move(db)));
  } catch (const Xapian::Error& e) {
    return internal::StatusFromXapian(e, "opening index at " + dir.string() + " for writing");
  }
}

}  // namespace bates::index
