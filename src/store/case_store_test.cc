// The CaseStore contract, written once and run on every backend (SQLite now; PostgreSQL later
// joins the instantiation at the bottom).
#include "store/case_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::Describe;
using ::testing::ElementsAre;
using testing::MakeFullItem;
using testing::MakeItem;
using testing::TempDir;

class CaseStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  // A custodian and a source to hang items on.
  int64_t NewSource(const std::string& path, const std::string& custodian = "Ramos") {
    auto c = store_->EnsureCustodian(custodian);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    auto s = store_->EnsureSource(path, c->id, /*is_folder=*/true, /*added_at=*/1000);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s->id;
  }

  void Insert(const Item& item) {
    Status status = store_->InsertItem(item);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  TempDir dir_{"case-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_P(CaseStoreTest, ItemRoundTripsEveryField) {
  int64_t source = NewSource("/collect/ramos");
  Insert(MakeItem(1, source, 1, "mail/inbox.mbox"));
  Item full = MakeFullItem(2, source);
  Insert(full);
  Item sparse = MakeItem(3, source, 3, "notes.txt");
  sparse.parent_id = std::nullopt;
  sparse.meta.modified = Timestamp{-86400 * 365, 330, true};  // before 1970, +05:30, floating
  sparse.meta.references = {""};  // one empty reference is not the same as none
  Insert(sparse);

  Reopen();
  auto got = store_->GetItem(2);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(Describe(*got), Describe(full));
  got = store_->GetItem(3);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(Describe(*got), Describe(sparse));
  got = store_->GetItem(1);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->parent_id.has_value());
  EXPECT_FALSE(got->sort_date.has_value());
  EXPECT_FALSE(got->meta.from.has_value());
  EXPECT_TRUE(got->meta.references.empty());
  EXPECT_EQ(Describe(*got), Describe(MakeItem(1, source, 1, "mail/inbox.mbox")));
}

