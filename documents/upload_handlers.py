"""Stop reading an upload as soon as it is too large, before it is buffered anywhere."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload

# Set on the request when a file or the whole body was cut off; read by oversized_uploads().
_REQUEST_ATTRIBUTE = "_documents_oversized_uploads"


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts bytes and cuts off oversized files and bodies.

    A file above DOCUMENT_MAX_FILE_SIZE is skipped (its partial temp file is closed, which
    deletes it; the rest of it is read and thrown away, so the browser still gets our error
    page). A body announced or found above DOCUMENT_MAX_REQUEST_SIZE stops the parse at once
    and is not read further.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.body_too_large = False
        self.body_read = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_too_large = content_length > settings.DOCUMENT_MAX_REQUEST_SIZE
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.body_too_large:
            self._record(self.file_name)
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data, start):
        self.body_read += len(raw_data)
        if start + len(raw_data) > settings.DOCUMENT_MAX_FILE_SIZE:
            self._record(self.file_name)
            if self.body_read > settings.DOCUMENT_MAX_REQUEST_SIZE:
                raise StopUpload(connection_reset=True)
            raise SkipFile()
        if self.body_read > settings.DOCUMENT_MAX_REQUEST_SIZE:
            self._record(self.file_name)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _record(self, file_name):
        if self.request is not None:
            names = getattr(self.request, _REQUEST_ATTRIBUTE, [])
            if file_name not in names:
                names.append(file_name)
            setattr(self.request, _REQUEST_ATTRIBUTE, names)


def oversized_uploads(request) -> list[str]:
    """Names of the files this request's upload handler cut off for being too large."""
    return list(getattr(request, _REQUEST_ATTRIBUTE, []))
