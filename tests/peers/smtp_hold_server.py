"""An SMTP server that takes the Nth message and never answers it, for the test of a
worker killed while sending. Runs on Debian's python3-aiosmtpd:

    /usr/bin/python3 smtp_hold_server.py PORT N

Prints "received <Message-ID>" for every message whose data arrived (the held one too: a
real server may have delivered a message whose acknowledgement the sender never read),
"holding <Message-ID>" for the Nth, and "smtp-hold-server ready" once it accepts
connections.
"""
import asyncio
import email
import sys
import threading

from aiosmtpd.controller import Controller


class Holder:
    def __init__(self, hold):
        self.hold = hold
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        message_id = message.get("Message-ID", "").strip()
        with self.lock:
            self.count += 1
            held = self.count == self.hold
        print(f"received {message_id}", flush=True)
        if held:
            print(f"holding {message_id}", flush=True)
            await asyncio.Event().wait()
        return "250 Message accepted"


def main():
    port, hold = int(sys.argv[1]), int(sys.argv[2])
    controller = Controller(Holder(hold), hostname="127.0.0.1", port=port)
    controller.start()
    print("smtp-hold-server ready", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
