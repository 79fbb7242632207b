#include "backend/remote_state_store.h"

#include <map>
#include <mutex>

#include "base/file.h"
#include "state/lineage.h"

namespace vueops::backend {
namespace {

using state::ResourceRecord;
using state::StateSnapshot;

// The journal: one line of facts, then the state document exactly as it is (or will be) in S3.
//   {"vueops_journal":1,"source":"s3://bucket/key","pushed_serial":12}
//   {"vueops_state":1,...}
struct Journal {
  std::string source;
  int64_t pushed_serial = 0;
  std::string document;
  StateSnapshot snapshot;
};

// Beside the journal: {"lineage": ..., "serial": N}, the serial S3 holds after our last push.
// Lost in a crash, it only makes the next run compare the journal with S3 in full.
std::string PushedPath(const std::string& journal_path) { return journal_path + ".pushed"; }

Result<std::optional<Journal>> ReadJournal(const std::string& path) {
  if (!FileExists(path)) return std::optional<Journal>();
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto damaged = [&path](const std::string& why) {
    return DataLossError("the local state journal " + path + " is damaged (" + why +
                         "); move it aside to work from the state in S3");
  };
  size_t newline = text.find('\n');
  if (newline == std::string::npos) return damaged("no header line");
  Result<Json> header = ParseJson(std::string_view(text).substr(0, newline));
  if (!header.ok() || !header->is_object() || !header->contains("vueops_journal")) {
    return damaged("its first line is not a journal header");
  }
  Journal journal;
  journal.source = header->value("source", "");
  journal.pushed_serial = header->value("pushed_serial", int64_t{0});
  journal.document = text.substr(newline + 1);
  Result<StateSnapshot> snapshot = state::DecodeStateDocument(journal.document, path);
  if (!snapshot.ok()) return damaged(snapshot.status().message());
  journal.snapshot = std::move(*snapshot);
  // The last push's serial, written after each push (the header's is from the last change).
  if (Result<std::string> pushed = ReadFile(PushedPath(path), 256); pushed.ok()) {
    Result<Json> mark = ParseJson(*pushed);
    if (mark.ok() && mark->is_object() &&
        mark->value("lineage", "") == journal.snapshot.info.lineage) {
      journal.pushed_serial = std::max(journal.pushed_serial, mark->value("serial", int64_t{0}));
    }
  }
  return std::optional<Journal>(std::move(journal));
}

class RemoteStore final : public RemoteStateStore {
 public:
  RemoteStore(std::unique_ptr<ObjectStore> objects, std::unique_ptr<HeldLock> lock,
              RemoteStateOptions options)
      : objects_(std::move(objects)),
        lock_(std::move(lock)),
        options_(std::move(options)),
        source_(objects_->Describe(options_.key)) {}

  ~RemoteStore() override {
    if (lock_ == nullptr) return;
    Status flushed = Flush();
    if (!flushed.ok()) Note(flushed.message());
    // The lock goes whatever happened: what is unpushed is safe in the journal, and the next
    // run from here pushes it (or says why it cannot).
    lock_.reset();
  }

  // Loads the journal and the remote state and decides which is current.
  Status Load() {
    ASSIGN_OR_RETURN(std::optional<Journal> journal, ReadJournal(options_.journal_path));
    ASSIGN_OR_RETURN(std::optional<StoredObject> remote, objects_->Get(options_.key));
    std::optional<StateSnapshot> remote_snapshot;
    if (remote.has_value()) {
      ASSIGN_OR_RETURN(remote_snapshot, state::DecodeStateDocument(remote->body, source_));
      etag_ = remote->etag;
    }
    if (journal.has_value() && journal->source != source_) {
      return FailedPreconditionError("the local state journal " + options_.journal_path +
                                     " belongs to " + journal->source + ", not " + source_ +
                                     "; move it aside");
    }
    StateSnapshot current;
    if (journal.has_value() && journal->snapshot.info.serial > journal->pushed_serial) {
      const StateSnapshot& local = journal->snapshot;
      const bool same_text = remote.has_value() && remote->body == journal->document;
      const bool remote_unchanged = remote_snapshot.has_value()
                                        ? remote_snapshot->info.lineage == local.info.lineage &&
                                              remote_snapshot->info.serial == journal->pushed_serial
                                        : journal->pushed_serial == 0;
      if (!same_text && !remote_unchanged) {
        std::string there =
            remote_snapshot.has_value()
                ? "serial " + std::to_string(remote_snapshot->info.serial) +
                      (remote_snapshot->info.lineage == local.info.lineage ? ""
                                                                           : ", another lineage")
                : "no state at all";
        return FailedPreconditionError(
            "the local state journal " + options_.journal_path + " holds changes up to serial " +
            std::to_string(local.info.serial) + " that never reached " + source_ +
            ", and S3 has moved on since (it holds " + there +
            "). Nothing is lost: both are kept. To keep S3's state, move the journal aside; to "
            "put the journal's back, run: vueops state push --from-journal");
      }
      current = local;
      pushed_serial_ = same_text ? local.info.serial : journal->pushed_serial;
      latest_text_ = journal->document;
    } else if (remote_snapshot.has_value()) {
      current = *remote_snapshot;
      pushed_serial_ = current.info.serial;
      latest_text_ = remote->body;
    } else {
      current.info.schema_version = state::kStateFormatVersion;
      current.info.lineage = state::NewLineage();
      pushed_serial_ = 0;
      latest_text_ = state::EncodeStateDocument(current);
    }
    latest_serial_ = current.info.serial;
    for (const ResourceRecord& record : current.records) {
      lines_[record.address] = DumpJson(state::RecordToJson(record));
    }
    head_ = current.info;
    memory_ = state::NewMemoryStateStore(std::move(current));
    if (latest_serial_ > pushed_serial_) {
      if (lock_ != nullptr) return Flush();
      Note(std::to_string(latest_serial_ - pushed_serial_) + " state changes in " +
           options_.journal_path + " are not in " + source_ +
           " yet; the next apply (or vueops state push --from-journal) sends them");
    }
    return Status::Ok();
  }

