// The vueops binary. Production wiring lives in cli/; everything else is behind interfaces.
#include "cli/app.h"

int main(int argc, char** argv) {
  return vueops::cli::RunApp(argc, argv, vueops::cli::Output{});
}
