#include "produce/volume.h"

#include <fmt/format.h>

#include "core/file.h"
#include "core/text.h"
#include "produce/imaging/stamp.h"
#include "produce/imaging/text_pdf.h"
#include "produce/load_table.h"
#include "produce/loadfile/csv.h"
#include "produce/write_file.h"

namespace bates::produce {
namespace {

namespace fs = std::filesystem;

// Files are spread over numbered folders so no folder grows past the spec's limit.
class Folders {
 public:
  Folders(std::string kind, int per_folder) : kind_(std::move(kind)), per_folder_(per_folder) {}
  // The next file's path relative to the volume, with '/' separators.
  std::string Next(const std::string& name) {
    int folder = static_cast<int>(count_++ / per_folder_) + 1;
    return fmt::format("{}/{:04d}/{}", kind_, folder, name);
  }

 private:
  std::string kind_;
  int per_folder_;
  int64_t count_ = 0;
};

std::string LoadFilePath(const std::string& rel) {
  std::string out = rel;
  for (char& c : out) {
    if (c == '/') c = '\\';
  }
  return out;
}

Status EnsureParent(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return IoError("creating {}: {}", path.parent_path().string(), ec.message());
  return Status::Ok();
}

std::string Extension(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot + 1 == name.size() || name.size() - dot > 9) return "bin";
  std::string ext = AsciiLower(name.substr(dot + 1));
  for (char c : ext) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return "bin";
  }
  return ext;
}

imaging::TextDocument TextDocumentOf(const DocumentInput& in, const std::string& text,
                                     const VolumeRequest& r) {
  imaging::TextDocument doc;
  auto date = [&](const std::optional<Timestamp>& t) {
    return t ? (r.time_zone ? r.time_zone->FormatLocal(t->utc_seconds)
                            : FormatIso8601Utc(t->utc_seconds))
             : std::string();
  };
  auto add = [&](const char* label, const std::string& value) {
    if (!value.empty()) doc.header.emplace_back(label, value);
  };
  if (in.kind == model::ItemKind::kEmail) {
    add("From", in.from);
    add("To", in.to);
    add("Cc", in.cc);
    add("Bcc", in.bcc);
    add("Sent", date(in.sent));
    add("Subject", in.subject);
  } else {
    add("File name", in.file_name);
    add("Author", in.author);
    add("Modified", date(in.modified));
  }
  doc.body = text;
  doc.attachments = in.attachment_names;
  return doc;
}

class VolumeWriter {
 public:
  VolumeWriter(const VolumeRequest& r, ContentSource& source)
      : r_(r),
        source_(source),
        images_("IMAGES", r.spec.files_per_folder),
        natives_("NATIVES", r.spec.files_per_folder),
        texts_("TEXT", r.spec.files_per_folder),
        next_(r.start) {}

  Result<VolumeResult> Run() {
    VolumeResult result;
    std::vector<DocumentInput> inputs;
    for (model::ItemId id : r_.order) {
      BATES_ASSIGN_OR_RETURN(DocumentInput in, source_.Document(id));
      BATES_ASSIGN_OR_RETURN(ProducedDoc doc, One(in));
      result.pages += doc.pages;
      inputs.push_back(std::move(in));
      result.docs.push_back(std::move(doc));
    }
    result.first = r_.start;
    result.last = next_ - 1;
    result.table = MakeLoadTable(r_, inputs, result.docs);
    for (const ProducedDoc& d : result.docs) {
      for (size_t p = 0; p < d.image_paths.size(); ++p) {
        loadfile::OptRecord rec;
        rec.image_key = r_.bates.Format(d.beg + static_cast<int64_t>(p));
        rec.volume = r_.volume;
        rec.path = d.image_paths[p];
        rec.doc_break = p == 0;
        rec.page_count = p == 0 ? d.pages : 0;
        result.opt.push_back(std::move(rec));
      }
    }
    result.table.encoding = loadfile::TextEncoding::kUtf8Bom;
    std::string base = "DATA/" + r_.volume;
    BATES_RETURN_IF_ERROR(Write(base + ".dat", loadfile::WriteDat(result.table)));
    BATES_RETURN_IF_ERROR(Write(base + ".opt", loadfile::WriteOpt(result.opt)));
    BATES_RETURN_IF_ERROR(Write(base + ".csv", loadfile::WriteCsv(result.table)));
    return result;
  }

 private:
  Status Write(const std::string& rel, std::string_view bytes) {
    fs::path path = r_.dir / rel;
    BATES_RETURN_IF_ERROR(EnsureParent(path));
    return WriteVolumeFile(path, bytes);
  }

