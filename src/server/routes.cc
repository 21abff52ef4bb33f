// Every API route: parse the request, call the engine, render its report. No logic beyond that;
// role and CSRF checks happen before a handler runs (server.cc), by the table's masks.
#include "server/routes.h"

#include <fmt/format.h>
#include <httplib.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "demand/spec.h"
#include "engine/demand_board.h"
#include "engine/json.h"
#include "engine/web_json.h"
#include "server/reply.h"

namespace bates::server {
namespace {

using nlohmann::json;

// Results per page of search at most, whatever is asked.
constexpr uint32_t kMaxSearchLimit = 200;

json Parsed(const std::string& engine_json) { return json::parse(engine_json); }

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A request body that must be a JSON object.
Result<json> BodyObject(const httplib::Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return InvalidArgumentError("the request body is not valid JSON");
  if (!body.is_object()) return InvalidArgumentError("the request body must be a JSON object");
  return body;
}

// A string member; absent is "", any other type is an error.
Result<std::string> StringField(const json& body, const char* key, bool required = false) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError("'{}' is required", key);
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError("'{}' must be a string", key);
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringList(const json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgumentError("'{}' must be a list of strings", key);
  for (const json& v : *it) {
    if (!v.is_string()) return InvalidArgumentError("'{}' must be a list of strings", key);
    out.push_back(v.get<std::string>());
  }
  return out;
}

// A non-negative integer query parameter, or `fallback` when absent.
Result<uint32_t> UintParam(const httplib::Request& request, const char* name, uint32_t fallback) {
  if (!request.has_param(name)) return fallback;
  std::string text = request.get_param_value(name);
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgumentError("'{}' must be a non-negative integer, not '{}'", name, text);
  }
  return value;
}

// Handlers return Result<Reply>; a failed one becomes its error reply.
Reply Answer(Result<Reply> result) {
  if (!result.ok()) return StatusReply(result.status());
  return std::move(*result);
}

// A document a role may not see is answered as if it did not exist.
Status CheckVisible(RouteContext& c, const std::string& id) {
  if (c.sees_privileged) return Status::Ok();
  BATES_ASSIGN_OR_RETURN(bool privileged, c.matter.IsPrivileged(id));
  if (privileged) return NotFoundError("no item {} in this case", id);
  return Status::Ok();
}

std::string SessionCookie(const std::string& token, int64_t max_age) {
  // HttpOnly: scripts cannot read it; SameSite=Strict: other sites' pages cannot send it. Not
  // Secure: the server speaks plain HTTP (docs/API.md says to put TLS in front).
  return fmt::format("bates_session={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}", token,
                     max_age);
}

// --- auth ----------------------------------------------------------------------------------------

Result<Reply> Login(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(json body, BodyObject(c.request));
  BATES_ASSIGN_OR_RETURN(std::string name, StringField(body, "name", true));
  BATES_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
  c.matter.SetActor(name);
  auto session = c.matter.Login(name, password, c.options.session_ttl_seconds);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kInvalidArgument) {
      return ErrorReply(401, "unauthenticated", session.status().message());
    }
    return session.status();
  }
  Reply reply = JsonReply(engine::ToJson(*session));
  reply.headers.emplace_back("Set-Cookie",
                             SessionCookie(session->token, c.options.session_ttl_seconds));
  return reply;
}

Result<Reply> Logout(RouteContext& c) {
  BATES_RETURN_IF_ERROR(c.matter.Logout(c.session_token));
  Reply reply = JsonReply(R"({"logged_out":true})");
  reply.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return reply;
}

Result<Reply> Session(RouteContext& c) { return JsonReply(engine::ToJson(c.session)); }

// --- search and documents
// --------------------------------------------------------------------------

