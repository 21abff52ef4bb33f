#include "ingest/reader.h"

namespace bates::ingest {

ReaderRegistry& ReaderRegistry::Global() {
  static ReaderRegistry* registry = new ReaderRegistry();  // never destroyed: used until exit
  return *registry;
}

void ReaderRegistry::Register(std::unique_ptr<Reader> reader) {
  readers_.push_back(std::move(reader));
}

const Reader* ReaderRegistry::ForMimeType(std::string_view mime_type) const {
  for (const auto& reader : readers_) {
    for (const std::string& type : reader->mime_types()) {
      if (type == mime_type) return reader.get();
    }
  }
  return nullptr;
}

const Reader* ReaderRegistry::ByName(std::string_view name) const {
  for (const auto& reader : readers_) {
    if (reader->name() == name) return reader.get();
  }
  return nullptr;
}

std::vector<const Reader*> ReaderRegistry::All() const {
  std::vector<const Reader*> out;
  for (const auto& reader : readers_) out.push_back(reader.get());
  return out;
}

}  // namespace bates::ingest