  Result<ProducedDoc> One(const DocumentInput& in) {
    ProducedDoc doc;
    doc.id = in.id;
    std::string pdf;
    bool native = false;
    if (in.withheld) {
      doc.how = "withheld";
      BATES_ASSIGN_OR_RETURN(
          pdf, imaging::RenderSlipSheet(
                   "DOCUMENT WITHHELD",
                   {"Withheld: " + (in.withheld_reason.empty() ? std::string("privileged")
                                                               : in.withheld_reason),
                    "See the privilege log."}));
    } else if (in.redacted && (!in.has_native || IsNativeOnly(in.mime_type, r_.spec) ||
                               in.mime_type != "application/pdf")) {
      // Imaged from the redacted text below: a redacted item never goes out natively.
    } else if (in.has_native && IsNativeOnly(in.mime_type, r_.spec)) {
      doc.how = "native";
      native = true;
      BATES_ASSIGN_OR_RETURN(
          pdf, imaging::RenderSlipSheet("DOCUMENT PRODUCED IN NATIVE FORM",
                                        {"File name: " + in.file_name, "MD5: " + in.md5}));
    } else if (in.has_native && in.mime_type == "application/pdf") {
      BATES_ASSIGN_OR_RETURN(pdf, source_.Native(in.id));
      doc.how = "stamped";
    }
    std::unique_ptr<imaging::StampablePdf> pages;
    if (!pdf.empty()) {
      Result<std::unique_ptr<imaging::StampablePdf>> loaded = imaging::StampablePdf::Load(pdf);
      if (loaded.ok()) {
        pages = std::move(loaded).value();
      } else if (doc.how != "stamped") {
        return loaded.status();  // our own slip sheet must load
      } else {
        // An encrypted or damaged PDF is still produced: its extracted text, rendered.
        doc.note = loaded.status().message();
      }
    }
    std::map<int, std::vector<imaging::RedactionBox>> boxes = in.page_boxes;
    if (pages && in.redacted && in.text_redacted) {
      Result<std::map<int, std::vector<imaging::RedactionBox>>> located =
          pages->LocateText(in.text_spans);
      if (located.ok()) {
        for (auto& [page, found] : *located) {
          boxes[page].insert(boxes[page].end(), found.begin(), found.end());
        }
      } else {
        // Its own pages would show what the text hides: image the redacted text instead.
        pages.reset();
        doc.note = "rendered from the redacted text: " + located.status().message();
      }
    }
    std::string text;
    if (!in.withheld) {
      BATES_ASSIGN_OR_RETURN(text, source_.Text(in.id));
    }
    if (!pages) {
      doc.how = "rendered";
      BATES_ASSIGN_OR_RETURN(pdf, imaging::RenderTextPdf(TextDocumentOf(in, text, r_)));
      BATES_ASSIGN_OR_RETURN(pages, imaging::StampablePdf::Load(pdf));
    }
    doc.redacted = in.redacted && !in.withheld;
    if (doc.redacted && !in.page_boxes.empty()) {
      // What the boxes cover is gone from the text too: the text of the pages as produced.
      text = pages->VisibleText(boxes);
    }
    doc.pages = pages->page_count();
    doc.beg = next_;
    doc.end = next_ + doc.pages - 1;
    next_ += doc.pages;
    const char* ext = r_.spec.image_format == ImageFormat::kPdf ? ".pdf" : ".tif";
    for (int p = 0; p < doc.pages; ++p) {
      std::string bates = r_.bates.Format(doc.beg + p);
      std::string rel = images_.Next(bates + ext);
      fs::path path = r_.dir / rel;
      BATES_RETURN_IF_ERROR(EnsureParent(path));
      imaging::PageRedaction redaction;
      if (doc.redacted) {
        redaction.rasterise = true;
        if (auto b = boxes.find(p + 1); b != boxes.end()) {
          redaction.boxes = b->second;
        }
      }
      BATES_RETURN_IF_ERROR(
          pages->WritePage(p, {bates, Legend(in, r_.spec)}, r_.spec.image_format, path, redaction));
      doc.image_paths.push_back(LoadFilePath(rel));
    }
    std::string beg = r_.bates.Format(doc.beg);
    if (native) {
      BATES_ASSIGN_OR_RETURN(std::string bytes, source_.Native(in.id));
      std::string rel = natives_.Next(beg + "." + Extension(in.file_name));
      BATES_RETURN_IF_ERROR(Write(rel, bytes));
      doc.native_path = LoadFilePath(rel);
    }
    if (!in.withheld) {
      std::string rel = texts_.Next(beg + ".txt");
      BATES_RETURN_IF_ERROR(Write(rel, text));
      doc.text_path = LoadFilePath(rel);
    }
    return doc;
  }

  const VolumeRequest& r_;
  ContentSource& source_;
  Folders images_, natives_, texts_;
  int64_t next_;
};

}  // namespace

std::string Legend(const DocumentInput& in, const ProductionSpec& spec) {
  return in.confidentiality.empty() ? spec.endorsement_left : in.confidentiality;
}

bool IsNativeOnly(std::string_view mime_type, const ProductionSpec& spec) {
  static const std::vector<std::string> kDefault = {"spreadsheet", "ms-excel", "text/csv", "audio/",
                                                    "video/",      "msaccess", "sqlite",   "x-dbf"};
  std::string mime = AsciiLower(mime_type);
  for (const auto* list : {&kDefault, &spec.native_types}) {
    for (const std::string& t : *list) {
      if (mime.find(t) != std::string::npos) return true;
    }
  }
  return false;
}

Result<VolumeResult> WriteVolume(const VolumeRequest& request, ContentSource& source) {
  std::error_code ec;
  if (fs::exists(request.dir, ec)) {
    return AlreadyExistsError("the volume folder {} exists already", request.dir.string());
  }
  fs::create_directories(request.dir, ec);
  if (ec) return IoError("creating {}: {}", request.dir.string(), ec.message());
  VolumeWriter writer(request, source);
  return writer.Run();
}

}  // namespace bates::produce
