// The access matrix as people read it: a text table, JSON, and one self-contained HTML page
// (inline CSS, no scripts, no external resources). Differences from the notes' intent are
// marked in the cells and listed with their causes.
#ifndef VUEOPS_IAM_ACCESS_MATRIX_RENDER_H_
#define VUEOPS_IAM_ACCESS_MATRIX_RENDER_H_

#include <string>
#include <vector>

#include "base/json.h"
#include "iam/access_intent.h"
#include "iam/access_matrix.h"

namespace vueops::iam {

struct MatrixReport {
  std::string title;  // "vueocity (examples/vueocity/stack.yaml)"
  const AccessDocuments* documents = nullptr;
  const AccessMatrix* matrix = nullptr;
  std::vector<AccessDifference> differences;
  std::vector<std::string> roles_without_intent;
};

std::string RenderMatrixTable(const MatrixReport& report);
Json MatrixToJson(const MatrixReport& report);
std::string RenderMatrixHtml(const MatrixReport& report);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_ACCESS_MATRIX_RENDER_H_
