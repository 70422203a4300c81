"""A tiny Docker Engine API client over the unix socket (python stdlib only), for the bench scripts.

Owns HTTP to the engine named by DOCKER_HOST (unix:// only). Knows nothing about what the bench builds.
"""

import http.client
import json
import os
import socket
import urllib.parse


class EngineError(RuntimeError):
    pass


def socket_path(host=None):
    host = host or os.environ.get("DOCKER_HOST", "")
    if not host.startswith("unix://"):
        raise EngineError(f"DOCKER_HOST must be unix://… for the bench, got {host!r}")
    return host[len("unix://"):]


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self._path)
        self.sock = s


class Engine:
    """One keep-alive connection; not shared between threads (make one per thread)."""

    def __init__(self, host=None, timeout=300):
        self._path = socket_path(host)
        self._timeout = timeout
        self._conn = None
        self.version = "1.41"
        self.version = self.request("GET", "/version", versioned=False)["ApiVersion"]

    def request(self, method, path, body=None, query=None, ok=(200, 201, 204, 304), versioned=True):
        url = (f"/v{self.version}" if versioned else "") + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = _UnixConnection(self._path, self._timeout)
            try:
                self._conn.request(method, url, body=data, headers=headers)
                resp = self._conn.getresponse()
                raw = resp.read()
                break
            except (ConnectionError, http.client.HTTPException):
                # A keep-alive connection the engine closed: reconnect once.
                self._conn.close()
                self._conn = None
                if attempt == 2:
                    raise
        if resp.status not in ok:
            raise EngineError(f"{method} {url}: {resp.status} {raw[:300].decode(errors='replace')}")
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode(errors="replace")

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None
