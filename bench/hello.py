"""The bare WSGI "hello": what gunicorn itself can serve with the same settings."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "6")])
    return [b"hello\n"]
