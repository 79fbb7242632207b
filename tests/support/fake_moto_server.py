"""A stand-in for moto.server, for testing the local-AWS launcher without moto.

It has the same entry point (main(argv) with -H HOST -p PORT), announces its port the way
werkzeug does under moto (" * Running on http://127.0.0.1:PORT" on stderr) and answers
GET /moto-api/ and POST /moto-api/reset. GET /resets tells how many resets it served.

FAKE_MOTO_MODE chooses a misbehaviour:
  exit         print an error and exit with status 1 before announcing anything
  silent       never announce a port
  never-ready  announce, but answer /moto-api/ with 503
  grandchild   start a process that ignores SIGTERM, print "grandchild pid N", serve normally
  stubborn     ignore SIGTERM and the closing of stdin: only SIGKILL ends it
"""

import http.server
import os
import signal
import subprocess
import sys
import threading
import time


def main(argv):
    host = argv[argv.index("-H") + 1]
    port = int(argv[argv.index("-p") + 1])
    mode = os.environ.get("FAKE_MOTO_MODE", "")
    if mode == "exit":
        sys.stderr.write("fake moto: configuration is broken\n")
        sys.exit(1)
    if mode == "silent":
        while True:
            time.sleep(60)
    if mode == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        # The launcher's stdin watcher ends the process with os._exit; make that a no-op.
        os._exit = lambda code: None
    if mode == "grandchild":
        child = subprocess.Popen(
            [sys.executable, "-c",
             "import signal, time\n"
             "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
             "time.sleep(600)\n"],
            stdin=subprocess.DEVNULL)
        sys.stderr.write("grandchild pid %d\n" % child.pid)

    resets = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        def reply(self, status, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/moto-api/":
                self.reply(503 if mode == "never-ready" else 200, "fake moto dashboard")
            elif self.path == "/resets":
                self.reply(200, str(resets[0]))
            else:
                self.reply(404, "not found")

        def do_POST(self):
            if self.path == "/moto-api/reset":
                resets[0] += 1
                self.reply(200, '{"status": "ok"}')
            else:
                self.reply(404, "not found")

        def log_message(self, format, *args):
            sys.stderr.write("fake moto: " + (format % args) + "\n")

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    sys.stderr.write(" * Running on http://%s:%d\n" % (host, server.server_address[1]))
    sys.stderr.flush()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    while True:
        time.sleep(60)