  Result<state::StateInfo> Info() override { return memory_->Info(); }
  Result<std::vector<ResourceRecord>> List() override { return memory_->List(); }
  Result<std::optional<ResourceRecord>> Get(const std::string& address) override {
    return memory_->Get(address);
  }

  Status Put(const ResourceRecord& record) override {
    return Change([&]() -> Status {
      RETURN_IF_ERROR(memory_->Put(record));
      lines_[record.address] = DumpJson(state::RecordToJson(record));
      return Status::Ok();
    });
  }

  Status Remove(const std::string& address) override {
    return Change([&]() -> Status {
      RETURN_IF_ERROR(memory_->Remove(address));
      lines_.erase(address);
      return Status::Ok();
    });
  }

  Status Move(const std::string& from, const std::string& to) override {
    return Change([&]() -> Status {
      RETURN_IF_ERROR(memory_->Move(from, to));
      // Dependents' lists changed too: encode every line again (moves are rare).
      ASSIGN_OR_RETURN(std::vector<ResourceRecord> records, memory_->List());
      lines_.clear();
      for (const ResourceRecord& record : records) {
        lines_[record.address] = DumpJson(state::RecordToJson(record));
      }
      return Status::Ok();
    });
  }

  Status Flush() override {
    int64_t latest;
    {
      std::lock_guard guard(mutex_);
      latest = latest_serial_;
    }
    RETURN_IF_ERROR(PushUpTo(latest, /*quiet=*/true));
    std::lock_guard guard(mutex_);
    if (pushed_serial_ >= latest_serial_) return Status::Ok();
    return UnavailableError(std::to_string(latest_serial_ - pushed_serial_) +
                            " state changes could not be written to " + source_ +
                            (last_push_error_.empty() ? "" : " (" + last_push_error_ + ")") +
                            "; they are safe in " + options_.journal_path +
                            " and the next vueops run on this state pushes them");
  }

  int64_t unpushed() override {
    std::lock_guard guard(mutex_);
    return latest_serial_ - pushed_serial_;
  }

  std::string source() const override { return source_; }

 private:
  void Note(std::string_view note) {
    if (options_.notes) options_.notes(note);
  }

  // Applies one change to memory and the journal, then pushes.
  Status Change(const std::function<Status()>& change) {
    int64_t serial;
    {
      std::lock_guard guard(mutex_);
      if (lock_ == nullptr) {
        return FailedPreconditionError(source_ +
                                       " was opened for reading; changes need the state's lock");
      }
      RETURN_IF_ERROR(conflict_);
      RETURN_IF_ERROR(lock_->Check());
      RETURN_IF_ERROR(change());
      ASSIGN_OR_RETURN(head_, memory_->Info());
      latest_text_ = Compose();
      latest_serial_ = head_.serial;
      serial = latest_serial_;
      RETURN_IF_ERROR(WriteJournal());
    }
    return PushUpTo(serial, /*quiet=*/false);
  }

  // The document of the current state, from the encoded lines (a change re-encodes only its
  // own record). REQUIRES: mutex_ held.
  std::string Compose() const {
    state::StateSnapshot head_only;
    head_only.info = head_;
    std::string text = state::EncodeStateDocument(head_only);
    // "...,"records":[]}\n": open the array and put the lines in.
    const std::string tail = "]}\n";
    text.resize(text.size() - tail.size());
    bool first = true;
    for (const auto& [address, line] : lines_) {
      text += first ? "\n" : ",\n";
      text += line;
      first = false;
    }
    text += first ? tail : "\n" + tail;
    return text;
  }

