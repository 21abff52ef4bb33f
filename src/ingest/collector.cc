#include "ingest/collector.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace bates::ingest {
namespace {

// What a worker hands the committing thread: an item, or a late failure of one already handed.
struct Event {
  bool is_failure = false;
  ExtractedItem item;
  uint32_t local_id = 0;
  Status reason;
  std::string tool;
  uint64_t cost = 0;  // bytes it holds, for the buffer limits
};

struct Slot {
  std::deque<Event> events;
  uint64_t bytes = 0;
  bool done = false;
};

// Items per file wait here until the committer reaches that file. Memory is bounded twice: per
// file (the one being committed cannot run ahead of the committer without limit) and in total
// (files ahead of the committer cannot pile up).
class OrderedBuffer {
 public:
  explicit OrderedBuffer(uint64_t per_file_cap)
      : per_file_cap_(per_file_cap), total_cap_(per_file_cap * 4) {}

  // Worker side. Returns Cancelled once the run is stopping.
  Status Push(size_t file, Event event) {
    std::unique_lock lock(mu_);
    Slot& slot = slots_[file];
    space_.wait(lock, [&] {
      if (stopping_) return true;
      // Within a file, always room for one item, whatever its size.
      if (!slot.events.empty() && slot.bytes + event.cost > per_file_cap_) return false;
      if (file == current_) return true;  // the committer is waiting for it
      // Files ahead of the committer wait for room in the total, even for their first item: a
      // folder of one-message files would otherwise pile up without limit. One item alone may
      // pass the total, so a large one cannot wait forever.
      return total_ == 0 || total_ + event.cost <= total_cap_;
    });
    if (stopping_) return CancelledError("collection stopped");
    slot.bytes += event.cost;
    total_ += event.cost;
    slot.events.push_back(std::move(event));
    ready_.notify_all();
    return Status::Ok();
  }

  void FinishFile(size_t file) {
    std::lock_guard lock(mu_);
    slots_[file].done = true;
    ready_.notify_all();
  }

  // Committer side: the next event of `file`, or nullopt when the file is finished or the run
  // is stopping.
  std::optional<Event> Pop(size_t file) {
    std::unique_lock lock(mu_);
    Slot& slot = slots_[file];
    ready_.wait(lock, [&] { return stopping_ || !slot.events.empty() || slot.done; });
    if (stopping_ || slot.events.empty()) return std::nullopt;
    Event event = std::move(slot.events.front());
    slot.events.pop_front();
    slot.bytes -= event.cost;
    total_ -= event.cost;
    space_.notify_all();
    return event;
  }

  void Advance(size_t next_file) {
    std::lock_guard lock(mu_);
    slots_.erase(current_);
    current_ = next_file;
    space_.notify_all();
  }

