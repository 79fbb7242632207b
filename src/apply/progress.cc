#include "apply/progress.h"

#include "base/json.h"
#include "base/terminal.h"

namespace vueops::apply {
namespace {

std::string Seconds(Clock::Duration duration) {
  char buffer[32];
  double seconds = std::chrono::duration<double>(duration).count();
  if (seconds < 60) {
    std::snprintf(buffer, sizeof buffer, "%.1fs", seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%dm%02ds", static_cast<int>(seconds) / 60,
                  static_cast<int>(seconds) % 60);
  }
  return buffer;
}

// "creating", "created" and friends.
std::string Verb(plan::Action action, bool finished) {
  switch (action) {
    case plan::Action::kCreate: return finished ? "created" : "creating";
    case plan::Action::kUpdate: return finished ? "updated" : "updating";
    case plan::Action::kReplace: return finished ? "replaced" : "replacing";
    case plan::Action::kDelete: return finished ? "destroyed" : "destroying";
    case plan::Action::kAdopt: return finished ? "adopted" : "adopting";
    case plan::Action::kNoop: return finished ? "unchanged" : "checking";
  }
  return "";
}

class HumanProgress : public ProgressSink {
 public:
  HumanProgress(FILE* out, bool color) : out_(out), style_(color) {}

  void Emit(const ProgressEvent& event) override {
    std::string count = "(" + std::to_string(event.finished) + "/" + std::to_string(event.total) + ")";
    std::string line = style_.Apply(kStyleBold, event.address) + ": ";
    switch (event.kind) {
      case ProgressEvent::Kind::kStart:
        line += Verb(event.action, false) + "...";
        break;
      case ProgressEvent::Kind::kWaiting:
        line += style_.Apply(kStyleDim, event.message + ", " + Seconds(event.elapsed) + " so far");
        break;
      case ProgressEvent::Kind::kDone:
        line += style_.Apply(kStyleGreen, Verb(event.action, true));
        if (!event.id.empty()) line += " (" + event.id + ")";
        line += " [" + Seconds(event.elapsed) + "] " + count;
        break;
      case ProgressEvent::Kind::kFailed:
        line += style_.Apply(kStyleRed, "failed") + " [" + Seconds(event.elapsed) + "] " + count +
                "\n    " + event.message;
        break;
      case ProgressEvent::Kind::kSkipped:
        line += style_.Apply(kStyleYellow, "skipped") + ": " + event.message + " " + count;
        break;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    std::fprintf(out_, "%s\n", line.c_str());
    std::fflush(out_);
  }

 private:
  std::mutex mutex_;
  FILE* out_;
  Style style_;
};

class JsonProgress : public ProgressSink {
 public:
  explicit JsonProgress(FILE* out) : out_(out) {}

  void Emit(const ProgressEvent& event) override {
    static constexpr std::string_view kKinds[] = {"start", "waiting", "done", "failed", "skipped"};
    Json line;
    line["event"] = kKinds[static_cast<int>(event.kind)];
    line["address"] = event.address;
    line["action"] = plan::ActionName(event.action);
    if (!event.message.empty()) line["message"] = event.message;
    if (!event.id.empty()) line["id"] = event.id;
    line["elapsed_seconds"] = std::chrono::duration<double>(event.elapsed).count();
    line["finished"] = event.finished;
    line["total"] = event.total;
    std::string text = DumpJson(line);
    std::lock_guard<std::mutex> lock(mutex_);
    std::fprintf(out_, "%s\n", text.c_str());
    std::fflush(out_);
  }

 private:
  std::mutex mutex_;
  FILE* out_;
};

}  // namespace

std::unique_ptr<ProgressSink> NewHumanProgress(FILE* out, bool color) {
  return std::make_unique<HumanProgress>(out, color);
}

std::unique_ptr<ProgressSink> NewJsonProgress(FILE* out) {
  return std::make_unique<JsonProgress>(out);
}

}  // namespace vueops::apply
