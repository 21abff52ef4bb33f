#include "ingest/readers/gmime_util.h"

#include <algorithm>
#include <mutex>

namespace bates::ingest::gmime {
namespace {

std::string_view DefectName(GMimeParserWarning code) {
  switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
    case GMIME_WARN_DUPLICATED_PARAMETER:
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
    case GMIME_WARN_INVALID_PARAMETER:
    case GMIME_WARN_INVALID_ADDRESS_LIST:
      return {};  // everyday sloppiness of mailers; says nothing about the content
    case GMIME_WARN_INVALID_CONTENT_TYPE:
      return "invalid content type";
    case GMIME_WARN_MALFORMED_MULTIPART:
      return "malformed multipart";
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "truncated";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "malformed message";
    case GMIME_CRIT_INVALID_HEADER_NAME:
      return "invalid header name";
    case GMIME_CRIT_CONFLICTING_HEADER:
      return "conflicting header";
    case GMIME_CRIT_CONFLICTING_PARAMETER:
      return "conflicting parameter";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "multipart without boundary";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "nesting overflow";
    case GMIME_WARN_PART_WITHOUT_CONTENT:
      return "part without content";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      return "part without headers or content";
  }
  return {};
}

void OnWarning(gint64 /*offset*/, GMimeParserWarning code, const gchar* /*item*/,
               gpointer user_data) {
  auto* warnings = static_cast<ParseWarnings*>(user_data);
  if (code == GMIME_WARN_TRUNCATED_MESSAGE) warnings->truncated = true;
  if (code == GMIME_WARN_MALFORMED_MULTIPART || code == GMIME_WARN_MALFORMED_MESSAGE ||
      code == GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY) {
    warnings->malformed = true;
  }
  std::string_view name = DefectName(code);
  if (name.empty() || warnings->defects.size() >= 8) return;
  if (std::find(warnings->defects.begin(), warnings->defects.end(), name) ==
      warnings->defects.end()) {
    warnings->defects.emplace_back(name);
  }
}

}  // namespace

void InitGMime() {
  // g_mime_init() is not thread-safe and must run once before any other GMime call.
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

ParserOptions::ParserOptions(ParseWarnings* warnings) : options_(g_mime_parser_options_new()) {
  g_mime_parser_options_set_address_compliance_mode(options_, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options_, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_rfc2047_compliance_mode(options_, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_allow_addresses_without_domain(options_, TRUE);
  // Raw 8-bit headers: UTF-8 when they are valid UTF-8, else the Windows Latin-1 superset that
  // most such mailers wrote (GMime's default is ISO-8859-1, which maps 0x80-0x9F to controls).
  const char* fallback[] = {"utf-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options_, fallback);
  if (warnings != nullptr) {
    g_mime_parser_options_set_warning_callback(options_, &OnWarning, warnings);
  }
}

ParserOptions::~ParserOptions() { g_mime_parser_options_free(options_); }

BorrowedStream::BorrowedStream(std::string_view bytes) {
  size_t size = std::min<uint64_t>(bytes.size(), kMaxBytes);
  // The array points at the caller's bytes; the stream is told it does not own the array, and
  // the array is freed below without its data. GMime only reads from a parser's input stream.
  array_ = g_byte_array_new_take(const_cast<guint8*>(reinterpret_cast<const guint8*>(bytes.data())),
                                 size);
  stream_ = g_mime_stream_mem_new_with_byte_array(array_);
  g_mime_stream_mem_set_owner(As<GMimeStreamMem>(stream_, GMIME_TYPE_STREAM_MEM), FALSE);
}

BorrowedStream::~BorrowedStream() {
  g_object_unref(stream_);
  static_cast<void>(g_byte_array_free(array_, FALSE));
}

Ptr<GMimeParser> NewParser(GMimeStream* stream, GMimeFormat format) {
  Ptr<GMimeParser> parser(g_mime_parser_new_with_stream(stream));
  g_mime_parser_set_format(parser.get(), format);
  g_mime_parser_set_persist_stream(parser.get(), TRUE);
  g_mime_parser_set_respect_content_length(parser.get(), FALSE);
  return parser;
}

}  // namespace bates::ingest::gmime
