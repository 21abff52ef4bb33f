// The web UI's files (web/), compiled into the binary by cmake/EmbedWeb.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace bates::server {

struct WebAsset {
  std::string_view path;  // URL path: /index.html, /app.js
  std::string_view content_type;
  std::string_view bytes;
};

const std::vector<WebAsset>& WebAssets();

}  // namespace bates::server
