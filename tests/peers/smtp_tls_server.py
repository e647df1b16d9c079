"""An SMTP server that insists on STARTTLS and AUTH, for Portico's tests (maildev offers
neither). Runs on Debian's python3-aiosmtpd:

    /usr/bin/python3 smtp_tls_server.py PORT CERT KEY USER PASSWORD MAILDIR

Each accepted message is written to MAILDIR as <n>.eml; logins are checked against USER and
PASSWORD; the line "smtp-tls-server ready" is printed once it accepts connections.
"""
import pathlib
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    def __init__(self, maildir):
        self.maildir = pathlib.Path(maildir)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            path = self.maildir / f"{self.count}.eml"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(path)  # readers never see a half-written message
        return "250 Message accepted"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    return check


def main():
    port, cert, key, user, password, maildir = sys.argv[1:7]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(
        Recorder(maildir),
        hostname="127.0.0.1",
        port=int(port),
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator(user, password),
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    print("smtp-tls-server ready", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
