"""Local stand-ins for the services the notification examples post to: a webhook receiver (HTTP, and HTTPS through a
CONNECT proxy for a fixed host such as hooks.slack.com) and an SMTP sink. Each records what it received."""

import datetime
import email
import email.policy
import json
import socketserver
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed_certificate(host, directory):
    """Write a certificate for ``host`` that is its own authority (to trust it: SSL_CERT_FILE) and its key; return both paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / ("%s.pem" % host), directory / ("%s.key" % host)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


class Served:
    """A socketserver (self.server) served in a thread for the length of a with block."""

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class WebhookReceiver(Served):
    """Records every POST as {host, path, headers, json}. Answers 200 "ok" (what Slack's and Teams' webhooks answer).

    It is also an HTTPS proxy for the hosts given to ``intercept``: a CONNECT to one of them is answered by this
    receiver itself with that host's certificate, so a module that only posts to https://hooks.slack.com/... can be
    pointed here with https_proxy and SSL_CERT_FILE, and nothing leaves the machine (a CONNECT to any other host is refused).
    """

    def __init__(self):
        self.posts = []
        self.tunnels = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            tunnel_host = None

            def do_CONNECT(self):  # noqa: N802 - the method name http.server dispatches to
                host = self.path.split(":")[0]
                if host not in receiver.tunnels:
                    self.send_error(403, "not intercepted: %s" % host)
                    return
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                self.connection = receiver.tunnels[host].wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb")
                self.tunnel_host = host
                self.close_connection = False

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.posts.append({"host": self.tunnel_host or self.headers.get("Host"), "path": self.path,
                                       "headers": dict(self.headers), "json": json.loads(body or b"null")})
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]

    def intercept(self, host, directory):
        """Answer HTTPS for ``host`` through the proxy; returns the certificate file to trust (SSL_CERT_FILE)."""
        cert_path, key_path = self_signed_certificate(host, directory)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        self.tunnels[host] = context
        return cert_path


class SmtpSink(Served):
    """The SMTP commands a client needs to send a message (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS and no
    authentication; every message is kept as {sender, recipients, message (email.message.EmailMessage)}."""

    def __init__(self):
        self.messages = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write(line.encode() + b"\r\n")

            def handle(self):
                try:
                    self.converse()
                except ConnectionError:  # a client that tried TLS first (community.general.mail's secure: try) and hung up
                    pass

            def converse(self):
                envelope = {"sender": None, "recipients": []}
                self.reply("220 sink ESMTP")
                for raw in self.rfile:
                    command = raw.decode("utf-8", "replace").strip()
                    verb = command[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 sink")
                    elif verb == "MAIL":
                        envelope = {"sender": command.split(":", 1)[1].strip().split()[0].strip("<>"), "recipients": []}
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        envelope["recipients"].append(command.split(":", 1)[1].strip().split()[0].strip("<>"))
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        lines = []
                        for data in self.rfile:
                            if data in (b".\r\n", b".\n"):
                                break
                            lines.append(data[1:] if data.startswith(b"..") else data)
                        message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                        sink.messages.append(dict(envelope, message=message))
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 Bye")
                        return
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    else:
                        self.reply("502 not implemented")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