Result<Reply> Search(RouteContext& c) {
  engine::SearchRequest request;
  request.query = c.request.get_param_value("q");
  if (request.query.empty()) return InvalidArgumentError("'q' (the query) is required");
  BATES_ASSIGN_OR_RETURN(request.offset, UintParam(c.request, "offset", 0));
  BATES_ASSIGN_OR_RETURN(request.limit, UintParam(c.request, "limit", 20));
  request.limit = std::min(request.limit, kMaxSearchLimit);
  request.user = c.session.user;
  request.hide_privileged = !c.sees_privileged;
  // Kept among the saved searches, by the server's writer within a second (server.cc).
  request.save_later = true;
  // A client paging through results asks for the facets once, with the first page.
  std::string want_facets = c.request.get_param_value("facets");
  if (!want_facets.empty() && want_facets != "0" && want_facets != "1") {
    return InvalidArgumentError("'facets' must be 0 or 1");
  }
  request.facets = want_facets != "0";
  BATES_ASSIGN_OR_RETURN(engine::SearchReport report, c.matter.Search(request));
  json j = Parsed(engine::ToJson(report));
  j["offset"] = request.offset;
  j["limit"] = request.limit;
  if (report.facets) j["facets"] = Parsed(engine::ToJson(*report.facets));
  return JsonReply(Dump(j));
}

Result<Reply> Document(RouteContext& c) {
  const std::string& id = c.path_param;
  BATES_RETURN_IF_ERROR(CheckVisible(c, id));
  BATES_ASSIGN_OR_RETURN(engine::ItemView item, c.matter.Show(id, true));
  if (!c.sees_privileged) {
    // Roles that see only what a production would show read the text as produced.
    BATES_ASSIGN_OR_RETURN(engine::RedactedTextView redacted, c.matter.RedactedText(id));
    item.text = redacted.text;
    item.text_redacted = true;
    // Nor do they learn of privileged family members, not even their names.
    std::vector<std::string> family;
    for (std::string& member : item.family) {
      BATES_ASSIGN_OR_RETURN(bool privileged, c.matter.IsPrivileged(member));
      if (!privileged) family.push_back(std::move(member));
    }
    item.family = std::move(family);
    std::vector<engine::ItemView::ChildView> children;
    for (engine::ItemView::ChildView& child : item.children) {
      BATES_ASSIGN_OR_RETURN(bool privileged, c.matter.IsPrivileged(child.id));
      if (!privileged) children.push_back(std::move(child));
    }
    item.children = std::move(children);
    if (item.parent_id) {
      BATES_ASSIGN_OR_RETURN(bool privileged, c.matter.IsPrivileged(*item.parent_id));
      if (privileged) item.parent_id.reset();
    }
  }
  std::string q = c.request.get_param_value("q");
  if (!q.empty()) {
    BATES_ASSIGN_OR_RETURN(item.highlight, c.matter.Highlight(id, q));
  }
  BATES_ASSIGN_OR_RETURN(engine::RelatedView related, c.matter.Related(id, !c.sees_privileged));
  json j = Parsed(engine::ToJson(item));
  j["related"] = Parsed(engine::ToJson(related));
  return JsonReply(Dump(j));
}

Result<Reply> Native(RouteContext& c) {
  BATES_RETURN_IF_ERROR(CheckVisible(c, c.path_param));
  BATES_ASSIGN_OR_RETURN(engine::NativeView native, c.matter.Native(c.path_param));
  Reply reply;
  reply.body = std::move(native.bytes);
  reply.content_type = native.mime_type;
  reply.headers.emplace_back("Content-Disposition", ContentDisposition(native.file_name));
  return reply;
}

Result<Reply> ItemScreen(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(engine::ItemScreenView view, c.matter.ItemScreen(c.path_param));
  return JsonReply(engine::ToJson(view));
}

Result<Reply> Code(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(json body, BodyObject(c.request));
  engine::CodeRequest request;
  request.items.ids = {c.path_param};
  auto fields = body.find("fields");
  if (fields == body.end() || !fields->is_object() || fields->empty()) {
    return InvalidArgumentError(R"('fields' must be an object such as {{"responsive": "yes"}})");
  }
  for (const auto& [field, value] : fields->items()) {
    if (!value.is_string())
      return InvalidArgumentError("the value of '{}' must be a string", field);
    request.assignments.push_back(field + "=" + value.get<std::string>());
  }
  BATES_ASSIGN_OR_RETURN(request.reason, StringField(body, "reason"));
  request.reviewer = c.session.user;
  BATES_ASSIGN_OR_RETURN(engine::CodeReport report, c.matter.Code(request));
  return JsonReply(engine::ToJson(report));
}

// --- TAR, screen, redaction --------------------------------------------------------------------

