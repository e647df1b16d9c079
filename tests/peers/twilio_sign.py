"""Prints the X-Twilio-Signature that Twilio's official Python library computes, so Portico's
check is tested against Twilio's own implementation.

    python twilio_sign.py AUTH_TOKEN URL '{"Param": "value", ...}'
"""
import json
import sys

from twilio.request_validator import RequestValidator

token, url, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
print(RequestValidator(token).compute_signature(url, params))
