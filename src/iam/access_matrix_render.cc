#include "iam/access_matrix_render.h"

#include <algorithm>

namespace vueops::iam {
namespace {

// One row of the matrix: a class, or assume by another group.
struct Row {
  std::string role;
  ActionClass action_class;
  std::string caller_group;  // "" for the role's own row
  std::string label;         // "assume", "read", "assume via OrgAdmin@vueorg"
};

std::vector<Row> RowsOf(const MatrixReport& report, const std::string& role) {
  std::vector<Row> rows;
  rows.push_back({role, ActionClass::kAssume, "", "assume"});
  std::vector<std::string> others = report.matrix->OtherAssumingGroups(role);
  // A group that cannot assume the role anywhere is shown only when that is a difference.
  for (const AccessDifference& difference : report.differences) {
    if (difference.role != role || !difference.action_class.starts_with("assume via ")) continue;
    std::string caller = difference.action_class.substr(std::string("assume via ").size());
    std::string group = caller.substr(0, caller.find('@'));
    if (caller.find('@') != std::string::npos &&
        std::find(others.begin(), others.end(), group) == others.end()) {
      others.push_back(group);
    }
  }
  for (const std::string& group : others) {
    const AccessGroup* found = report.documents->FindGroup(group);
    std::string account = found != nullptr ? found->account : "";
    rows.push_back({role, ActionClass::kAssume, group, "assume via " + group + "@" + account});
  }
  for (ActionClass action_class : {ActionClass::kRead, ActionClass::kWrite, ActionClass::kAdmin}) {
    rows.push_back({role, action_class, "", std::string(ActionClassName(action_class))});
  }
  return rows;
}

// The difference at this row and account, if any ("exists" differences mark the whole role).
const AccessDifference* DifferenceAt(const MatrixReport& report, const Row& row,
                                     const std::string& account) {
  for (const AccessDifference& difference : report.differences) {
    if (difference.role != row.role || difference.account != account) continue;
    if (difference.action_class == row.label || difference.action_class == "exists") {
      return &difference;
    }
    if (row.action_class == ActionClass::kAssume && row.caller_group.empty() &&
        difference.action_class.starts_with("assume via a group")) {
      return &difference;
    }
  }
  return nullptr;
}

Verdict VerdictAt(const MatrixReport& report, const Row& row, const std::string& account) {
  const MatrixCell* cell =
      report.matrix->Find(row.role, account, row.action_class, row.caller_group);
  return cell != nullptr ? cell->verdict : Verdict::kNoRole;
}

// Display width of UTF-8 text: the number of code points (the table's only non-ASCII is "—").
size_t Width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Pad(const std::string& text, size_t width) {
  size_t used = Width(text);
  return text + std::string(width > used ? width - used : 0, ' ');
}

std::string RepresentativeList(ActionClass action_class) {
  if (action_class == ActionClass::kAssume) return "sts:AssumeRole on the role's ARN";
  std::string list;
  for (const RepresentativeAction& action : RepresentativeActions()) {
    if (action.action_class != action_class) continue;
    list += (list.empty() ? "" : ", ") + std::string(action.action);
  }
  return list;
}

std::string Escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

// The cell's evaluations in one line each, for the HTML cell's title.
std::string CellDetail(const MatrixReport& report, const Row& row, const std::string& account) {
  const MatrixCell* cell =
      report.matrix->Find(row.role, account, row.action_class, row.caller_group);
  if (cell == nullptr) return "";
  std::string text = cell->note;
  for (const ActionOutcome& outcome : cell->outcomes) {
    text += (text.empty() ? "" : "\n") + outcome.action + ": " +
            std::string(DecisionName(outcome.evaluation.decision)) + " at " +
            std::string(EvaluationStepName(outcome.evaluation.step));
  }
  return text;
}

// Readable on white and in print: dark text on light fills (WCAG AA contrast), and the
// differences drawn with a thick red outline, not by colour alone.
constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a;
       background: #ffffff; margin: 2em; line-height: 1.4; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table.matrix { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid #b0b0b0; padding: 0.3em 0.7em;
                                   text-align: center; }
table.matrix th.role { text-align: left; background: #eef1f5; }
table.matrix td.class { text-align: left; color: #333333; }
td.allowed { background: #d7f0d8; color: #0b3d12; }
td.partial { background: #fff0c2; color: #5a4200; }
td.denied { background: #f6dada; color: #5c0f0f; }
td.norole { background: #f4f4f4; color: #6b6b6b; }
td.diff { outline: 3px solid #c00000; outline-offset: -3px; font-weight: bold; }
td.diff span.expected { display: block; font-weight: normal; font-size: 0.8em; }
.ok { color: #0b3d12; font-weight: bold; } .bad { color: #a00000; font-weight: bold; }
ul.causes { margin: 0.2em 0 0.8em 0; font-family: ui-monospace, monospace; font-size: 0.9em; }
code { font-family: ui-monospace, monospace; }
)";

std::string CssClass(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllowed: return "allowed";
    case Verdict::kPartial: return "partial";
    case Verdict::kDenied: return "denied";
    case Verdict::kNoRole: return "norole";
  }
  return "";
}

std::string Summary(const MatrixReport& report) {
  if (report.differences.empty()) return "matches the notes' intent";
  size_t count = report.differences.size();
  return std::to_string(count) + " difference" + (count == 1 ? "" : "s") +
         " from the notes' intent";
}

}  // namespace

std::string RenderMatrixTable(const MatrixReport& report) {
  const AccessMatrix& matrix = *report.matrix;
  std::string text = "Access matrix: " + report.title + "\n";
  size_t role_width = 4, label_width = 5;
  for (const std::string& role : matrix.roles) {
    role_width = std::max(role_width, Width(role));
    for (const Row& row : RowsOf(report, role))
      label_width = std::max(label_width, Width(row.label));
  }
  std::vector<size_t> widths;
  for (const std::string& account : matrix.accounts) {
    widths.push_back(std::max<size_t>(Width(account), 8) + 1);
  }
  std::string header = Pad("role", role_width + 2) + Pad("class", label_width + 2);
  for (size_t i = 0; i < matrix.accounts.size(); ++i)
    header += Pad(matrix.accounts[i], widths[i] + 1);
  while (!header.empty() && header.back() == ' ') header.pop_back();
  text += "\n" + header + "\n";
  for (const std::string& role : matrix.roles) {
    bool first = true;
    for (const Row& row : RowsOf(report, role)) {
      std::string line = Pad(first ? role : "", role_width + 2) + Pad(row.label, label_width + 2);
      first = false;
      for (size_t i = 0; i < matrix.accounts.size(); ++i) {
        std::string cell(VerdictSymbol(VerdictAt(report, row, matrix.accounts[i])));
        if (DifferenceAt(report, row, matrix.accounts[i]) != nullptr) cell += "!";
        line += Pad(cell, widths[i] + 1);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      text += line + "\n";
    }
  }
  text += "\n— no such role in the account; ! differs from the notes' intent\n";
  text += "Representative actions (a class is allowed when all are, partial when some are):\n";
  for (ActionClass action_class : kActionClasses) {
    text += "  " + Pad(std::string(ActionClassName(action_class)), 7) +
            RepresentativeList(action_class) + "\n";
  }
  for (const std::string& note : matrix.notes) text += "Note: " + note + "\n";
  for (const std::string& role : report.roles_without_intent) {
    text += "Note: the notes say nothing of role " + role + "; not compared\n";
  }
  if (report.differences.empty()) {
    text += "\nThe matrix matches the notes' intent.\n";
    return text;
  }
  text += "\n" + Summary(report) + ":\n";
  for (const AccessDifference& difference : report.differences) {
    text += "  " + difference.role + " in " + difference.account + ", " + difference.action_class +
            ": expected " + difference.expected + ", computed " + difference.computed + "\n";
    for (const std::string& cause : difference.causes) text += "      " + cause + "\n";
  }
  return text;
}

Json MatrixToJson(const MatrixReport& report) {
  const AccessMatrix& matrix = *report.matrix;
  Json accounts = Json::array();
  for (const AccessAccount& account : report.documents->accounts) {
    accounts.push_back({{"name", account.name}, {"kind", account.kind}, {"id", account.id}});
  }
  Json representative = Json::object();
  for (const RepresentativeAction& action : RepresentativeActions()) {
    representative[std::string(ActionClassName(action.action_class))].push_back(
        {{"action", action.action}, {"resource", action.resource}});
  }
  representative["assume"] = Json::array({{{"action", "sts:AssumeRole"}, {"resource", "{role}"}}});
  Json roles = Json::array();
  for (const std::string& role : matrix.roles) {
    Json rows = Json::array();
    for (const Row& row : RowsOf(report, role)) {
      Json cells = Json::object();
      for (const std::string& account : matrix.accounts) {
        const MatrixCell* cell = matrix.Find(row.role, account, row.action_class, row.caller_group);
        Json item = {{"verdict", std::string(VerdictName(VerdictAt(report, row, account)))}};
        if (cell != nullptr && !cell->note.empty()) item["note"] = cell->note;
        if (cell != nullptr && !cell->outcomes.empty()) {
          Json actions = Json::array();
          for (const ActionOutcome& outcome : cell->outcomes) {
            actions.push_back({{"action", outcome.action},
                               {"resource", outcome.resource},
                               {"evaluation", outcome.evaluation.ToJson()}});
          }
          item["actions"] = std::move(actions);
        }
        item["differs"] = DifferenceAt(report, row, account) != nullptr;
        cells[account] = std::move(item);
      }
      Json json_row = {{"class", std::string(ActionClassName(row.action_class))},
                       {"label", row.label}};
      if (row.action_class == ActionClass::kAssume) {
        const AccessGroup* group =
            report.documents->FindGroup(row.caller_group.empty() ? role : row.caller_group);
        json_row["caller_group"] = row.caller_group.empty() ? role : row.caller_group;
        if (group != nullptr) json_row["caller_account"] = group->account;
      }
      json_row["cells"] = std::move(cells);
      rows.push_back(std::move(json_row));
    }
    roles.push_back({{"role", role}, {"rows", std::move(rows)}});
  }
  Json differences = Json::array();
  for (const AccessDifference& difference : report.differences) {
    differences.push_back(difference.ToJson());
  }
  return {{"title", report.title},
          {"matches_intent", report.differences.empty()},
          {"accounts", std::move(accounts)},
          {"representative_actions", std::move(representative)},
          {"roles", std::move(roles)},
          {"differences", std::move(differences)},
          {"roles_without_intent", report.roles_without_intent},
          {"notes", matrix.notes}};
}

std::string RenderMatrixHtml(const MatrixReport& report) {
  const AccessMatrix& matrix = *report.matrix;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>vueops access matrix: " +
      Escape(report.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  html += "<h1>Who can do what: " + Escape(report.title) + "</h1>\n";
  html += std::string("<p class=\"") + (report.differences.empty() ? "ok" : "bad") + "\">" +
          Escape(Summary(report)) + "</p>\n";
  html += "<table class=\"matrix\">\n<thead><tr><th>role</th><th>class</th>";
  for (const AccessAccount& account : report.documents->accounts) {
    html += "<th>" + Escape(account.name) + "<br><small>" + Escape(account.kind) + "</small></th>";
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const std::string& role : matrix.roles) {
    std::vector<Row> rows = RowsOf(report, role);
    bool first = true;
    for (const Row& row : rows) {
      html += "<tr>";
      if (first) {
        html += "<th class=\"role\" rowspan=\"" + std::to_string(rows.size()) + "\">" +
                Escape(role) + "</th>";
        first = false;
      }
      html += "<td class=\"class\">" + Escape(row.label) + "</td>";
      for (const std::string& account : matrix.accounts) {
        Verdict verdict = VerdictAt(report, row, account);
        const AccessDifference* difference = DifferenceAt(report, row, account);
        html += "<td class=\"" + CssClass(verdict) + (difference != nullptr ? " diff" : "") +
                "\" title=\"" + Escape(CellDetail(report, row, account)) + "\">" +
                Escape(std::string(VerdictSymbol(verdict)));
        if (difference != nullptr) {
          html += "<span class=\"expected\">expected " + Escape(difference->expected) + "</span>";
        }
        html += "</td>";
      }
      html += "</tr>\n";
    }
  }
  html += "</tbody>\n</table>\n";
  html +=
      "<p>— no such role in the account. Outlined in red: differs from the notes' intent. "
      "Hover over a cell for the evaluator's decision on each action.</p>\n";
  if (!report.differences.empty()) {
    html += "<h2>Differences from the notes' intent</h2>\n<ul>\n";
    for (const AccessDifference& difference : report.differences) {
      html += "<li><strong>" + Escape(difference.role) + "</strong> in <strong>" +
              Escape(difference.account) + "</strong>, " + Escape(difference.action_class) +
              ": expected <strong>" + Escape(difference.expected) + "</strong>, computed <strong>" +
              Escape(difference.computed) + "</strong>\n<ul class=\"causes\">";
      for (const std::string& cause : difference.causes) html += "<li>" + Escape(cause) + "</li>";
      html += "</ul></li>\n";
    }
    html += "</ul>\n";
  }
  html +=
      "<h2>Representative actions</h2>\n<p>A class is allowed when all its actions are, "
      "partial when some are, denied when none is.</p>\n<ul>\n";
  for (ActionClass action_class : kActionClasses) {
    html += "<li><strong>" + std::string(ActionClassName(action_class)) + "</strong>: <code>" +
            Escape(RepresentativeList(action_class)) + "</code></li>\n";
  }
  html += "</ul>\n";
  if (!matrix.notes.empty() || !report.roles_without_intent.empty()) {
    html += "<h2>Notes</h2>\n<ul>\n";
    for (const std::string& note : matrix.notes) html += "<li>" + Escape(note) + "</li>\n";
    for (const std::string& role : report.roles_without_intent) {
      html += "<li>The notes say nothing of role " + Escape(role) + "; not compared.</li>\n";
    }
    html += "</ul>\n";
  }
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace vueops::iam
