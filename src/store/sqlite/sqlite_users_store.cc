// The SQLite users area (see store/user_store.h).
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteUserStore final : public UserStore {
 public:
  explicit SqliteUserStore(SqliteStore& store) : store_(store) {}

  Result<int64_t> AddUser(const UserAccount& user) override {
    if (user.role != "admin" && user.role != "reviewer" && user.role != "requester") {
      return InvalidArgumentError("role '{}': expected admin, reviewer or requester", user.role);
    }
    if (user.name.empty()) return InvalidArgumentError("a user needs a name");
    BATES_ASSIGN_OR_RETURN(std::optional<UserAccount> existing, FindUser(user.name));
    if (existing) return InvalidArgumentError("user '{}' already exists", user.name);
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("INSERT INTO user_account (name, role, password_hash, "
                                        "created_at) VALUES (?1, ?2, ?3, ?4)"));
    s->BindText(1, user.name);
    s->BindText(2, user.role);
    s->BindText(3, user.password_hash);
    s->BindInt(4, user.created_at);
    Status status = s->Run();
    if (!status.ok()) return status.WithContext("adding a user");
    return sqlite3_last_insert_rowid(store_.db());
  }

  Result<std::optional<UserAccount>> FindUser(const std::string& name) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT id, name, role, password_hash, created_at FROM "
                                        "user_account WHERE name = ?1 AND disabled = 0"));
    s->BindText(1, name);
    return OneUser(*s);
  }

  Result<std::optional<UserAccount>> UserById(int64_t id) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT id, name, role, password_hash, created_at FROM "
                                        "user_account WHERE id = ?1 AND disabled = 0"));
    s->BindInt(1, id);
    return OneUser(*s);
  }

  Status AddSession(const UserSession& session) override {
    BATES_ASSIGN_OR_RETURN(
        auto s,
        store_.statements().Use("INSERT INTO user_session (token_sha256, user_id, csrf_token, "
                                "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
    s->BindText(1, session.token_sha256);
    s->BindInt(2, session.user_id);
    s->BindText(3, session.csrf_token);
    s->BindInt(4, session.created_at);
    s->BindInt(5, session.expires_at);
    Status status = s->Run();
    if (!status.ok()) return status.WithContext("adding a session");
    return Status::Ok();
  }

  Result<std::optional<UserSession>> FindSession(const std::string& token_sha256,
                                                 int64_t now) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT token_sha256, user_id, csrf_token, created_at, expires_at FROM "
                    "user_session WHERE token_sha256 = ?1 AND expires_at > ?2"));
    s->BindText(1, token_sha256);
    s->BindInt(2, now);
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<UserSession>();
    UserSession out{s->Text(0), s->Int(1), s->Text(2), s->Int(3), s->Int(4)};
    BATES_ASSIGN_OR_RETURN(bool more, s->Step());
    (void)more;  // the digest is the primary key: at most one row
    return std::optional<UserSession>(std::move(out));
  }

  Status DeleteSession(const std::string& token_sha256) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("DELETE FROM user_session WHERE token_sha256 = ?1"));
    s->BindText(1, token_sha256);
    return s->Run();
  }

  Status DeleteExpiredSessions(int64_t now) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("DELETE FROM user_session WHERE expires_at <= ?1"));
    s->BindInt(1, now);
    return s->Run();
  }

 private:
  template <typename Stmt>
  static Result<std::optional<UserAccount>> OneUser(Stmt& s) {
    BATES_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<UserAccount>();
    UserAccount out{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4)};
    BATES_ASSIGN_OR_RETURN(bool more, s.Step());
    (void)more;  // names and ids are unique: at most one row
    return std::optional<UserAccount>(std::move(out));
  }

  SqliteStore& store_;
};

}  // namespace

UserStore& SqliteStore::users() {
  if (!users_) users_ = std::make_unique<SqliteUserStore>(*this);
  return *users_;
}

}  // namespace bates::store::sqlite