  void Stop() {
    std::lock_guard lock(mu_);
    stopping_ = true;
    space_.notify_all();
    ready_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable space_, ready_;
  // Only files in flight have a slot: a collection of a million files must not cost a million.
  std::unordered_map<size_t, Slot> slots_;
  const uint64_t per_file_cap_;
  const uint64_t total_cap_;
  uint64_t total_ = 0;
  size_t current_ = 0;
  bool stopping_ = false;
};

ExtractedItem UnreadableEntry(const WalkEntry& entry) {
  ExtractedItem item;
  size_t slash = entry.relative_path.find_last_of('/');
  item.name =
      slash == std::string::npos ? entry.relative_path : entry.relative_path.substr(slash + 1);
  item.meta.file_name = item.name;
  item.size = entry.size;
  item.status = model::ItemStatus::kException;
  item.exception = entry.error;
  item.exception_tool = "collect";
  return item;
}

}  // namespace

Result<CollectStats> Collect(const std::vector<WalkEntry>& all_entries, const Extractor& extractor,
                             const CollectOptions& options, ItemSink& sink,
                             ProgressListener& progress) {
  CollectStats stats;
  std::vector<const WalkEntry*> todo;
  ProgressSnapshot snapshot;
  snapshot.stage = "collect";
  for (const WalkEntry& e : all_entries) {
    if (options.already_done && options.already_done(e.relative_path)) {
      ++stats.files_skipped;
      continue;
    }
    todo.push_back(&e);
    snapshot.total_bytes += e.size;
  }
  snapshot.total_files = todo.size();

  OrderedBuffer buffer(options.max_buffered_bytes_per_file);
  std::mutex next_mu;
  size_t next_file = 0;
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(); };

  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::lock_guard lock(next_mu);
        if (next_file >= todo.size()) return;
        i = next_file++;
      }
      const WalkEntry& entry = *todo[i];
      auto emit = [&](ExtractedItem item) -> Status {
        if (cancelled()) return CancelledError("collection cancelled");
        sink.Prepare(item);
        Event event;
        // Measured after Prepare, which may have moved the text into item.prepared: counting
        // only what is left let workers run hundreds of thousands of items ahead of the
        // committer on a large collection, each holding its index document.
        event.cost = item.native.size() + item.text.size() +
                     (item.prepared ? item.prepared->bytes() : 0) + 1024;
        event.item = std::move(item);
        return buffer.Push(i, std::move(event));
      };
      auto fail = [&](uint32_t local_id, const Status& reason, const std::string& tool) -> Status {
        Event event;
        event.is_failure = true;
        event.local_id = local_id;
        event.reason = reason;
        event.tool = tool;
        event.cost = 256;
        return buffer.Push(i, std::move(event));
      };
      Status s = entry.error.ok()
                     ? extractor.ExtractFile(entry.path, entry.relative_path, emit, fail)
                     : emit(UnreadableEntry(entry));
      buffer.FinishFile(i);
      if (!s.ok()) return;  // the run is stopping
    }
  };

  int jobs =
      options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  jobs = std::max(1, std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, todo.size()))));
  std::vector<std::thread> workers;
  for (int j = 0; j < jobs; ++j) workers.emplace_back(worker);

  auto start = std::chrono::steady_clock::now();
  auto last_report = start;
  Status error;
  for (size_t i = 0; i < todo.size() && error.ok(); ++i) {
    const WalkEntry& entry = *todo[i];
    error = sink.BeginFile(entry.relative_path);
    while (error.ok()) {
      if (cancelled()) {
        error = CancelledError("collection cancelled");
        break;
      }
      std::optional<Event> event = buffer.Pop(i);
      if (!event) break;
      if (event->is_failure) {
        ++stats.exceptions;
        error = sink.MarkException(event->local_id, event->reason, event->tool);
      } else {
        ++stats.items;
        if (event->item.status == model::ItemStatus::kException) ++stats.exceptions;
        error = sink.Add(std::move(event->item));
      }
    }
    if (!error.ok()) break;
    error = sink.EndFile(entry.relative_path);
    buffer.Advance(i + 1);
    ++stats.files;
    stats.bytes += entry.size;

    auto now = std::chrono::steady_clock::now();
    if (now - last_report >= std::chrono::milliseconds(100)) {
      last_report = now;
      snapshot.items = stats.items;
      snapshot.exceptions = stats.exceptions;
      snapshot.bytes = stats.bytes;
      snapshot.files = stats.files;
      snapshot.elapsed_seconds = std::chrono::duration<double>(now - start).count();
      progress.OnProgress(snapshot);
    }
  }
  if (!error.ok()) buffer.Stop();
  for (std::thread& t : workers) t.join();
  if (!error.ok()) return error;

  snapshot.items = stats.items;
  snapshot.exceptions = stats.exceptions;
  snapshot.bytes = stats.bytes;
  snapshot.files = stats.files;
  snapshot.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.OnDone(snapshot);
  return stats;
}

}  // namespace bates::ingest
