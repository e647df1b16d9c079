# Portico's strings in English, the language every other falls back to, string by string.
# Keys are named for where they are shown: layout-, landing-, signin-, signup-.

## The frame of every page
layout-skip = Skip to content
layout-dev-banner = Development mode: not for real accounts.
layout-dev-all-outbox = Codes and messages go to the <a href="/dev/outbox">dev outbox</a>.
layout-dev-email-outbox = Emails go to the <a href="/dev/outbox">dev outbox</a>; text messages are sent through Twilio.
layout-dev-sms-outbox = Emails are sent through the SMTP server; text messages go to the <a href="/dev/outbox">dev outbox</a>.
layout-dev-none-outbox = Emails are sent through the SMTP server and text messages through Twilio.
layout-account-nav = Account
layout-elevated = { $minutes ->
    [one] You confirmed it's you: sensitive changes need no password for { $minutes } more minute.
   *[other] You confirmed it's you: sensitive changes need no password for { $minutes } more minutes.
}
layout-footer-tagline = Portico — your account, your devices.
layout-footer-nav = Footer
layout-footer-status = Status
layout-language = Language
layout-sign-in = Sign in

## The landing page
landing-title = Your account, in one place
landing-lead = Sign in with any of your email addresses or phone numbers, keep them up to date, switch between accounts, and see the PCs and licenses linked to you.
landing-go-to-account = Go to your account
landing-another-account = Sign in with another account
landing-sign-in = Sign in
landing-create = Create an account
landing-features = What you can do
landing-info-title = Your info
landing-info-text = Add an email or phone number, verify it with a code, and choose which ones you sign in with.
landing-accounts-title = Several accounts
landing-accounts-text = Stay signed in to work and personal accounts at once, and switch from the menu.
landing-devices-title = Devices and licenses
landing-devices-text = Link a PC, see its activation state, and move a digital license after a hardware change.

## Signing in
signin-title = Sign in
signin-address = Email or phone number
signin-password = Password
signin-keep = Keep me signed in
signin-submit = Sign in
signin-code-instead = Email or text me a code instead
signin-passkey = Sign in with a passkey
signin-other-ways = Other ways to sign in
signin-with-provider = Sign in with { $provider }
signin-forgot = Forgot password?
signin-no-account = No account?
signin-create = Create one
region-label = Country, for a phone number without its + code
region-none = None: I'll type the + country code

## Signing up
signup-title = Create your account
signup-lead = We'll send a code to your email or phone to check it's yours.
signup-check-form = Please check the form:
signup-name = Your name
signup-address = Email or phone number
signup-address-hint = For a phone number, start with + and the country code, like +44 7911 123456, or choose its country below.
signup-use-passkey = Create a passkey instead of a password
signup-use-passkey-hint = Sign in with this device's face, fingerprint or screen lock. You'll make the passkey right after the code; leave the password empty.
signup-password = Password
signup-password-hint = At least 8 characters. A few unrelated words make a strong one.
signup-next = Next
signup-have-account = Already have an account?
signup-sign-in = Sign in

## Times and waits (crate::text)
time-just-now = just now
time-minutes-ago = { $n ->
    [one] 1 minute ago
   *[other] { $n } minutes ago
}
time-hours-ago = { $n ->
    [one] 1 hour ago
   *[other] { $n } hours ago
}
time-days-ago = { $n ->
    [one] 1 day ago
   *[other] { $n } days ago
}
wait-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
wait-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
wait-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
