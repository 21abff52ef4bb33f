#include "index/schema.h"

#include <xapian.h>

#include <algorithm>
#include <utility>

#include "core/text.h"

namespace bates::index::schema {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 allows more in a local part, but these are what real mail uses; being strict keeps
// surrounding punctuation ("<a@b.example>,") out of the term.
bool IsLocalChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}

bool IsDomainChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

// A domain needs at least two labels, no empty label, and a top-level label with a letter (so
// "a@1.2" in a version string is not an address).
bool ValidDomain(std::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
  if (domain.find("..") != std::string_view::npos) return false;
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view tld = domain.substr(dot + 1);
  return std::any_of(tld.begin(), tld.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool ValidLocal(std::string_view local) {
  return !local.empty() && local.front() != '.' && local.back() != '.';
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::string Lower(std::string_view text) { return Xapian::Unicode::tolower(FoldDiacritics(text)); }

std::string Fold(std::string_view text) { return FoldDiacritics(text); }

bool LooksLikeAddress(std::string_view word) {
  size_t at = word.find('@');
  if (at == std::string_view::npos || word.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view local = word.substr(0, at);
  std::string_view domain = word.substr(at + 1);
  return ValidLocal(local) && std::all_of(local.begin(), local.end(), IsLocalChar) &&
         std::all_of(domain.begin(), domain.end(), IsDomainChar) && ValidDomain(domain);
}

std::vector<std::string> FindAddresses(std::string_view text) {
  std::vector<std::string> found;
  size_t from = 0;
  while (true) {
    size_t at = text.find('@', from);
    if (at == std::string_view::npos) break;
    from = at + 1;
    size_t begin = at;
    while (begin > 0 && IsLocalChar(text[begin - 1])) --begin;
    size_t end = at + 1;
    while (end < text.size() && IsDomainChar(text[end])) ++end;
    std::string_view local = text.substr(begin, at - begin);
    std::string_view domain = text.substr(at + 1, end - at - 1);
    // Sentence punctuation around an address is not part of it.
    while (!local.empty() && (local.front() == '.' || local.front() == '\'')) {
      local.remove_prefix(1);
    }
    while (!domain.empty() && (domain.back() == '.' || domain.back() == '-')) {
      domain.remove_suffix(1);
    }
    if (!ValidLocal(local) || !ValidDomain(domain)) continue;
    found.push_back(Lower(std::string(local) + "@" + std::string(domain)));
    from = end;
  }
  return found;
}

std::vector<std::string> AddressTerms(std::string_view address) {
  std::vector<std::string> terms;
  auto add = [&terms](std::string term) {
    if (!term.empty() && std::find(terms.begin(), terms.end(), term) == terms.end()) {
      terms.push_back(std::move(term));
    }
  };
  std::string whole = Lower(TrimAddress(address));
  add(whole);
  size_t at = whole.rfind('@');
  if (at == std::string::npos) return terms;  // an X.500 path or a bare name: kept whole
  std::string local = whole.substr(0, at);
  add(local);
  size_t start = 0;
  if (local.find_first_of("._-+") != std::string::npos) {
    while (start <= local.size()) {
      size_t stop = local.find_first_of("._-+", start);
      if (stop == std::string::npos) stop = local.size();
      add(local.substr(start, stop - start));
      start = stop + 1;
    }
  }
  std::string domain = whole.substr(at + 1);
  while (!domain.empty()) {
    add(domain);
    size_t dot = domain.find('.');
    if (dot == std::string::npos) break;
    domain.erase(0, dot + 1);
  }
  return terms;
}

std::string_view TrimAddress(std::string_view address) {
  while (!address.empty() && (address.front() == ' ' || address.front() == '<')) {
    address.remove_prefix(1);
  }
  while (!address.empty() && (address.back() == ' ' || address.back() == '>')) {
    address.remove_suffix(1);
  }
  return address;
}

std::string_view TypeFamily(std::string_view mime_type) {
  std::string mime = Lower(mime_type);
  static const std::pair<std::string_view, std::string_view> kExact[] = {
      {"message/rfc822", "email"},
      {"application/vnd.ms-outlook", "email"},
      {"application/pdf", "pdf"},
      {"text/html", "html"},
      {"application/xhtml+xml", "html"},
      {"application/zip", "zip"},
      {"application/x-zip-compressed", "zip"},
      {"application/msword", "word"},
      {"application/rtf", "word"},
      {"text/rtf", "word"},
      {"application/vnd.oasis.opendocument.text", "word"},
      {"application/vnd.ms-excel", "excel"},
      {"application/vnd.oasis.opendocument.spreadsheet", "excel"},
      {"application/vnd.ms-powerpoint", "powerpoint"},
      {"application/vnd.oasis.opendocument.presentation", "powerpoint"},
      {"application/mbox", "mbox"},
      {"application/vnd.ms-outlook-pst", "pst"},
      {"application/x-tar", "archive"},
      {"application/gzip", "archive"},
      {"application/x-7z-compressed", "archive"},
      {"application/vnd.rar", "archive"},
      {"application/x-rar-compressed", "archive"},
  };
  for (const auto& [type, family] : kExact) {
    if (mime == type) return family;
  }
  static const std::pair<std::string_view, std::string_view> kStartsWith[] = {
      {"application/vnd.openxmlformats-officedocument.wordprocessingml", "word"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml", "excel"},
      {"application/vnd.openxmlformats-officedocument.presentationml", "powerpoint"},
      {"message/", "email"},
      {"text/", "text"},
      {"image/", "image"},
      {"audio/", "audio"},
      {"video/", "video"},
  };
  for (const auto& [start, family] : kStartsWith) {
    if (StartsWith(mime, start)) return family;
  }
  return {};
}

std::vector<std::string> Words(std::string_view text) {
  // The same splitter the indexer uses, so a query word breaks where the indexed text did.
  thread_local Xapian::TermGenerator generator;
  Xapian::Document document;
  generator.set_document(document);
  generator.index_text(FoldDiacritics(text));
  std::vector<std::pair<Xapian::termpos, std::string>> positioned;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      positioned.emplace_back(*pos, *term);
    }
  }
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> words;
  words.reserve(positioned.size());
  for (auto& [pos, word] : positioned) words.push_back(std::move(word));
  return words;
}

std::string FileNameText(std::string_view file_name) {
  std::string text(file_name);
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

}  // namespace bates::index::schema