Result<Reply> TarStart(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(json body, BodyObject(c.request));
  engine::TarStartRequest request;
  BATES_ASSIGN_OR_RETURN(request.topic, StringField(body, "topic"));
  BATES_ASSIGN_OR_RETURN(request.seed_text, StringField(body, "seed_text"));
  BATES_ASSIGN_OR_RETURN(request.seed_docs, StringList(body, "seed_docs"));
  BATES_RETURN_IF_ERROR(c.matter.TarStart(request));
  BATES_ASSIGN_OR_RETURN(engine::TarStatusReport report, c.matter.TarStatus());
  return JsonReply(engine::ToJson(report));
}

Result<Reply> TarNext(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(uint32_t batch, UintParam(c.request, "batch", 0));
  BATES_ASSIGN_OR_RETURN(engine::TarBatchReport report, c.matter.TarNext(batch));
  return JsonReply(engine::ToJson(report));
}

Result<Reply> TarStatus(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(engine::TarStatusReport report, c.matter.TarStatus());
  return JsonReply(engine::ToJson(report));
}

Result<Reply> TarCode(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(json body, BodyObject(c.request));
  BATES_ASSIGN_OR_RETURN(std::vector<std::string> ids, StringList(body, "ids"));
  if (ids.empty()) return InvalidArgumentError("'ids' must list the items coded");
  auto responsive = body.find("responsive");
  if (responsive == body.end() || !responsive->is_boolean()) {
    return InvalidArgumentError("'responsive' must be true or false");
  }
  BATES_ASSIGN_OR_RETURN(engine::TarCodeReport report,
                         c.matter.TarCode(ids, responsive->get<bool>()));
  return JsonReply(engine::ToJson(report));
}

Result<Reply> ScreenResults(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(engine::ScreenReport report, c.matter.ScreenResults());
  return JsonReply(engine::ToJson(report));
}

Result<Reply> RunScreen(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(engine::ScreenReport report, c.matter.Screen());
  return JsonReply(engine::ToJson(report));
}

Result<Reply> Redact(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(json body, BodyObject(c.request));
  engine::RedactRequest request;
  BATES_ASSIGN_OR_RETURN(request.items.ids, StringList(body, "ids"));
  if (request.items.ids.empty()) return InvalidArgumentError("'ids' must list the items redacted");
  BATES_ASSIGN_OR_RETURN(request.pii_kinds, StringList(body, "pii_kinds"));
  BATES_ASSIGN_OR_RETURN(request.query, StringField(body, "query"));
  BATES_ASSIGN_OR_RETURN(request.reason, StringField(body, "reason"));
  auto spans = body.find("spans");
  if (spans != body.end() && !spans->is_null()) {
    if (!spans->is_array()) return InvalidArgumentError("'spans' must be a list of [start, end]");
    for (const json& span : *spans) {
      if (!span.is_array() || span.size() != 2 || !span[0].is_number_unsigned() ||
          !span[1].is_number_unsigned()) {
        return InvalidArgumentError("each span must be [start, end] in code points");
      }
      request.spans.emplace_back(span[0].get<uint64_t>(), span[1].get<uint64_t>());
    }
  }
  request.reviewer = c.session.user;
  BATES_ASSIGN_OR_RETURN(engine::RedactionsReport report, c.matter.Redact(request));
  return JsonReply(engine::ToJson(report));
}

// --- productions and intake
// ------------------------------------------------------------------------

Result<Reply> Produce(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(json body, BodyObject(c.request));
  engine::ProduceRequest request;
  BATES_ASSIGN_OR_RETURN(request.select, StringField(body, "select", true));
  BATES_ASSIGN_OR_RETURN(request.withhold, StringField(body, "withhold"));
  BATES_ASSIGN_OR_RETURN(request.prefix, StringField(body, "prefix", true));
  BATES_ASSIGN_OR_RETURN(request.volume, StringField(body, "volume", true));
  BATES_ASSIGN_OR_RETURN(request.from, StringField(body, "from"));
  BATES_ASSIGN_OR_RETURN(request.to, StringField(body, "to"));
  auto start = body.find("start");
  if (start != body.end() && !start->is_null()) {
    if (!start->is_number_integer() || start->get<int64_t>() < 1) {
      return InvalidArgumentError("'start' must be a positive integer");
    }
    request.start = start->get<int64_t>();
  }
  request.user = c.session.user;
  BATES_ASSIGN_OR_RETURN(engine::ProduceReport report, c.matter.Produce(request));
  return JsonReply(engine::ToJson(report));
}

