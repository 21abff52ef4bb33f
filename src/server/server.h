// `bates serve`: the web workspace's HTTP server. It maps HTTP onto engine calls (routes.h) and
// does the web's own work only: sessions in cookies, roles, CSRF checks, size limits, one log line
// per request. Everything it shows comes from the engine.
#pragma once

#include <atomic>
#include <functional>

#include "core/status.h"
#include "server/serve_options.h"

namespace bates::server {

// Serves until `*stop` becomes true (checked ten times a second). Calls `on_listening` with the
// port once the socket is bound (the chosen one when options.port is 0). Fails when the case
// cannot be opened or the address cannot be bound.
Status Serve(const ServeOptions& options, const std::function<void(int port)>& on_listening,
             std::atomic<bool>* stop);

}  // namespace bates::server
