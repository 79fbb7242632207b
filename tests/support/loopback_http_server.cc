#include "support/loopback_http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace vueops::test_support {
namespace {

std::string ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 413: return "Content Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string LoopbackHttpServer::HttpResponse(int status, std::string_view body,
                                             const http::Headers& headers) {
  std::string bytes = "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) + "\r\n";
  for (const auto& [name, value] : headers) bytes += name + ": " + value + "\r\n";
  if (http::FindHeader(headers, "Content-Length") == nullptr) {
    bytes += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  bytes += "\r\n";
  bytes += body;
  return bytes;
}

Result<std::unique_ptr<LoopbackHttpServer>> LoopbackHttpServer::Start(Handler handler) {
  return Start(std::move(handler), Config());
}

Result<std::unique_ptr<LoopbackHttpServer>> LoopbackHttpServer::Start(Handler handler,
                                                                      Config config) {
  std::unique_ptr<LoopbackHttpServer> server(new LoopbackHttpServer(std::move(handler), config));
  int wake[2];
  if (::pipe2(wake, O_CLOEXEC) != 0) return InternalError("pipe: " + std::string(strerror(errno)));
  server->wake_read_fd_ = wake[0];
  server->wake_write_fd_ = wake[1];
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return InternalError("socket: " + std::string(strerror(errno)));
  server->listen_fd_ = fd;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // the OS chooses a free port
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(fd, 64) != 0) {
    return InternalError("bind/listen on 127.0.0.1:0: " + std::string(strerror(errno)));
  }
  socklen_t length = sizeof(address);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return InternalError("getsockname: " + std::string(strerror(errno)));
  }
  server->port_ = ntohs(address.sin_port);
  server->acceptor_ = std::thread([raw = server.get()] { raw->AcceptLoop(); });
  return server;
}

LoopbackHttpServer::~LoopbackHttpServer() {
  if (wake_write_fd_ >= 0) {
    char byte = 0;
    // Never read back: the pipe stays readable, which every poll below treats as "stop".
    (void)!::write(wake_write_fd_, &byte, 1);
  }
  if (acceptor_.joinable()) acceptor_.join();
  {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    for (std::thread& connection : connections_) connection.join();
  }
  for (int fd : {listen_fd_, wake_read_fd_, wake_write_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

std::string LoopbackHttpServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

bool LoopbackHttpServer::WaitReadable(int fd) {
  while (true) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    int ready = ::poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return false;
    if (fds[1].revents != 0) return false;
    if (fds[0].revents != 0) return true;
  }
}

bool LoopbackHttpServer::WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t written = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

void LoopbackHttpServer::AcceptLoop() {
  while (WaitReadable(listen_fd_)) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int connection = accepted_.fetch_add(1) + 1;
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_.emplace_back([this, fd, connection] { Serve(fd, connection); });
  }
}

void LoopbackHttpServer::Serve(int fd, int connection) {
  if (!config_.banner_then_close.empty()) {
    WriteAll(fd, config_.banner_then_close);
    ::close(fd);
    return;
  }
  std::string buffer;
  char chunk[64 * 1024];
  // Reads more bytes into `buffer`; false at end of stream, error or stop.
  auto read_more = [&]() -> bool {
    if (!WaitReadable(fd)) return false;
    ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(got));
    return true;
  };
  while (true) {
    size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!read_more()) {
        ::close(fd);
        return;
      }
    }
    Request request;
    request.connection = connection;
    std::string_view head(buffer.data(), head_end);
    size_t line_end = head.find("\r\n");
    std::string_view request_line = head.substr(0, line_end);
    size_t first_space = request_line.find(' ');
    size_t second_space = request_line.find(' ', first_space + 1);
    request.method = std::string(request_line.substr(0, first_space));
    request.target =
        std::string(request_line.substr(first_space + 1, second_space - first_space - 1));
    size_t content_length = 0;
    while (line_end != std::string_view::npos) {
      size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      std::string_view line =
          head.substr(start, line_end == head.npos ? head.npos : line_end - start);
      size_t colon = line.find(':');
      if (colon == line.npos) continue;
      std::string name(Trim(line.substr(0, colon)));
      std::string value(Trim(line.substr(colon + 1)));
      if (::strcasecmp(name.c_str(), "Content-Length") == 0) content_length = std::stoul(value);
      request.headers.emplace_back(std::move(name), std::move(value));
    }
    buffer.erase(0, head_end + 4);
    if (content_length > config_.max_body_bytes) {
      request.body_read = false;
    } else {
      const std::string* expect = http::FindHeader(request.headers, "Expect");
      if (expect != nullptr && ::strcasecmp(expect->c_str(), "100-continue") == 0) {
        WriteAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
      }
      while (buffer.size() < content_length) {
        if (!read_more()) {
          ::close(fd);
          return;
        }
      }
      request.body = buffer.substr(0, content_length);
      buffer.erase(0, content_length);
    }
    Reply reply = handler_(request);
    served_.fetch_add(1);
    bool written = WriteAll(fd, reply.bytes);
    if (reply.hang && written) {
      while (WaitReadable(fd)) {
        // Drain and ignore whatever the peer sends; only stopping ends a hanging connection.
        if (::recv(fd, chunk, sizeof(chunk), 0) <= 0) break;
      }
    }
    if (!written || reply.close_after || reply.hang || !request.body_read) {
      ::close(fd);
      return;
    }
  }
}

}  // namespace vueops::test_support
