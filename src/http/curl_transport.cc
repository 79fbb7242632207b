#include "http/curl_transport.h"

#include <curl/curl.h>
#include <strings.h>

#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace vueops::http {
namespace {

// curl_global_init is not thread-safe and must run before any other curl call; a function-local
// static makes the first caller run it exactly once while concurrent callers wait.
CURLcode GlobalInitResult() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

bool IsTokenChar(char c) {
  // RFC 9110 section 5.6.2 token characters, for methods and header names.
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) || kSymbols.find(c) != kSymbols.npos;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

bool IsLoopbackHost(std::string_view host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

// Where a URL points, for pooling and for messages: scheme://host:port and the host alone.
struct Origin {
  std::string text;
  std::string host;
};

Result<Origin> ParseOrigin(const std::string& url) {
  // The query is cut from anything quoted back, since presigned URLs carry credentials there.
  std::string_view without_query = std::string_view(url).substr(0, url.find('?'));
  CURLU* parsed = curl_url();
  if (parsed == nullptr) return ResourceExhaustedError("out of memory parsing a URL");
  struct Cleanup {
    CURLU* handle;
    ~Cleanup() { curl_url_cleanup(handle); }
  } cleanup{parsed};
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return InvalidArgumentError("malformed URL '" + std::string(without_query) + "'");
  }
  auto part = [&](CURLUPart which, unsigned flags) -> std::string {
    char* value = nullptr;
    if (curl_url_get(parsed, which, &value, flags) != CURLUE_OK || value == nullptr) return "";
    std::string copy(value);
    curl_free(value);
    return copy;
  };
  Origin origin;
  std::string scheme = part(CURLUPART_SCHEME, 0);
  if (scheme != "http" && scheme != "https") {
    return InvalidArgumentError("URL '" + std::string(without_query) + "' is not http or https");
  }
  origin.host = part(CURLUPART_HOST, 0);
  if (origin.host.empty()) {
    return InvalidArgumentError("URL '" + std::string(without_query) + "' names no host");
  }
  origin.text = scheme + "://" + origin.host + ":" + part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  return origin;
}

// What the callbacks collect during one transfer.
struct Transfer {
  Response response;
  bool out_of_memory = false;
  // The read timeout: how long the connection may carry no byte either way, once connected.
  std::chrono::milliseconds read_timeout{0};
  std::chrono::steady_clock::time_point last_progress;
  curl_off_t last_bytes = -1;
  bool read_timed_out = false;
  CURL* handle = nullptr;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  try {
    transfer->response.body.append(data, bytes);
  } catch (const std::bad_alloc&) {
    transfer->out_of_memory = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  return bytes;
}

size_t OnHeaderLine(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  std::string_view line(data, bytes);
  try {
    Headers& headers = transfer->response.headers;
    if (line.starts_with("HTTP/")) {
      // A status line starts a new header block: only the final response's headers count
      // (interim 1xx responses and proxy CONNECT replies come before it).
      headers.clear();
    } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      // An obsolete folded continuation (RFC 9112 section 5.2) extends the previous value.
      if (!headers.empty()) {
        headers.back().second += ' ';
        headers.back().second += Trim(line);
      }
    } else if (size_t colon = line.find(':'); colon != line.npos) {
      headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                           std::string(Trim(line.substr(colon + 1))));
    }
  } catch (const std::bad_alloc&) {
    transfer->out_of_memory = true;
    return 0;
  }
  return bytes;
}

