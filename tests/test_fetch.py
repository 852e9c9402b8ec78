"""``rejoinder.importers.fetch`` against a real HTTP server on 127.0.0.1 (never the internet).

The server answers from a script of responses per path and records every request, so each test
checks what the client did: how often it asked, with which User-Agent, and what it reported.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from rejoinder import __version__
from rejoinder.importers.fetch import USER_AGENT, Fetcher, FetchError, get


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body is sent
    chunked: bool = False  # no Content-Length: the client must count the bytes itself


@dataclass
class Script:
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[tuple[str, float, dict[str, str]]] = field(default_factory=list)


class Handler(http.server.BaseHTTPRequestHandler):
    script: Script

    def do_GET(self) -> None:
        self.script.seen.append((self.path, time.monotonic(), dict(self.headers)))
        queue = self.script.replies.get(self.path, [])
        reply = queue.pop(0) if len(queue) > 1 else (queue[0] if queue else Reply(404))
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if not reply.chunked:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.delay:
            time.sleep(reply.delay)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
            self.wfile.write(reply.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()
    handler = type("ScriptedHandler", (Handler,), {"script": script})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", script
    finally:
        httpd.shutdown()
        httpd.server_close()


def local(**kwargs: object) -> Fetcher:
    return Fetcher(allow_local_http=True, backoff_factor=0.01, **kwargs)  # type: ignore[arg-type]


def test_json_is_returned_and_the_user_agent_is_honest(server: tuple[str, Script]) -> None:
    base, script = server
    script.replies["/thread"] = [Reply(body=json.dumps({"thread": ["é"]}).encode())]
    assert local()(f"{base}/thread") == {"thread": ["é"]}
    headers = script.seen[0][2]
    assert headers["User-Agent"] == f"rejoinder/{__version__} (debate transcript importer)"
    assert headers["User-Agent"] == USER_AGENT


def test_a_503_with_retry_after_is_tried_again_after_the_wait(
    server: tuple[str, Script],
) -> None:
    base, script = server
    script.replies["/busy"] = [Reply(503, b"busy", {"Retry-After": "1"}), Reply(body=b"[1]")]
    assert local()(f"{base}/busy") == [1]
    assert len(script.seen) == 2
    # The backoff alone would wait 0.01 s; the second request waited for Retry-After.
    assert script.seen[1][1] - script.seen[0][1] >= 0.9


def test_failures_are_retried_at_most_four_times_then_reported(
    server: tuple[str, Script],
) -> None:
    base, script = server
    script.replies["/down"] = [Reply(502, b"bad gateway")]
    with pytest.raises(FetchError) as caught:
        local()(f"{base}/down")
    assert len(script.seen) == 5  # the first try and four retries
    assert str(caught.value) == f"{base}/down: the server answered 502 Bad Gateway (5 tries)"
    assert "\n" not in str(caught.value)


def test_a_404_is_not_retried_and_says_what_it_may_mean(server: tuple[str, Script]) -> None:
    base, script = server
    with pytest.raises(FetchError, match=r"answered 404 Not Found; the post may have been"):
        local()(f"{base}/gone")
    assert len(script.seen) == 1


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "streamed"])
def test_an_answer_over_the_size_cap_is_refused(server: tuple[str, Script], chunked: bool) -> None:
    base, script = server
    script.replies["/big"] = [Reply(body=b"[" + b"1," * 4000 + b"1]", chunked=chunked)]
    with pytest.raises(FetchError, match=r"at most 1,000 bytes are read"):
        local(max_bytes=1000)(f"{base}/big")
    assert local(max_bytes=10_000)(f"{base}/big")[:2] == [1, 1]


def test_a_server_that_does_not_answer_times_out(server: tuple[str, Script]) -> None:
    base, script = server
    script.replies["/slow"] = [Reply(body=b"[]", delay=2.0, chunked=True)]
    with pytest.raises(FetchError, match=r"(no answer within 0.3 s|broke off)"):
        local(timeout=(1.0, 0.3), retries=0)(f"{base}/slow")


def test_an_answer_that_is_not_json_is_reported(server: tuple[str, Script]) -> None:
    base, script = server
    script.replies["/page"] = [
        Reply(body=b"<!doctype html><p>Log in", headers={"Content-Type": "text/html"})
    ]
    with pytest.raises(FetchError, match=r"/page: the answer is not JSON \(text/html"):
        local()(f"{base}/page")


def test_only_https_is_fetched() -> None:
    for address in ("http://example.org/x", "file:///etc/passwd", "ftp://a/b", "https:///x"):
        with pytest.raises(FetchError, match="only https:// addresses are fetched"):
            get(address)
    # Plain http to 127.0.0.1 is for these tests only, and only when asked for.
    with pytest.raises(FetchError, match="only https://"):
        Fetcher()("http://127.0.0.1:9/x")


def test_nothing_listening_is_a_clear_connection_error() -> None:
    with pytest.raises(FetchError, match=r"^http://127.0.0.1:9/x: cannot connect"):
        local(retries=0)("http://127.0.0.1:9/x")


def test_a_redirect_away_from_https_is_not_followed(server: tuple[str, Script]) -> None:
    base, script = server
    script.replies["/moved"] = [Reply(301, b"", {"Location": "http://example.org/x.json"})]
    script.replies["/here"] = [Reply(302, b"", {"Location": "/there"})]
    script.replies["/there"] = [Reply(body=b'{"ok": true}')]
    with pytest.raises(FetchError, match=r"^http://example.org/x.json: only https://"):
        local()(f"{base}/moved")
    assert local()(f"{base}/here") == {"ok": True}  # where the rules allow, it is followed
