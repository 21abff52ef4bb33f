// What `bates serve` is told: which case (and demand spec), where to listen, how long a session
// lasts, and the limits that keep one request from taking the server down.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/case.h"

namespace bates::server {

struct ServeOptions {
  std::filesystem::path case_dir;
  // The demand spec the requester's status board reads (`--demand`); empty: the server has no
  // board, and GET /api/demand/status answers 404.
  std::filesystem::path demand_spec;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (printed once listening)
  int64_t session_ttl_seconds = 8 * 3600;
  // Request bodies above this answer 413 before they are read in full.
  size_t max_body_bytes = 1 << 20;
  // Requests worked on at once; each has its own open handle on the case. Connections (kept
  // alive or not) get threads of their own beyond these (server.cc).
  int threads = 8;
  engine::CaseOptions case_options;
};

}  // namespace bates::server