TEST_P(CaseStoreTest, GetItemsKeepsTheRequestedOrder) {
  int64_t source = NewSource("/collect/ramos");
  for (model::ItemId id = 1; id <= 5; ++id)
    Insert(MakeItem(id, source, id, fmt::format("f{}", id)));
  auto items = store_->GetItems({4, 1, 5, 1});
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  std::vector<model::ItemId> ids;
  for (const Item& item : *items) ids.push_back(item.id);
  EXPECT_THAT(ids, ElementsAre(4, 1, 5, 1));
  EXPECT_EQ(store_->GetItems({1, 9}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetItem(9).status().code(), StatusCode::kNotFound);
}

TEST_P(CaseStoreTest, ForEachItemStreamsARangeInIdOrder) {
  int64_t source = NewSource("/collect/ramos");
  std::vector<Item> inserted;
  for (model::ItemId id = 1; id <= 40; ++id) {
    Item item = id % 3 == 0 ? MakeFullItem(id, source) : MakeItem(id, source, id, "f");
    if (id % 3 == 0) item.parent_id = std::nullopt;
    if (id % 4 == 0) item.meta.extra = {{"n", std::to_string(id)}};
    if (id % 5 == 0) item.meta.to = {{"", fmt::format("p{}@x.example", id)}};
    inserted.push_back(item);
    Insert(item);
  }
  std::vector<model::ItemId> seen;
  Status status = store_->ForEachItem(10, 30, [&](const Item& item) {
    EXPECT_EQ(Describe(item), Describe(inserted[static_cast<size_t>(item.id - 1)]));
    // The callback may query the store, even run a nested scan.
    EXPECT_TRUE(store_->GetItem(item.id).ok());
    int nested = 0;
    EXPECT_TRUE(store_
                    ->ForEachItem(1, 2,
                                  [&](const Item&) {
                                    ++nested;
                                    return Status::Ok();
                                  })
                    .ok());
    EXPECT_EQ(nested, 2);
    seen.push_back(item.id);
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(seen.size(), 21u);
  EXPECT_EQ(seen.front(), 10);
  EXPECT_EQ(seen.back(), 30);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));

  // An error from the callback stops the scan and comes back.
  int calls = 0;
  status = store_->ForEachItem(
      1, 40, [&](const Item&) { return ++calls == 3 ? CancelledError("enough") : Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kCancelled);
  EXPECT_EQ(calls, 3);
  EXPECT_TRUE(store_->ForEachItem(5, 4, [](const Item&) { return InternalError("called"); }).ok());
}

TEST_P(CaseStoreTest, TreeAndFamilyQueries) {
  int64_t source = NewSource("/collect/ramos");
  Item mbox = MakeItem(1, source, 1, "inbox.mbox");
  mbox.kind = model::ItemKind::kContainer;
  Insert(mbox);
  for (model::ItemId email : {2, 4}) {
    Item e = MakeItem(email, source, 1, "inbox.mbox");
    e.kind = model::ItemKind::kEmail;
    e.parent_id = 1;
    Insert(e);
    Item attachment = MakeItem(email + 1, source, 1, "inbox.mbox");
    attachment.kind = model::ItemKind::kAttachment;
    attachment.parent_id = email;
    attachment.family_id = email;
    Insert(attachment);
  }
  EXPECT_THAT(*store_->ChildIds(1), ElementsAre(2, 4));
  EXPECT_THAT(*store_->ChildIds(4), ElementsAre(5));
  EXPECT_THAT(*store_->FamilyIds(4), ElementsAre(4, 5));
  EXPECT_EQ(*store_->CountItems(), 5);
  EXPECT_EQ(*store_->MaxItemId(), 5);
}

TEST_P(CaseStoreTest, EmptyStoreCountsAndMaxAreZero) {
  EXPECT_EQ(*store_->CountItems(), 0);
  EXPECT_EQ(*store_->MaxItemId(), 0);
  EXPECT_EQ(*store_->IndexedThrough(), 0);
}

TEST_P(CaseStoreTest, RejectedItemsLeaveNothing) {
  int64_t source = NewSource("/collect/ramos");
  Insert(MakeItem(1, source, 1, "a"));
  EXPECT_EQ(store_->InsertItem(MakeItem(1, source, 1, "a")).code(), StatusCode::kAlreadyExists);
  // An unknown source breaks a foreign key, inside a transaction as well as outside one.
  EXPECT_EQ(store_->InsertItem(MakeItem(2, source + 100, 2, "b")).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_FALSE(store_->InsertItem(MakeItem(3, source + 100, 3, "c")).ok());
  Insert(MakeItem(4, source, 4, "d"));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->CountItems(), 2);
  EXPECT_EQ(store_->GetItem(3).status().code(), StatusCode::kNotFound);
}

TEST_P(CaseStoreTest, RollbackDiscardsAndCommitKeeps) {
  int64_t source = NewSource("/collect/ramos");
  ASSERT_TRUE(store_->Begin().ok());
  Insert(MakeFullItem(1, source));
  ASSERT_TRUE(store_->SetSetting("k", "v").ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(*store_->CountItems(), 0);
  EXPECT_FALSE(store_->GetSetting("k")->has_value());

  ASSERT_TRUE(store_->Begin().ok());
  Insert(MakeItem(1, source, 1, "a"));
  ASSERT_TRUE(store_->Commit().ok());
  Reopen();
  EXPECT_EQ(*store_->CountItems(), 1);
}

TEST_P(CaseStoreTest, TransactionsDoNotNest) {
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(store_->Begin().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Commit().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->Rollback().ok());  // nothing open: nothing to do
}

TEST_P(CaseStoreTest, DestroyingInsideATransactionRollsBack) {
  int64_t source = NewSource("/collect/ramos");
  ASSERT_TRUE(store_->Begin().ok());
  Insert(MakeItem(1, source, 1, "a"));
  Reopen();
  EXPECT_EQ(*store_->CountItems(), 0);
  ASSERT_TRUE(store_->Begin().ok());  // the lock was released with the old connection
  ASSERT_TRUE(store_->Commit().ok());
}

TEST_P(CaseStoreTest, Matter) {
  EXPECT_EQ(store_->GetMatter().status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->CreateMatter(Matter{"City records request", "America/Chicago", 1700}).ok());
  EXPECT_EQ(store_->CreateMatter(Matter{"again", "UTC", 1}).code(), StatusCode::kAlreadyExists);
  Reopen();
  auto matter = store_->GetMatter();
  ASSERT_TRUE(matter.ok());
  EXPECT_EQ(matter->name, "City records request");
  EXPECT_EQ(matter->time_zone, "America/Chicago");
  EXPECT_EQ(matter->created_at, 1700);
}

TEST_P(CaseStoreTest, Settings) {
  EXPECT_FALSE(store_->GetSetting("dedup.scope")->has_value());
  ASSERT_TRUE(store_->SetSetting("dedup.scope", "custodian").ok());
  ASSERT_TRUE(store_->SetSetting("dedup.scope", "global").ok());
  ASSERT_TRUE(store_->SetSetting("empty", "").ok());
  Reopen();
  EXPECT_EQ(store_->GetSetting("dedup.scope")->value_or("?"), "global");
  EXPECT_EQ(store_->GetSetting("empty")->value_or("?"), "");
}

TEST_P(CaseStoreTest, EnsureCustodianIsIdempotent) {
  auto a = store_->EnsureCustodian("Ramos");
  auto b = store_->EnsureCustodian("Doe");
  auto again = store_->EnsureCustodian("Ramos");
  ASSERT_TRUE(a.ok() && b.ok() && again.ok());
  EXPECT_EQ(a->id, again->id);
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(again->name, "Ramos");
  auto list = store_->ListCustodians();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "Ramos");
  EXPECT_EQ((*list)[1].name, "Doe");
  EXPECT_EQ(store_->EnsureCustodian("").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(CaseStoreTest, EnsureSourceIsIdempotent) {
  auto ramos = store_->EnsureCustodian("Ramos");
  auto doe = store_->EnsureCustodian("Doe");
  auto first = store_->EnsureSource("/collect/share", ramos->id, true, 1000);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->custodian, "Ramos");
  EXPECT_TRUE(first->is_folder);
  EXPECT_EQ(first->added_at, 1000);
  EXPECT_FALSE(first->complete);
  auto again = store_->EnsureSource("/collect/share", ramos->id, true, 2000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->added_at, 1000);  // the first collection's time stays
  auto other = store_->EnsureSource("/collect/share", doe->id, true, 3000);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->id, first->id);
  EXPECT_EQ(other->custodian, "Doe");
  EXPECT_FALSE(store_->EnsureSource("/x", doe->id + 100, false, 1).ok());

  ASSERT_TRUE(store_->SetSourceComplete(first->id, true).ok());
  EXPECT_EQ(store_->SetSourceComplete(999, true).code(), StatusCode::kNotFound);
  auto list = store_->ListSources();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, first->id);
  EXPECT_TRUE((*list)[0].complete);
  EXPECT_FALSE((*list)[1].complete);
}

TEST_P(CaseStoreTest, DoneFilesAreSortedAndMarkingTwiceIsHarmless) {
  int64_t source = NewSource("/collect/ramos");
  ASSERT_TRUE(store_->MarkFileDone(source, "b.txt", 2).ok());
  ASSERT_TRUE(store_->MarkFileDone(source, "a.txt", 1).ok());
  ASSERT_TRUE(store_->MarkFileDone(source, "a.txt", 1).ok());
  ASSERT_TRUE(store_->MarkFileDone(source, "B.txt", 3).ok());
  EXPECT_THAT(*store_->DoneFiles(source), ElementsAre("B.txt", "a.txt", "b.txt"));
  EXPECT_TRUE(store_->DoneFiles(source + 1)->empty());
}

TEST_P(CaseStoreTest, DeleteUnfinishedItemsRemovesExactlyTheUnfinishedFiles) {
  int64_t source = NewSource("/collect/ramos");
  int64_t other = NewSource("/collect/doe", "Doe");
  // Source: a.mbox (ids 1-3) done, b.mbox (4-6) started, c.txt (7) done, d.txt (8) started.
  // The other source: e.txt (9) started; its items are not this call's business.
  auto tree = [&](int64_t src, model::ItemId top, int count, const std::string& path) {
    for (model::ItemId id = top; id < top + count; ++id) {
      Item item = id == top ? MakeItem(id, src, top, path) : MakeFullItem(id, src);
      item.top_id = top;
      item.relative_path = path;
      item.parent_id = id == top ? std::nullopt : std::optional<model::ItemId>(top);
      Insert(item);
    }
  };
  tree(source, 1, 3, "a.mbox");
  tree(source, 4, 3, "b.mbox");
  tree(source, 7, 1, "c.txt");
  tree(source, 8, 1, "d.txt");
  tree(other, 9, 1, "e.txt");
  ASSERT_TRUE(store_->MarkFileDone(source, "a.mbox", 1).ok());
  ASSERT_TRUE(store_->MarkFileDone(source, "c.txt", 7).ok());

  auto removed = store_->DeleteUnfinishedItems(source);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_THAT(*removed, ElementsAre(4, 5, 6, 8));
  std::vector<model::ItemId> left;
  ASSERT_TRUE(store_
                  ->ForEachItem(1, 100,
                                [&](const Item& item) {
                                  left.push_back(item.id);
                                  return Status::Ok();
                                })
                  .ok());
  EXPECT_THAT(left, ElementsAre(1, 2, 3, 7, 9));
  EXPECT_THAT(*store_->DoneFiles(source), ElementsAre("a.mbox", "c.txt"));

  // The re-run stores the same ids again, addresses and fields included: nothing of the removed
  // items was left behind.
  tree(source, 4, 3, "b.mbox");
  auto again = store_->GetItem(5);
  ASSERT_TRUE(again.ok());
  Item expected = MakeFullItem(5, source);
  expected.top_id = 4;
  expected.relative_path = "b.mbox";
  expected.parent_id = 4;
  EXPECT_EQ(Describe(*again), Describe(expected));
  // Still not marked done, so a second interrupted run loses it again.
  EXPECT_THAT(*store_->DeleteUnfinishedItems(source), ElementsAre(4, 5, 6));
}

TEST_P(CaseStoreTest, AccountBySourceAddsUp) {
  int64_t a = NewSource("/collect/a");
  int64_t b = NewSource("/collect/b", "Doe");
  int64_t empty = NewSource("/collect/empty");
  for (model::ItemId id = 1; id <= 6; ++id) {
    Item item = MakeItem(id, id <= 4 ? a : b, id, "f");
    if (id == 2) {
      item.status = model::ItemStatus::kException;
      item.exception_code = "corrupt";
    }
    Insert(item);
  }
  ASSERT_TRUE(store_->SetItemException(5, "timeout", "pdf", "helper timed out after 120 s").ok());
  EXPECT_EQ(store_->SetItemException(99, "x", "y", "z").code(), StatusCode::kNotFound);

  auto account = store_->AccountBySource();
  ASSERT_TRUE(account.ok()) << account.status().ToString();
  ASSERT_EQ(account->size(), 3u);
  const SourceAccount& sa = (*account)[0];
  EXPECT_EQ(sa.source.id, a);
  EXPECT_EQ(sa.source.path, "/collect/a");
  EXPECT_EQ(sa.source.custodian, "Ramos");
  EXPECT_EQ(sa.items, 4);
  EXPECT_EQ(sa.processed, 3);
  EXPECT_EQ(sa.exceptions, 1);
  EXPECT_EQ((*account)[1].source.id, b);
  EXPECT_EQ((*account)[1].items, 2);
  EXPECT_EQ((*account)[1].processed, 1);
  EXPECT_EQ((*account)[1].exceptions, 1);
  EXPECT_EQ((*account)[2].source.id, empty);
  EXPECT_EQ((*account)[2].items, 0);
  EXPECT_EQ((*account)[2].processed, 0);
  EXPECT_EQ((*account)[2].exceptions, 0);
  for (const SourceAccount& row : *account) EXPECT_EQ(row.items, row.processed + row.exceptions);
}

TEST_P(CaseStoreTest, ListExceptionsInIdOrder) {
  int64_t source = NewSource("/collect/a");
  for (model::ItemId id = 1; id <= 4; ++id) Insert(MakeItem(id, source, 1, "big.zip"));
  ASSERT_TRUE(store_->SetItemException(3, "encrypted", "libarchive", "entry 2 encrypted").ok());
  ASSERT_TRUE(store_->SetItemException(1, "corrupt", "libarchive", "bad central directory").ok());
  auto rows = store_->ListExceptions();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, 1);
  EXPECT_EQ((*rows)[0].code, "corrupt");
  EXPECT_EQ((*rows)[0].relative_path, "big.zip");
  EXPECT_EQ((*rows)[1].id, 3);
  EXPECT_EQ((*rows)[1].tool, "libarchive");
  EXPECT_EQ((*rows)[1].message, "entry 2 encrypted");
  EXPECT_EQ(store_->GetItem(3)->status, model::ItemStatus::kException);
}