// Implements the read timeout. curl's own low-speed limit averages over a window of several
// seconds, so a body that stalls after a few bytes would go unnoticed for up to six extra
// seconds; this measures silence directly. curl calls it at least once a second while idle,
// which is the timeout's granularity.
int OnProgress(void* user, curl_off_t download_total, curl_off_t downloaded,
               curl_off_t upload_total, curl_off_t uploaded) {
  (void)download_total;
  (void)upload_total;
  auto* transfer = static_cast<Transfer*>(user);
  auto now = std::chrono::steady_clock::now();
  curl_off_t bytes = downloaded + uploaded;
  curl_off_t pretransfer = 0;
  curl_easy_getinfo(transfer->handle, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  // Until the connection is ready (DNS, TCP, TLS) the connect timeout governs instead.
  if (bytes != transfer->last_bytes || pretransfer == 0) {
    transfer->last_bytes = bytes;
    transfer->last_progress = now;
    return 0;
  }
  if (transfer->read_timeout.count() > 0 &&
      now - transfer->last_progress > transfer->read_timeout) {
    transfer->read_timed_out = true;
    return 1;  // aborts the transfer with CURLE_ABORTED_BY_CALLBACK
  }
  return 0;
}

// Error classes, with the status code each becomes.
Status TransferError(CURLcode code, const std::string& what, const char* detail, bool connected,
                     const Options& options) {
  std::string cause;
  StatusCode status = StatusCode::kUnavailable;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: cause = "cannot resolve the host name (DNS)"; break;
    case CURLE_COULDNT_CONNECT: cause = "connection refused or host unreachable"; break;
    case CURLE_ABORTED_BY_CALLBACK:  // only OnProgress aborts, for the read timeout
      status = StatusCode::kDeadlineExceeded;
      cause = "no data received for " + std::to_string(options.read_timeout.count()) +
              " ms (read timeout)";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      status = StatusCode::kDeadlineExceeded;
      if (!connected) {
        cause =
            "connect timed out after " + std::to_string(options.connect_timeout.count()) + " ms";
      } else {
        cause = "timed out waiting for the response (total timeout " +
                std::to_string(options.total_timeout.count()) + " ms)";
      }
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED: cause = "TLS failure"; break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      cause = "connection reset or closed before the response was complete";
      break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    // The URL's scheme was checked before sending, so this means a reply without a status line
    // (curl refuses to read it as HTTP/0.9).
    case CURLE_UNSUPPORTED_PROTOCOL: cause = "the server's reply is not valid HTTP"; break;
    case CURLE_URL_MALFORMAT:
      status = StatusCode::kInvalidArgument;
      cause = "malformed URL";
      break;
    case CURLE_OUT_OF_MEMORY:
      status = StatusCode::kResourceExhausted;
      cause = "out of memory";
      break;
    default: cause = curl_easy_strerror(code); break;
  }
  std::string message = what + ": " + cause;
  if (detail != nullptr && detail[0] != '\0') message += " (" + std::string(detail) + ")";
  return Status(status, std::move(message));
}

// curl_slist owner.
struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  bool Append(const std::string& line) {
    curl_slist* grown = curl_slist_append(list, line.c_str());
    if (grown == nullptr) return false;
    list = grown;
    return true;
  }
};

}  // namespace

struct CurlTransport::Impl {
  struct IdleHandle {
    CURL* handle;
    std::string origin;
  };

  explicit Impl(Config config) : config(config) {
    if (GlobalInitResult() != CURLE_OK) return;
    share = curl_share_init();
    if (share == nullptr) return;
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, &Impl::Lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Impl::Unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }

  ~Impl() {
    for (IdleHandle& idle : idle_handles) curl_easy_cleanup(idle.handle);
    if (share != nullptr) curl_share_cleanup(share);
  }

  // One mutex per kind of shared data, as CURLSHOPT_LOCKFUNC(3) asks.
  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Impl*>(user)->share_locks[static_cast<size_t>(data)].lock();
  }
  static void Unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Impl*>(user)->share_locks[static_cast<size_t>(data)].unlock();
  }

  // Borrows the most recently used idle handle for `origin`, else the most recently used one,
  // else a new one; nullptr when curl cannot make one.
  CURL* Borrow(const std::string& origin) {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      for (size_t i = idle_handles.size(); i-- > 0;) {
        if (idle_handles[i].origin == origin) {
          CURL* handle = idle_handles[i].handle;
          idle_handles.erase(idle_handles.begin() + static_cast<std::ptrdiff_t>(i));
          return handle;
        }
      }
      if (!idle_handles.empty()) {
        CURL* handle = idle_handles.back().handle;
        idle_handles.pop_back();
        return handle;
      }
    }
    CURL* handle = curl_easy_init();
    if (handle != nullptr) handles_created.fetch_add(1, std::memory_order_relaxed);
    return handle;
  }

  void GiveBack(CURL* handle, std::string origin) {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (idle_handles.size() < config.max_idle_handles) {
        idle_handles.push_back({handle, std::move(origin)});
        return;
      }
    }
    curl_easy_cleanup(handle);
  }

  Config config;
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks;
  std::mutex pool_mutex;
  std::vector<IdleHandle> idle_handles;  // most recently used last
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> connections_opened{0};
  std::atomic<uint64_t> handles_created{0};
};

CurlTransport::CurlTransport() : CurlTransport(Config()) {}

CurlTransport::CurlTransport(Config config) : impl_(std::make_unique<Impl>(config)) {}

CurlTransport::~CurlTransport() = default;

TransportStats CurlTransport::stats() const {
  TransportStats stats;
  stats.requests = impl_->requests.load();
  stats.connections_opened = impl_->connections_opened.load();
  stats.handles_created = impl_->handles_created.load();
  return stats;
}

