#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of the local AWS (moto), for testing that vueops
converges when AWS is slow, throttles, fails and drops connections.

    fault_proxy.py --target http://127.0.0.1:PORT [--latency-ms 100] [--throttle 0.3]
                   [--errors 0.05] [--drops 0.02] [--seed 7]

It listens on 127.0.0.1 with a port the OS chooses and prints "listening on http://127.0.0.1:N"
on its first line of output. Every request is delayed by --latency-ms; then, with the given
probabilities, it answers as AWS does when it throttles (in the protocol the request speaks:
the query and EC2 XML errors, S3's 503 SlowDown, the JSON protocols' ThrottlingException), or
with a 500 InternalError, or closes the connection without answering; otherwise it forwards
the request to --target and passes the answer back. At exit (SIGTERM or SIGINT) it prints a
line of counts: requests, throttled, errors, dropped, forwarded.

Nothing here listens anywhere but 127.0.0.1.
"""

import argparse
import http.client
import http.server
import random
import signal
import socketserver
import sys
import threading
import time
import urllib.parse

COUNTS = {"requests": 0, "throttled": 0, "errors": 0, "dropped": 0, "forwarded": 0}
LOCK = threading.Lock()


def count(name):
    with LOCK:
        COUNTS[name] += 1


def protocol_of(handler, body):
    """Which AWS protocol a request speaks, from its headers, path and body."""
    if handler.headers.get("X-Amz-Target"):
        return "json"
    if handler.path.startswith("/v2/"):  # sesv2 and other rest-json services
        return "rest-json"
    text = body.decode("latin-1")
    if "Action=" in text:
        return "ec2" if "Version=2016-11-15" in text else "query"
    if handler.path.startswith(("/2013-04-01/", "/2020-05-31/")):
        return "rest-xml"  # Route53, CloudFront
    return "s3"


def throttle_answer(protocol):
    """(status, headers, body) of AWS's throttling error in `protocol`."""
    request_id = "fault-proxy-%08x" % random.getrandbits(32)
    if protocol == "json":
        body = '{"__type":"ThrottlingException","message":"Rate exceeded"}'
        return 400, {"Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": request_id}, body
    if protocol == "rest-json":
        return 429, {"Content-Type": "application/json", "x-amzn-ErrorType": "TooManyRequestsException",
                     "x-amzn-RequestId": request_id}, '{"message":"Too Many Requests"}'
    if protocol == "ec2":
        body = ("<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
                "exceeded.</Message></Error></Errors><RequestID>%s</RequestID></Response>" % request_id)
        return 503, {"Content-Type": "text/xml"}, body
    if protocol == "s3":
        body = ("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                "<RequestId>%s</RequestId></Error>" % request_id)
        return 503, {"Content-Type": "application/xml"}, body
    body = ("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded"
            "</Message></Error><RequestId>%s</RequestId></ErrorResponse>" % request_id)
    return 400, {"Content-Type": "text/xml"}, body


def error_answer(protocol):
    request_id = "fault-proxy-%08x" % random.getrandbits(32)
    if protocol in ("json", "rest-json"):
        return 500, {"Content-Type": "application/json", "x-amzn-RequestId": request_id,
                     "x-amzn-ErrorType": "InternalFailure"}, '{"__type":"InternalFailure","message":"injected"}'
    if protocol == "ec2":
        return 500, {"Content-Type": "text/xml"}, (
            "<Response><Errors><Error><Code>InternalError</Code><Message>injected</Message></Error>"
            "</Errors><RequestID>%s</RequestID></Response>" % request_id)
    if protocol == "s3":
        return 500, {"Content-Type": "application/xml"}, (
            "<Error><Code>InternalError</Code><Message>injected</Message></Error>")
    return 500, {"Content-Type": "text/xml"}, (
        "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>injected"
        "</Message></Error><RequestId>%s</RequestId></ErrorResponse>" % request_id)


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    options = None

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        count("requests")
        options = Proxy.options
        if options.latency_ms:
            time.sleep(options.latency_ms / 1000.0)
        with LOCK:
            draw = random.random()
        protocol = protocol_of(self, body)
        if draw < options.drops:
            count("dropped")
            self.close_connection = True
            self.connection.shutdown(2)
            return
        draw -= options.drops
        if draw < options.throttle:
            count("throttled")
            self.answer(*throttle_answer(protocol))
            return
        draw -= options.throttle
        if draw < options.errors:
            count("errors")
            self.answer(*error_answer(protocol))
            return
        self.forward(body)

    def answer(self, status, headers, body):
        data = body.encode()
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def forward(self, body):
        target = urllib.parse.urlsplit(Proxy.options.target)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        headers = {key: value for key, value in self.headers.items()}
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except OSError as error:
            count("errors")
            self.answer(502, {"Content-Type": "text/plain"}, "fault proxy: %s" % error)
            return
        finally:
            connection.close()
        count("forwarded")
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", required=True)
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--throttle", type=float, default=0)
    parser.add_argument("--errors", type=float, default=0)
    parser.add_argument("--drops", type=float, default=0)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    random.seed(options.seed)
    Proxy.options = options
    server = Server(("127.0.0.1", 0), Proxy)

    def stop(*_):
        print("counts: " + " ".join("%s=%d" % item for item in COUNTS.items()), flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
