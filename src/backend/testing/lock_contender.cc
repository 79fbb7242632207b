// One contender for the state lock, for the moto tests of simultaneous attempts: waits until
// an agreed moment, tries once (no waiting), and when it wins holds the lock for a while.
//
//   backend_lock_contender s3 BUCKET KEY START_EPOCH_MS HOLD_MS
//   backend_lock_contender dynamodb TABLE LOCK_ID START_EPOCH_MS HOLD_MS
//
// Prints "HELD" (exit 0), "BUSY <holder id>" (exit 3), or the error (exit 1). The AWS
// endpoint and credentials come from the environment, as for any AWS tool.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "backend/held_lock.h"
#include "backend/object_store.h"
#include "client/default_client.h"

int main(int argc, char** argv) {
  using namespace vueops;
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s s3|dynamodb BUCKET|TABLE KEY|LOCK_ID START_EPOCH_MS HOLD_MS\n",
                 argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const std::chrono::milliseconds start(std::stoll(argv[4]));
  const std::chrono::milliseconds hold(std::stoll(argv[5]));
  client::DefaultClientOptions options;
  options.prompt_for_mfa = false;
  Result<std::unique_ptr<client::DefaultClient>> made = client::MakeDefaultClient(options);
  if (!made.ok()) {
    std::printf("ERROR %s\n", made.status().ToString().c_str());
    return 1;
  }
  client::AwsClient& aws = (*made)->client();
  std::unique_ptr<backend::RemoteLock> lock =
      kind == "dynamodb"
          ? backend::NewDynamoDbLock(aws, argv[2], argv[3], Clock::Real())
          : backend::NewS3Lock(backend::NewS3ObjectStore(aws, argv[2]), argv[3], Clock::Real());
  std::this_thread::sleep_until(std::chrono::system_clock::time_point(start));
  backend::LockRequest request;
  request.operation = "contend";
  request.who = "contender";
  request.lease_seconds = 30;
  Result<std::unique_ptr<backend::HeldLock>> held =
      backend::HeldLock::Acquire(std::move(lock), request, Clock::Real());
  if (!held.ok()) {
    if (held.status().code() == StatusCode::kAborted) {
      std::printf("BUSY %s\n", held.status().message().c_str());
      return 3;
    }
    std::printf("ERROR %s\n", held.status().ToString().c_str());
    return 1;
  }
  std::printf("HELD %s\n", (*held)->info().id.c_str());
  std::fflush(stdout);
  std::this_thread::sleep_for(hold);
  return 0;
}