Result<Response> CurlTransport::Send(const Request& request, const Options& options) {
  if (CURLcode init = GlobalInitResult(); init != CURLE_OK) {
    return InternalError(std::string("libcurl failed to initialise: ") + curl_easy_strerror(init));
  }
  if (impl_->share == nullptr) return ResourceExhaustedError("libcurl share handle unavailable");
  ASSIGN_OR_RETURN(Origin origin, ParseOrigin(request.url));
  const std::string what = request.method + " " + origin.text;
  if (!IsToken(request.method)) {
    return InvalidArgumentError("HTTP method '" + request.method + "' is not a valid token");
  }

  // Header lines, checked before anything is sent: a line break inside a value would let it
  // smuggle a header or a second request.
  HeaderList header_list;
  bool has_expect = false, has_accept = false, has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    if (!IsToken(name)) return InvalidArgumentError(what + ": invalid header name '" + name + "'");
    if (value.find_first_of("\r\n") != value.npos) {
      return InvalidArgumentError(what + ": header " + name + " contains a line break");
    }
    has_expect |= ::strcasecmp(name.c_str(), "Expect") == 0;
    has_accept |= ::strcasecmp(name.c_str(), "Accept") == 0;
    has_content_type |= ::strcasecmp(name.c_str(), "Content-Type") == 0;
    // "Name;" is curl's way of sending a header with an empty value ("Name:" would remove it).
    if (!header_list.Append(value.empty() ? name + ";" : name + ": " + value)) {
      return ResourceExhaustedError(what + ": out of memory building headers");
    }
  }
  // "Name:" removes a header curl would otherwise add on its own: the Expect: 100-continue
  // wait (a full second of latency on every large PUT), Accept: */*, and a form Content-Type
  // on POST bodies that the caller did not ask for (S3 would store it as the object's type).
  if ((!has_expect && !header_list.Append("Expect:")) ||
      (!has_accept && !header_list.Append("Accept:")) ||
      (!has_content_type && !header_list.Append("Content-Type:"))) {
    return ResourceExhaustedError(what + ": out of memory building headers");
  }

  // A borrowed handle comes with its connection cache and no options (see below).
  CURL* handle = impl_->Borrow(origin.text);
  if (handle == nullptr) return ResourceExhaustedError(what + ": curl_easy_init failed");

  Transfer transfer;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_SHARE, impl_->share);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  // Signals and threads do not mix: without this curl's resolver timeouts use SIGALRM.
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  if (IsLoopbackHost(origin.host)) {
    // A local emulator (moto) must never be sent through a corporate proxy.
    curl_easy_setopt(handle, CURLOPT_NOPROXY, "*");
  }
  if (options.connect_timeout.count() > 0) {
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
  }
  if (options.read_timeout.count() > 0) {
    transfer.handle = handle;
    transfer.read_timeout = options.read_timeout;
    transfer.last_progress = std::chrono::steady_clock::now();
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &OnProgress);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &transfer);
  }
  if (options.total_timeout.count() > 0) {
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  }

  const std::string& method = request.method;
  if (method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else if (request.body.empty() && method != "POST" && method != "PUT" && method != "PATCH") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    if (method != "GET") curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else {
    // The body is sent from the caller's string without a copy; it outlives the transfer.
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    if (method != "POST") curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.list);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &OnHeaderLine);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);

  impl_->requests.fetch_add(1, std::memory_order_relaxed);
  CURLcode code = curl_easy_perform(handle);

  long connects = 0;
  curl_easy_getinfo(handle, CURLINFO_NUM_CONNECTS, &connects);
  impl_->connections_opened.fetch_add(static_cast<uint64_t>(connects), std::memory_order_relaxed);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  // Zero until a connection was ready to carry the request (fresh or reused), so a timeout
  // with zero happened while connecting.
  curl_off_t pretransfer_time = 0;
  curl_easy_getinfo(handle, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_time);
  // Forget the per-call options before the handle goes back to the pool: the error buffer,
  // header list and callback data point into this stack frame. Connections stay cached.
  curl_easy_reset(handle);
  impl_->GiveBack(handle, origin.text);

  if (transfer.out_of_memory) {
    return ResourceExhaustedError(what + ": out of memory holding the response (" +
                                  std::to_string(transfer.response.body.size()) + " bytes)");
  }
  if (code != CURLE_OK) {
    return TransferError(code, what, error_buffer, pretransfer_time > 0, options);
  }
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

}  // namespace vueops::http