  // REQUIRES: mutex_ held.
  Status WriteJournal() {
    Json header = {{"vueops_journal", 1}, {"source", source_}, {"pushed_serial", pushed_serial_}};
    RETURN_IF_ERROR(MakeDirectories(DirectoryOf(options_.journal_path), 0700));
    return WriteFileAtomic(options_.journal_path, DumpJson(header) + "\n" + latest_text_, 0600)
        .WithContext("cannot write the local state journal");
  }

  // Writes the latest document to S3 unless a push already carried `serial`. One push at a
  // time; changes that arrive meanwhile go up with the next. A failed network is reported
  // once (unless `quiet`) and leaves the change in the journal.
  Status PushUpTo(int64_t serial, bool quiet) {
    std::lock_guard push_guard(push_mutex_);
    std::string text, etag;
    int64_t pushing;
    {
      std::lock_guard guard(mutex_);
      if (pushed_serial_ >= serial) return Status::Ok();
      RETURN_IF_ERROR(conflict_);
      text = latest_text_;
      etag = etag_;
      pushing = latest_serial_;
    }
    if (lock_ != nullptr) RETURN_IF_ERROR(lock_->Check());
    Result<WriteOutcome> outcome =
        objects_->Put(options_.key, text,
                      etag.empty() ? WriteCondition::IfAbsent() : WriteCondition::IfMatch(etag));
    if (outcome.ok() && !outcome->written) {
      // Our own earlier attempt may have landed before the client retried it.
      Result<std::optional<StoredObject>> there = objects_->Get(options_.key);
      if (there.ok() && there->has_value() && (*there)->body == text) {
        outcome = WriteOutcome{true, (*there)->etag};
      }
    }
    std::lock_guard guard(mutex_);
    if (!outcome.ok()) {
      last_push_error_ = outcome.status().message();
      if (!quiet && !warned_) {
        Note("cannot write the state to " + source_ + " (" + last_push_error_ +
             "); changes are kept in " + options_.journal_path +
             " and pushed by the next change or run");
      }
      warned_ = true;
      return Status::Ok();
    }
    if (!outcome->written) {
      conflict_ = FailedPreconditionError(
          source_ +
          " was changed by someone else while this operation held its lock (was "
          "the lock removed with vueops state unlock?). Nothing more is written to "
          "S3; this operation's changes are in " +
          options_.journal_path + ", and the next run says how to reconcile them");
      return conflict_;
    }
    etag_ = outcome->etag;
    pushed_serial_ = pushing;
    WriteFileAtomic(PushedPath(options_.journal_path),
                    DumpJson(Json{{"lineage", head_.lineage}, {"serial", pushing}}), 0600)
        .IgnoreError();
    if (warned_) Note("the state reached " + source_ + " again");
    warned_ = false;
    last_push_error_.clear();
    return Status::Ok();
  }

  std::unique_ptr<ObjectStore> objects_;
  std::unique_ptr<HeldLock> lock_;
  RemoteStateOptions options_;
  std::string source_;
  std::unique_ptr<state::StateStore> memory_;

  std::mutex push_mutex_;  // one push at a time; taken before mutex_
  std::mutex mutex_;       // the fields below
  state::StateInfo head_;
  std::map<std::string, std::string> lines_;  // address -> the record's JSON line
  std::string latest_text_;
  int64_t latest_serial_ = 0;
  int64_t pushed_serial_ = 0;
  std::string etag_;  // of the version in S3 our next push replaces; empty: none yet
  Status conflict_;
  bool warned_ = false;
  std::string last_push_error_;
};

}  // namespace

Result<std::unique_ptr<RemoteStateStore>> OpenRemoteState(std::unique_ptr<ObjectStore> objects,
                                                          std::unique_ptr<HeldLock> lock,
                                                          RemoteStateOptions options) {
  auto store =
      std::make_unique<RemoteStore>(std::move(objects), std::move(lock), std::move(options));
  RETURN_IF_ERROR(store->Load());
  return std::unique_ptr<RemoteStateStore>(std::move(store));
}

Result<std::string> WriteRemoteState(ObjectStore& objects, const std::string& key,
                                     const state::StateSnapshot& snapshot,
                                     const std::string& expected_etag) {
  const std::string text = state::EncodeStateDocument(snapshot);
  ASSIGN_OR_RETURN(WriteOutcome outcome,
                   objects.Put(key, text,
                               expected_etag.empty() ? WriteCondition::IfAbsent()
                                                     : WriteCondition::IfMatch(expected_etag)));
  if (!outcome.written) {
    return FailedPreconditionError(objects.Describe(key) +
                                   " changed while it was being replaced; nothing was written, "
                                   "run the command again");
  }
  return outcome.etag;
}

}  // namespace vueops::backend
