// SigV4 signatures per second on one core: the signer alone, on a typical EC2 query request
// (the derived key is cached per day, as in real use).
//
// A benchmark reports; it never fails on a number (the machine may be busy).
#include <time.h>

#include <cstdio>

#include "auth/sigv4.h"

namespace vueops::bench {
namespace {

constexpr double kSeconds = 1.0;

double CpuSeconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

int Run() {
  auth::Signer signer(Clock::Real());
  auth::Credentials credentials;
  credentials.access_key_id = "AKIDEXAMPLE";
  credentials.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  credentials.session_token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
  http::Request base;
  base.method = "POST";
  base.url = "https://ec2.us-east-1.amazonaws.com/";
  base.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  base.body =
      "Action=DescribeSecurityGroups&Version=2016-11-15&Filter.1.Name=vpc-id"
      "&Filter.1.Value.1=vpc-0a1b2c3d";
  long signatures = 0;
  double start = CpuSeconds();
  double elapsed = 0;
  while (elapsed < kSeconds) {
    for (int i = 0; i < 1000; ++i) {
      http::Request request = base;
      if (!signer.Sign(request, credentials, "us-east-1", "ec2").ok()) {
        std::printf("signing failed\n");
        return 1;
      }
      ++signatures;
    }
    elapsed = CpuSeconds() - start;
  }
  std::printf("SigV4 header signing (EC2 query request with a session token):\n");
  std::printf("  %.0f signatures per second per core (%.2f us each)\n", signatures / elapsed,
              elapsed / signatures * 1e6);
  return 0;
}

}  // namespace
}  // namespace vueops::bench

int main() { return vueops::bench::Run(); }
