// MAPI reader: Outlook items in bates' serialised form (mapi.h) — how the PST reader hands on
// each message, contact, appointment and task of a store, and how the MSG reader hands on a
// message embedded in another. The form is ours and its parser checks every length against the
// input, so this reader runs in process (a helper process per message would cost more than the
// message). The item heads a family, its attachments are its children; items that are not mail
// (appointments, contacts, tasks, notes) get a type of their own: application/vnd.bates.mapi-
// appointment, -contact, -task, -note, -journal, -distribution_list.
#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"
#include "ingest/readers/mapi.h"

namespace bates::ingest {
namespace {

class MapiReader final : public Reader {
 public:
  std::string_view name() const override { return "mapi"; }
  std::vector<std::string> mime_types() const override {
    return {std::string(mapi::kSerialMimeType)};
  }
  bool is_email() const override { return true; }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    BATES_ASSIGN_OR_RETURN(mapi::Message message, mapi::Parse(bytes));
    mapi::EmitOptions options;
    // The PST reader stores the store's code page on every message it writes, so 1252 is only
    // the default for items that say nothing at all.
    options.default_codepage = 1252;
    options.typed_by_class = true;
    return mapi::EmitMessage(message, context, options);
  }
};

}  // namespace

BATES_REGISTER_READER(MapiReader)

}  // namespace bates::ingest
