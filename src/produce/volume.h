// Writing a production volume: given the plan's order, each document is imaged (a PDF stamped page
// by page; an email or text rendered, then stamped; a native-only or withheld item as a stamped
// slip sheet), numbered, and its native and text written; then the load files (DATA/<VOL>.dat,
// .opt, .csv) are written from what was produced.
//
//   <VOL>/DATA/<VOL>.dat .opt .csv
//   <VOL>/IMAGES/0001/<BATES>.pdf|.tif    one file per page, named by the page's Bates number
//   <VOL>/NATIVES/0001/<BEGBATES>.<ext>   items produced natively
//   <VOL>/TEXT/0001/<BEGBATES>.txt        UTF-8 text of every produced document
//
// Load-file paths are relative to the volume folder, with backslashes as Windows platforms read.
// The engine supplies documents through ContentSource, so this module needs no store and no
// review: what review decided arrives as DocumentInput::withheld, ::redacted and ::confidentiality.
// A redacted document is written as rasterised page images (boxes burnt in) and its redacted
// text; its native is not produced (NATIVEPATH empty) and the DAT says REDACTED=Y.
//
// Thread safety: one WriteVolume at a time per volume folder.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "model/item.h"
#include "produce/bates.h"
#include "produce/imaging/stamp.h"
#include "produce/loadfile/dat.h"
#include "produce/loadfile/opt.h"
#include "produce/spec.h"

namespace bates::produce {

struct DocumentInput {
  model::ItemId id = 0;
  std::optional<model::ItemId> parent_id;
  model::ItemId family_id = 0;
  model::ItemKind kind = model::ItemKind::kFile;
  std::string custodian;
  std::vector<std::string> all_custodians;
  std::string from, to, cc, bcc;  // formatted, "; " between addresses
  std::string subject, author, file_name, mime_type;
  std::optional<Timestamp> sent, created, modified;
  std::string md5, sha1;
  bool has_native = false;
  std::vector<std::string> attachment_names;
  std::string confidentiality;  // legend, e.g. "CONFIDENTIAL"; "" for none
  std::string requests;         // the requests it answers, e.g. "1; 3"
  bool withheld = false;        // review withheld it: slip sheet only
  std::string withheld_reason;
  // Review redacted it: it goes out as rasterised images and redacted text, never its native.
  // The engine supplies the redacted text through ContentSource::Text and scrubs the redacted
  // values from the metadata above; `text_redacted` says spans were cut from its text: a native
  // PDF's pages then get a box over every occurrence (`text_spans`), or, when one cannot be
  // placed on a page, the PDF is imaged from the redacted text instead.
  bool redacted = false;
  bool text_redacted = false;
  std::map<int, std::vector<imaging::RedactionBox>> page_boxes;  // 1-based page → boxes
  std::vector<imaging::TextRedaction> text_spans;  // values cut from the text, for a PDF's pages
};

class ContentSource {
 public:
  virtual ~ContentSource() = default;
  virtual Result<DocumentInput> Document(model::ItemId id) = 0;
  virtual Result<std::string> Native(model::ItemId id) = 0;
  virtual Result<std::string> Text(model::ItemId id) = 0;  // "" when there is none
};

struct VolumeRequest {
  std::filesystem::path dir;  // the volume folder; must not exist yet
  std::string volume;         // e.g. VOL001
  BatesFormat bates;
  int64_t start = 1;
  ProductionSpec spec;
  const TimeZone* time_zone = nullptr;  // dates in load files; UTC when null
  std::vector<model::ItemId> order;     // the plan's order
};

struct ProducedDoc {
  model::ItemId id = 0;
  int64_t beg = 0, end = 0;  // Bates numbers
  int64_t pages = 0;
  std::string how;        // "stamped" (its own PDF), "rendered", "native" (slip sheet), "withheld"
  std::string note;       // why a PDF was rendered from text instead (encrypted, corrupt, redacted)
  bool redacted = false;  // images rasterised with boxes, text redacted, no native
  std::string native_path, text_path;  // load-file paths ("" when none)
  std::vector<std::string> image_paths;
};

struct VolumeResult {
  std::vector<ProducedDoc> docs;
  int64_t first = 0, last = 0;  // Bates numbers; last < first when nothing was produced
  int64_t pages = 0;
  loadfile::LoadTable table;
  std::vector<loadfile::OptRecord> opt;
};

Result<VolumeResult> WriteVolume(const VolumeRequest& request, ContentSource& source);

// The legend at a page's lower left: the document's confidentiality, else the spec's
// endorsement_left.
std::string Legend(const DocumentInput& in, const ProductionSpec& spec);

// Whether an item of this MIME type is produced natively with a slip sheet rather than imaged
// (spreadsheets, audio, video, databases, and the spec's extra types).
bool IsNativeOnly(std::string_view mime_type, const ProductionSpec& spec);

}  // namespace bates::produce