TEST_P(CaseStoreTest, IndexedThroughPersists) {
  ASSERT_TRUE(store_->SetIndexedThrough(1234).ok());
  Reopen();
  EXPECT_EQ(*store_->IndexedThrough(), 1234);
}

TEST_P(CaseStoreTest, AuditLogAppendsInOrder) {
  ASSERT_TRUE(store_->AppendAudit(200, "alice", "add", R"({"source":"/collect/a"})").ok());
  ASSERT_TRUE(store_->AppendAudit(100, "bob", "code", R"({"id":3})").ok());
  ASSERT_TRUE(store_->AppendAudit(300, "alice", "note", "").ok());
  EXPECT_EQ(store_->AppendAudit(400, "mallory", "x", "{not json").code(),
            StatusCode::kInvalidArgument);
  Reopen();
  auto log = store_->ListAudit();
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ((*log)[0].actor, "alice");
  EXPECT_EQ((*log)[0].at, 200);
  EXPECT_EQ((*log)[0].detail, R"({"source":"/collect/a"})");
  EXPECT_EQ((*log)[1].action, "code");
  EXPECT_EQ((*log)[1].at, 100);  // the order of appending, not of the times given
  EXPECT_EQ((*log)[2].action, "note");
  EXPECT_LT((*log)[0].id, (*log)[1].id);
  EXPECT_LT((*log)[1].id, (*log)[2].id);
}

TEST_P(CaseStoreTest, BulkLoadChangesNoResult) {
  int64_t source = NewSource("/collect/a");
  ASSERT_TRUE(store_->BeginBulkLoad().ok());
  ASSERT_TRUE(store_->BeginBulkLoad().ok());
  ASSERT_TRUE(store_->Begin().ok());
  for (model::ItemId id = 1; id <= 20; ++id) Insert(MakeFullItem(id, source));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Describe(*store_->GetItem(7)), Describe(MakeFullItem(7, source)));
  // Inside a transaction too; a rollback takes the rebuilt indexes back with everything else.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->EndBulkLoad().ok());
  ASSERT_TRUE(store_->Rollback().ok());
  ASSERT_TRUE(store_->EndBulkLoad().ok());
  ASSERT_TRUE(store_->EndBulkLoad().ok());
  Insert(MakeFullItem(21, source));
  EXPECT_EQ(*store_->CountItems(), 21);
  EXPECT_EQ(Describe(*store_->GetItem(21)), Describe(MakeFullItem(21, source)));
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace bates::store
