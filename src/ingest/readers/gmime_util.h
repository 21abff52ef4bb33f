// GMime helpers shared by the mail readers (eml_reader.cc, mbox_reader.cc): one-time library
// initialisation, owning pointers for GObjects and parser options, a stream over bytes we already
// hold (no copy), and a parser-warning collector.
//
// This header includes GMime, so only the mail readers include it; GMime types never leave
// src/ingest/readers/. Thread safety: InitGMime() may be called from any thread; everything else
// is per object, and each Read() uses its own objects.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bates::ingest::gmime {

// Initialises GMime once per process, from whichever thread gets here first.
void InitGMime();

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using Ptr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GChars = std::unique_ptr<char, GFree>;

// `object` as a T when it is an instance of `type`, else nullptr (a checked cast that needs no
// GLib casting macros).
template <typename T>
T* As(gpointer object, GType type) {
  if (object == nullptr) return nullptr;
  return g_type_check_instance_is_a(static_cast<GTypeInstance*>(object), type)
             ? static_cast<T*>(object)
             : nullptr;
}
inline GMimeObject* Object(gpointer object) { return static_cast<GMimeObject*>(object); }

// What the parser complained about while reading one message.
struct ParseWarnings {
  bool truncated = false;            // GMIME_WARN_TRUNCATED_MESSAGE
  bool malformed = false;            // a multipart or message GMime had to guess its way through
  std::vector<std::string> defects;  // distinct short names, in the order first seen
  void Reset() { *this = ParseWarnings(); }
};

// Parser options as the readers want them: lenient, 8-bit headers read as UTF-8 then
// windows-1252, and warnings reported to `warnings` (which must outlive the options and every
// object parsed with them: GMime may warn while it decodes headers lazily).
class ParserOptions {
 public:
  explicit ParserOptions(ParseWarnings* warnings);
  ~ParserOptions();
  ParserOptions(const ParserOptions&) = delete;
  ParserOptions& operator=(const ParserOptions&) = delete;
  GMimeParserOptions* get() const { return options_; }

 private:
  GMimeParserOptions* options_;
};

// A read-only GMime stream over bytes the caller keeps alive, without copying them. The bytes
// must outlive this object and every GMime object parsed from the stream (parts keep sub-streams
// of it), so declare it before them. Holds at most 4 GiB - 1 bytes (GByteArray's limit).
class BorrowedStream {
 public:
  static constexpr uint64_t kMaxBytes = 0xFFFFFFFFu;
  explicit BorrowedStream(std::string_view bytes);
  ~BorrowedStream();
  BorrowedStream(const BorrowedStream&) = delete;
  BorrowedStream& operator=(const BorrowedStream&) = delete;
  GMimeStream* get() const { return stream_; }

 private:
  GByteArray* array_;
  GMimeStream* stream_;
};

// A parser over `stream` for `format` (GMIME_FORMAT_MESSAGE or GMIME_FORMAT_MBOX), keeping part
// content in the stream rather than copying it.
Ptr<GMimeParser> NewParser(GMimeStream* stream, GMimeFormat format);

}  // namespace bates::ingest::gmime