Result<Reply> Certificate(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(std::string html, c.matter.ProductionCertificate(c.path_param));
  Reply reply;
  reply.body = std::move(html);
  reply.content_type = "text/html; charset=utf-8";
  return reply;
}

Result<Reply> Intake(RouteContext& c) {
  BATES_ASSIGN_OR_RETURN(engine::IntakeRecordsView view, c.matter.IntakeRecords());
  return JsonReply(engine::ToJson(view));
}

// --- the requester's status board ----------------------------------------------------------

// Follow-ups fall due this many days after the last communication, as `bates demand status`.
constexpr int kFollowUpDays = 14;

Result<Reply> StatusBoard(RouteContext& c) {
  if (c.options.demand_spec.empty()) {
    return NotFoundError(
        "this server has no demand spec: start it with `bates serve --demand SPEC` to see the "
        "status board");
  }
  demand::CivilDate as_of = engine::TodayUtc(c.options.case_options);
  std::string as_of_text = c.request.get_param_value("as_of");
  if (!as_of_text.empty()) {
    auto parsed = demand::ParseCivilDate(as_of_text);
    if (!parsed.ok()) {
      return InvalidArgumentError("'as_of' must be a date YYYY-MM-DD: {}",
                                  parsed.status().message());
    }
    as_of = *parsed;
  }
  // Read at every request, so the board follows edits to the spec (a recipient added).
  BATES_ASSIGN_OR_RETURN(demand::DemandSpec spec,
                         demand::LoadDemandSpec(c.options.demand_spec.string()));
  BATES_ASSIGN_OR_RETURN(engine::DemandBoard board,
                         engine::DemandBoardFor(c.matter, spec, as_of, kFollowUpDays));
  return JsonReply(engine::ToJson(board));
}

template <Result<Reply> (*F)(RouteContext&)>
Reply Handle(RouteContext& c) {
  return Answer(F(c));
}

}  // namespace

const std::vector<Route>& ApiRoutes() {
  // method, path, roles, needs CSRF, runs one at a time, handler
  static const std::vector<Route> kRoutes = {
      {"POST", "/api/login", 0, false, true, Handle<Login>},
      {"POST", "/api/logout", kAnyRole, true, true, Handle<Logout>},
      {"GET", "/api/session", kAnyRole, false, false, Handle<Session>},
      {"GET", "/api/search", kAnyRole, false, false, Handle<Search>},
      {"GET", "/api/documents/{id}", kAnyRole, false, false, Handle<Document>},
      {"GET", "/api/documents/{id}/native", kAnyRole, false, false, Handle<Native>},
      {"GET", "/api/documents/{id}/screen", kAdmin | kReviewer, false, false, Handle<ItemScreen>},
      {"POST", "/api/documents/{id}/coding", kAdmin | kReviewer, true, true, Handle<Code>},
      {"POST", "/api/tar/start", kAdmin | kReviewer, true, true, Handle<TarStart>},
      // Proposing a batch records the round, so it runs one at a time like a change.
      {"GET", "/api/tar/next", kAdmin | kReviewer, false, true, Handle<TarNext>},
      {"GET", "/api/tar/status", kAdmin | kReviewer, false, false, Handle<TarStatus>},
      {"POST", "/api/tar/code", kAdmin | kReviewer, true, true, Handle<TarCode>},
      {"GET", "/api/screen", kAdmin | kReviewer, false, false, Handle<ScreenResults>},
      {"POST", "/api/screen", kAdmin | kReviewer, true, true, Handle<RunScreen>},
      {"POST", "/api/redactions", kAdmin | kReviewer, true, true, Handle<Redact>},
      {"POST", "/api/productions", kAdmin, true, true, Handle<Produce>},
      {"GET", "/api/productions/{vol}/certificate", kAdmin, false, false, Handle<Certificate>},
      {"GET", "/api/intake", kAdmin | kRequester, false, false, Handle<Intake>},
      // The requester's own tracking; reviewers work the responder's side and do not see it.
      {"GET", "/api/demand/status", kAdmin | kRequester, false, false, Handle<StatusBoard>},
  };
  return kRoutes;
}

unsigned RoleBitOf(const std::string& role) {
  if (role == "admin") return kAdmin;
  if (role == "reviewer") return kReviewer;
  if (role == "requester") return kRequester;
  return 0;
}

bool RoleSeesPrivileged(const std::string& role) { return role == "admin" || role == "reviewer"; }

}  // namespace bates::server
