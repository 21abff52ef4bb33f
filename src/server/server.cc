#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>
#include <mutex>
#include <regex>
#include <thread>

#include "engine/session_token.h"
#include "server/case_pool.h"
#include "server/reply.h"
#include "server/routes.h"
#include "server/web_assets.h"

namespace bates::server {
namespace {

constexpr const char* kSessionCookie = "bates_session";
// Connections served at once, at least (see Serve).
constexpr size_t kMinConnectionThreads = 64;
// How often searches run through the API are written among the saved searches.
constexpr std::chrono::seconds kSearchWriteInterval{1};

// The value of one cookie of the request's Cookie header, or "".
std::string CookieValue(const httplib::Request& request, std::string_view name) {
  std::string header = request.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return "";
}

// /api/documents/{id} -> ^/api/documents/([^/]+)$ (httplib matches the whole, decoded path).
std::string PathRegex(std::string_view documented) {
  std::string out;
  for (size_t i = 0; i < documented.size(); ++i) {
    if (documented[i] == '{') {
      i = documented.find('}', i);
      out += "([^/]+)";
    } else {
      out += documented[i];
    }
  }
  return out;
}

void Apply(Reply reply, httplib::Response& response) {
  response.status = reply.status;
  for (auto& [name, value] : reply.headers) response.set_header(name, value);
  response.set_content(std::move(reply.body), reply.content_type);
}

// What every request shares.
struct Shared {
  const ServeOptions& options;
  CasePool& pool;
  // Routes that write the case run one at a time (SQLite would serialise them anyway; this keeps
  // them from failing as busy).
  std::mutex writes;
};

// The user of the request being served on this thread, and when it arrived, for its log line.
thread_local std::string t_user;
thread_local std::chrono::steady_clock::time_point t_start;

Reply Dispatch(const Route& route, const httplib::Request& request, Shared& shared) {
  CasePool::Lease matter = shared.pool.Borrow();
  engine::SessionView session;
  std::string token;
  if (route.roles != 0) {
    token = CookieValue(request, kSessionCookie);
    auto found = matter->SessionFor(token);
    if (!found.ok()) {
      if (found.status().code() == StatusCode::kNotFound) {
        return ErrorReply(401, "unauthenticated", "sign in first (POST /api/login)");
      }
      return StatusReply(found.status());
    }
    session = std::move(*found);
    t_user = session.user;
    if ((RoleBitOf(session.role) & route.roles) == 0) {
      return ErrorReply(
          403, "forbidden",
          fmt::format("the {} role may not use {} {}", session.role, route.method, route.path));
    }
    if (route.changes_case &&
        !engine::TokensEqual(request.get_header_value("X-CSRF-Token"), session.csrf_token)) {
      return ErrorReply(403, "csrf", "missing or wrong X-CSRF-Token header");
    }
  }
  matter->SetActor(session.user.empty() ? "web" : session.user);
  std::unique_lock write_lock(shared.writes, std::defer_lock);
  if (route.exclusive) write_lock.lock();
  RouteContext context{request,
                       *matter,
                       session,
                       shared.options,
                       request.matches.size() > 1 ? request.matches[1].str() : "",
                       token,
                       RoleSeesPrivileged(session.role)};
  return route.handle(context);
}

}  // namespace

Status Serve(const ServeOptions& options, const std::function<void(int port)>& on_listening,
             std::atomic<bool>* stop) {
  // glibc gives threads their own malloc arenas (up to 8 per core); with a thread per connection
  // the arenas fragment and resident memory grows for as long as the load lasts (measured: +18%
  // from 10 s to 60 s of the wrk bench, docs/BENCHMARKS.md). Two arenas keep it flat (+1%) and
  // cost nothing measurable: the work is in Xapian and SQLite, not in malloc.
  mallopt(M_ARENA_MAX, 2);
  const int threads = std::max(options.threads, 1);
  BATES_ASSIGN_OR_RETURN(std::unique_ptr<CasePool> pool, CasePool::Open(options, threads));
  Shared shared{options, *pool, {}};

  // Log lines go to standard error; standard output carries only the "listening" line.
  auto logger =
      std::make_shared<spdlog::logger>("serve", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %v");

  httplib::Server http;
  // httplib gives each open connection a thread for as long as it is kept alive, so there are
  // more connection threads than case handles: a kept-alive but idle client must not hold up the
  // others; the pool bounds the work done at once.
  const size_t connection_threads = std::max<size_t>(kMinConnectionThreads, 4 * threads);
  http.new_task_queue = [connection_threads] {
    return new httplib::ThreadPool(connection_threads);
  };
  http.set_keep_alive_max_count(100);
  http.set_payload_max_length(options.max_body_bytes);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Cache-Control", "no-store"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"}});
  for (const Route& route : ApiRoutes()) {
    auto handler = [&route, &shared](const httplib::Request& request, httplib::Response& response) {
      Apply(Dispatch(route, request, shared), response);
    };
    std::string pattern = PathRegex(route.path);
    if (std::string_view(route.method) == "GET") {
      http.Get(pattern, handler);
    } else {
      http.Post(pattern, handler);
    }
  }
  // The web UI: static files from the binary. Its pages load scripts and styles from this server
  // only, and no inline script runs.
  for (const WebAsset& asset : WebAssets()) {
    auto serve_asset = [&asset](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Security-Policy",
                          "default-src 'self'; object-src 'none'; frame-ancestors 'none'; "
                          "base-uri 'none'; form-action 'self'");
      response.set_content(asset.bytes.data(), asset.bytes.size(), std::string(asset.content_type));
    };
    http.Get(std::string(asset.path), serve_asset);
    if (asset.path == "/index.html") http.Get("/", serve_asset);
  }
  // Errors httplib answers itself (no route, 413, unreadable request) get a JSON body too.
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    if (response.status == 404) {
      Apply(ErrorReply(404, "not_found", "no such route"), response);
    } else if (response.status == 413) {
      Apply(ErrorReply(413, "too_large", "the request body is too large"), response);
    } else {
      Apply(ErrorReply(response.status, "bad_request", "the request could not be read"), response);
    }
  });
  http.set_exception_handler(
      [logger](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        logger->error("internal error: {}", what);
        Apply(ErrorReply(500, "internal", "internal error (see the server's log)"), response);
      });
  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_start = std::chrono::steady_clock::now();
    t_user.clear();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_logger([logger](const httplib::Request& request, const httplib::Response& response) {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start)
            .count();
    logger->info("{} {} {} {} {}B {:.1f}ms user={}", request.remote_addr, request.method,
                 request.path, response.status, response.body.size(), ms,
                 t_user.empty() ? "-" : t_user);
    // Errors httplib answers itself never reach Dispatch: no user may carry over to them.
    t_user.clear();
  });

  // Two settings Debian's httplib (a compiled 0.11) fixes at build time are changed on the
  // listening socket, which accepted connections inherit:
  // - It listens with a backlog of 5. Under load, connections past it had their SYN dropped and
  //   the client retried 1 s and then 3 s later: the wrk bench's p99 was 3.9 s while no request
  //   took the server over 0.42 s, and `netstat -s` counted the dropped SYNs. Once bound, the
  //   socket is listened on again with the system's limit (Linux takes it as a new backlog).
  // - Nagle's algorithm is on: a reply written in two parts (headers, then body) waited for the
  //   client's delayed ACK, 40 ms on every kept-alive request (a 1 ms document fetch took 44 ms).
  socket_t listening = INVALID_SOCKET;
  http.set_socket_options([&listening](socket_t sock) {
    httplib::default_socket_options(sock);
    int on = 1;
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    listening = sock;
  });
  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.bind);
  } else if (!http.bind_to_port(options.bind, port)) {
    port = -1;
  }
  if (port <= 0) {
    return IoError("cannot listen on {}:{} (in use, or not an address of this machine)",
                   options.bind, options.port);
  }
  if (listening == INVALID_SOCKET || ::listen(listening, SOMAXCONN) != 0) {
    return IoError("cannot widen the listen queue on {}:{}", options.bind, port);
  }
  on_listening(port);

  // Searches are queued by the requests that run them and written here a batch a second
  // (engine/search_queue.h), and once more when the server stops.
  auto write_searches = [&shared, logger] {
    CasePool::Lease matter = shared.pool.Borrow();
    Status written = matter->WriteQueuedSearches();
    if (!written.ok()) logger->error("saving searches: {}", written.ToString());
  };
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    auto last_write = std::chrono::steady_clock::now();
    while (!done.load()) {
      if (stop != nullptr && stop->load()) {
        http.stop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (std::chrono::steady_clock::now() - last_write >= kSearchWriteInterval) {
        write_searches();
        last_write = std::chrono::steady_clock::now();
      }
    }
  });
  bool served = http.listen_after_bind();
  done.store(true);
  watcher.join();
  write_searches();
  if (!served && !(stop != nullptr && stop->load())) {
    return IoError("the server stopped unexpectedly");
  }
  return Status::Ok();
}

}  // namespace bates::server
