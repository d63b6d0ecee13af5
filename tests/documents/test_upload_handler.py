"""Oversized bodies are cut off by the upload handler before they are read or buffered."""

import io
import os

from django.core.handlers.wsgi import WSGIRequest
from django.test import RequestFactory

from documents.upload_handlers import oversized_uploads

BOUNDARY = "----portal-test-boundary"


class CountingBody(io.RawIOBase):
    """A multipart body of any size, generated on the fly, that counts what was read."""

    def __init__(self, file_size: int):
        self.head = (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            "token\r\n"
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="files"; filename="huge.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.file_size = file_size
        self.length = len(self.head) + file_size + len(self.tail)
        self.position = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        wanted = len(buffer)
        chunk = bytearray()
        while len(chunk) < wanted and self.position < self.length:
            offset = self.position
            if offset < len(self.head):
                piece = self.head[offset : offset + wanted - len(chunk)]
            elif offset < len(self.head) + self.file_size:
                left = len(self.head) + self.file_size - offset
                piece = b"%" * min(left, wanted - len(chunk))
            else:
                start = offset - len(self.head) - self.file_size
                piece = self.tail[start : start + wanted - len(chunk)]
            chunk += piece
            self.position += len(piece)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def request_with_body(body: CountingBody) -> WSGIRequest:
    environ = RequestFactory()._base_environ(
        PATH_INFO="/en/documents/upload/passport-id/",
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(body.length),
    )
    environ["wsgi.input"] = io.BufferedReader(body)
    return WSGIRequest(environ)


def test_it_stops_reading_a_200_mb_body_almost_at_once(private_storage):
    body = CountingBody(file_size=200 * 1024 * 1024)
    request = request_with_body(body)

    assert request.FILES == {}
    assert request.POST["csrfmiddlewaretoken"] == "token"
    assert oversized_uploads(request) == ["huge.pdf"]
    assert body.position < 1024 * 1024
    assert os.listdir(private_storage.temp) == []


def test_it_skips_a_file_over_10_mib_without_keeping_any_of_it(private_storage):
    body = CountingBody(file_size=10 * 1024 * 1024 + 1)
    request = request_with_body(body)

    assert request.FILES == {}
    assert oversized_uploads(request) == ["huge.pdf"]
    assert os.listdir(private_storage.temp) == []


def test_it_lets_a_file_of_exactly_10_mib_through(private_storage):
    body = CountingBody(file_size=10 * 1024 * 1024)
    request = request_with_body(body)

    upload = request.FILES["files"]
    assert upload.size == 10 * 1024 * 1024
    assert oversized_uploads(request) == []
    upload.close()
    assert os.listdir(private_storage.temp) == []
