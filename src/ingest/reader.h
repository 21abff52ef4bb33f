// Reader: the interface every format implements. Adding a format is one file in readers/: a class
// derived from Reader, and BATES_REGISTER_READER(ClassName) at the end of it.
//
// A reader gets one document (Input) and a ReadContext. It reports the document's own text and
// metadata with SetDocument(), then each thing found inside it (attachment, archive member, mbox
// message, embedded object) with AddChild(). The framework (extractor.h) detects each child's
// type, runs the right reader on it — recursively, depth first — hashes it, applies the limits,
// and emits it as an item. Readers never recurse themselves, never touch the store or the index,
// and never print.
//
// A reader returns a non-ok Status when the document cannot be read (Corrupt, Encrypted,
// UnsupportedFormat, ResourceExhausted...): the item becomes an exception with that reason, and
// the children it already reported stay. A reader must not crash or hang on hostile input; one
// whose library might is marked isolated() and runs in a helper process with time and memory
// limits (helper.h).
//
// Thread safety: Read() is called on many threads at once; a reader keeps no mutable state.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "core/result.h"
#include "ingest/input.h"
#include "model/item.h"

namespace bates::ingest {

// What a reader extracts from the document itself.
struct Extracted {
  std::string text;  // UTF-8; the framework repairs invalid sequences
  model::Metadata meta;
  uint32_t flags = 0;     // model::ItemFlag bits
  std::string mime_type;  // set when the reader knows the type better than detection did
};

// Something found inside a document.
struct Child {
  std::string name;                  // its file name, or a label such as "message 12"
  std::string bytes;                 // its content, when held in memory
  std::filesystem::path spill_path;  // or a temporary file holding it (large members); the
                                     // framework deletes the file when done with it
  model::Metadata meta;              // what the parent knows of it (attachment name, entry dates)
  std::string declared_type;         // the MIME type the parent declared, a hint only
  uint64_t compressed_size = 0;  // its stored size in an archive, for the ratio limit; 0 if none
  Status failure;                // non-ok: the parent could not extract it; it becomes an
                                 // exception item with this reason
};

class ReadContext {
 public:
  virtual ~ReadContext() = default;
  // The document's own text and metadata. At most once, and before the first AddChild.
  virtual Status SetDocument(Extracted document) = 0;
  // A child, processed in full before this returns. A non-ok return means stop reading and return
  // that status (a limit of the whole file was reached, or the run was cancelled).
  virtual Status AddChild(Child child) = 0;
  virtual const Limits& limits() const = 0;
  // Where a reader may write temporary files (spilled members); removed after the run.
  virtual const std::filesystem::path& temp_dir() const = 0;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // A short stable name ("eml", "mbox", "pdf"), stored with each item it reads.
  virtual std::string_view name() const = 0;
  // The MIME types this reader takes, as detection (detect.h) reports them.
  virtual std::vector<std::string> mime_types() const = 0;
  // A container's children are documents of their own (mbox, ZIP); the item is not a document.
  virtual bool is_container() const { return false; }
  // The document is an email message: it heads a family and its children are attachments.
  virtual bool is_email() const { return false; }
  // Run in a helper process (its library may crash or hang on hostile input).
  virtual bool isolated() const { return false; }
  // The library whose failure a Read error reports ("gmime", "poppler"), for exception items.
  virtual std::string_view tool() const { return name(); }

  virtual Status Read(const Input& input, ReadContext& context) const = 0;
};

// All readers linked into the program, by name and by MIME type.
class ReaderRegistry {
 public:
  static ReaderRegistry& Global();

  void Register(std::unique_ptr<Reader> reader);
  // The reader for a detected MIME type, or nullptr.
  const Reader* ForMimeType(std::string_view mime_type) const;
  const Reader* ByName(std::string_view name) const;
  std::vector<const Reader*> All() const;

 private:
  std::vector<std::unique_ptr<Reader>> readers_;
};

// Registers a reader at program start. The ingest library is linked whole-archive so that every
// reader file is kept.
#define BATES_REGISTER_READER(Class)                                               \
  namespace {                                                                      \
  [[maybe_unused]] const bool bates_registered_##Class = [] {                      \
    ::bates::ingest::ReaderRegistry::Global().Register(std::make_unique<Class>()); \
    return true;                                                                   \
  }();                                                                             \
  }

}  // namespace bates::ingest
