#include "produce/load_table.h"

#include <map>

#include "core/text.h"

namespace bates::produce {
namespace {

std::string Date(const VolumeRequest& r, const std::optional<Timestamp>& t, bool time) {
  if (!t) return "";
  CivilDateTime c = r.time_zone ? r.time_zone->LocalFromUtc(t->utc_seconds)
                                : CivilFromUnixSeconds(t->utc_seconds);
  return time ? FormatDateTime(r.spec.time_format, c.date.year, c.date.month, c.date.day, c.hour,
                               c.minute, c.second)
              : FormatDateTime(r.spec.date_format, c.date.year, c.date.month, c.date.day, c.hour,
                               c.minute, c.second);
}

std::string Extension(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot + 1 == name.size() || name.size() - dot > 9) return "";
  return AsciiLower(name.substr(dot + 1));
}

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

}  // namespace

loadfile::LoadTable MakeLoadTable(const VolumeRequest& request,
                                  const std::vector<DocumentInput>& inputs,
                                  const std::vector<ProducedDoc>& docs) {
  std::map<model::ItemId, size_t> index;
  std::map<model::ItemId, std::pair<int64_t, int64_t>> family_span;
  std::map<model::ItemId, int64_t> children;
  for (size_t i = 0; i < docs.size(); ++i) {
    index[docs[i].id] = i;
    auto [it, fresh] = family_span.try_emplace(inputs[i].family_id, docs[i].beg, docs[i].end);
    if (!fresh) {
      it->second.first = std::min(it->second.first, docs[i].beg);
      it->second.second = std::max(it->second.second, docs[i].end);
    }
  }
  for (const DocumentInput& in : inputs) {
    if (in.parent_id && index.count(*in.parent_id)) ++children[*in.parent_id];
  }
  const BatesFormat& b = request.bates;
  loadfile::LoadTable table;
  for (const auto& [standard, written] : request.spec.fields) table.fields.push_back(written);
  for (size_t i = 0; i < docs.size(); ++i) {
    const DocumentInput& in = inputs[i];
    const ProducedDoc& d = docs[i];
    bool withheld = d.how == "withheld";
    std::vector<std::string> row;
    for (const auto& [f, written] : request.spec.fields) {
      std::string v;
      if (f == "BEGBATES") {
        v = b.Format(d.beg);
      } else if (f == "ENDBATES") {
        v = b.Format(d.end);
      } else if (f == "BEGATTACH") {
        v = b.Format(family_span[in.family_id].first);
      } else if (f == "ENDATTACH") {
        v = b.Format(family_span[in.family_id].second);
      } else if (f == "PARENTBATES") {
        if (in.parent_id && index.count(*in.parent_id))
          v = b.Format(docs[index[*in.parent_id]].beg);
      } else if (f == "ATTACHCOUNT") {
        v = std::to_string(children[in.id]);
      } else if (f == "CUSTODIAN") {
        v = in.custodian;
      } else if (f == "ALLCUSTODIANS") {
        v = Join(in.all_custodians);
      } else if (f == "PAGECOUNT") {
        v = std::to_string(d.pages);
      } else if (f == "NATIVEPATH") {
        v = d.native_path;
      } else if (f == "TEXTPATH") {
        v = d.text_path;
      } else if (f == "REDACTED") {
        v.assign(1, d.redacted ? 'Y' : 'N');
      } else if (f == "CONFIDENTIALITY") {
        v = Legend(in, request.spec);
      } else if (f == "PRODVOL") {
        v = request.volume;
      } else if (f == "REQUESTS") {
        v = in.requests;
      } else if (withheld) {
        // A withheld document's metadata is itself privileged; the privilege log describes it.
      } else if (f == "FROM") {
        v = in.from;
      } else if (f == "TO") {
        v = in.to;
      } else if (f == "CC") {
        v = in.cc;
      } else if (f == "BCC") {
        v = in.bcc;
      } else if (f == "SUBJECT") {
        v = in.subject;
      } else if (f == "DATESENT") {
        v = Date(request, in.sent, false);
      } else if (f == "TIMESENT") {
        v = Date(request, in.sent, true);
      } else if (f == "TIMEZONE") {
        v = in.sent ? (request.time_zone ? request.time_zone->name() : "UTC") : "";
      } else if (f == "DATECREATED") {
        v = Date(request, in.created, false);
      } else if (f == "DATEMODIFIED") {
        v = Date(request, in.modified, false);
      } else if (f == "AUTHOR") {
        v = in.author;
      } else if (f == "FILENAME") {
        v = in.file_name;
      } else if (f == "FILEEXT") {
        v = Extension(in.file_name);
      } else if (f == "MD5HASH") {
        v = in.md5;
      } else if (f == "SHA1HASH") {
        v = in.sha1;
      }
      row.push_back(std::move(v));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace bates::produce
