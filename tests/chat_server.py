"""A chat-completions endpoint for tests: a real HTTP server on localhost that answers from a
script, so the OpenAI-compatible backends run their real request, retry and parsing code."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ChatServer:
    """A chat-completions endpoint answering from a script: each entry is (status, body, delay s,
    headers); it records every request it gets."""

    def __init__(self, script):
        self.script, self.requests = list(script), []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                status, answer, delay, headers = outer.script.pop(0) if outer.script else (500, "script ended", 0, {})
                time.sleep(delay)
                data = (json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]})
                        if status == 200 else json.dumps({"error": {"message": answer}})).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
