// The production transport: libcurl, with connections kept alive and reused across calls and
// threads. This header does not include curl; curl_transport.cc is the only file that does.
#ifndef VUEOPS_HTTP_CURL_TRANSPORT_H_
#define VUEOPS_HTTP_CURL_TRANSPORT_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "http/http.h"

namespace vueops::http {

// Cumulative counters since the transport was built, for measuring connection reuse.
struct TransportStats {
  uint64_t requests = 0;            // transfers attempted
  uint64_t connections_opened = 0;  // new TCP connections (curl's CURLINFO_NUM_CONNECTS summed)
  uint64_t handles_created = 0;     // easy handles created; each owns a connection cache
};

// How the transport reuses connections.
//
// libcurl keeps idle connections in the cache of the easy handle that opened them. Sharing one
// connection cache between threads through a share handle (CURL_LOCK_DATA_CONNECT) is
// documented as unsupported for concurrent threads (CURLSHOPT_SHARE(3)), so this transport
// keeps a pool of easy handles instead: a call borrows an idle handle (preferring one that
// last talked to the same scheme://host:port, whose cache likely holds a live connection),
// and gives it back afterwards, so a connection opened by one thread is reused by the next
// call of any thread. DNS answers and TLS sessions, which curl does support sharing between
// threads, are shared by all handles through a locked share handle.
//
// Every call: TLS peer and host verification on; HTTP/1.1; no redirects followed; no
// `Expect: 100-continue` wait; proxies from http_proxy / https_proxy / no_proxy as curl reads
// them, except that loopback hosts are always reached directly; only http and https URLs.
class CurlTransport : public Transport {
 public:
  struct Config {
    // Idle handles kept for reuse; more concurrent calls than this create handles that are
    // closed (with their connections) when returned to a full pool.
    size_t max_idle_handles = 32;
  };

  CurlTransport();
  explicit CurlTransport(Config config);
  // REQUIRES: no call to Send is in progress.
  ~CurlTransport() override;

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  // Sends `request` and returns the response, whatever its status. Fails with
  // kUnavailable when no complete response arrived (DNS failure, connection refused or reset,
  // TLS failure, a reply that is not HTTP), kDeadlineExceeded when a timeout of `options`
  // expired, kInvalidArgument for a malformed URL, method or header, kResourceExhausted when
  // memory ran out. Messages name the method, the scheme://host:port (never the query, which
  // may hold a presigned signature) and the cause. Safe to call from many threads at once.
  Result<Response> Send(const Request& request, const Options& options) override;

  TransportStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vueops::http

#endif  // VUEOPS_HTTP_CURL_TRANSPORT_H_
