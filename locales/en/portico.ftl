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
# A moment: "23 Nov 2026, 20:31 UTC". $month is the month's number (1–12), which picks its
# name; $day and $year are written out, $time is "20:31", $zone the time zone's abbreviation
# ("UTC", "CET").
time-at = { $day } { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
 } { $year }, { $time } { $zone }
# A day, as notices name the day something will happen: "5 Feb 2027".
time-day = { $day } { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
 } { $year }
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

## Form errors and refusals (made in Rust)
signin-no-match = That email or phone number and password don't match an account. Check them and try again.
signin-throttled = Too many wrong passwords. Try again in { $wait }, or sign in with a code instead.
signin-network-throttled = Too many failed sign-ins from this network. Try again in { $wait }.
signin-too-many-accounts = This browser already has { $max } accounts signed in. Sign out of one first.
signup-too-many-accounts = { $first } Then enter the code again.
signup-address-taken = This address already belongs to an account, so it can't be used for a new one. Sign in instead.
signup-expired-title = This sign-up has expired
signup-expired-text = Sign-ups wait an hour for their code. Nothing was created; start again and we'll send a new one.
signup-start-again = Start again
code-enter-six = Enter the 6-digit code from the message.
code-did-not-work-ask-again = That code didn't work. Go back and ask for a new one.
code-did-not-work-start-again = That code didn't work. Start again to get a new one.
form-enter-address = Enter an email address or a phone number.
form-enter-name = Enter your name.
form-name-too-long = Use at most 100 characters, on one line.
form-phone-unparseable = Enter a phone number with its country code, like +44 7911 123456, or choose its country.
form-phone-invalid = That is not a valid phone number.
form-email-invalid = Enter an email address, like name@example.com.
form-email-too-long = That email address is too long.
form-password-short = Use at least { $n } characters.
form-password-long = Use at most { $n } characters.
form-password-personal = Don't use your name, email address or phone number in your password.
form-password-weak = This password is too easy to guess. Try a few unrelated words together.
send-sms-country = We can't send text messages to this country yet.
send-sms-kind = We can't send text messages to { $kind }.
send-sms-refused = { $why } Use an email address or another number.
send-resend-wait = You can ask for a new code in { $wait }.
send-resend-finished = This code can't be renewed. Start again to get a new one.
phone-kind-mobile = mobile numbers
phone-kind-fixed-or-mobile = numbers like this one
phone-kind-landline = landlines
phone-kind-toll-free = toll-free numbers
phone-kind-premium = premium-rate numbers
phone-kind-shared-cost = shared-cost numbers
phone-kind-personal = personal (forwarding) numbers
phone-kind-voip = internet (VoIP) numbers
phone-kind-pager = pagers
phone-kind-company = company numbers
phone-kind-voicemail = voicemail numbers
phone-kind-other = numbers of this kind
limit-try-again = { $reason }. Try again in { $wait }.
limit-codes-network = Too many codes were asked for from your network
limit-codes-address = Too many codes were sent to this address
limit-codes-account = Too many codes were sent for this account
limit-sms-numbers = Too many text messages were sent to numbers like this one
limit-sms-budget = Text messages are unavailable right now
limit-passkeys-network = Too many passkey sign-ins started from this network
limit-link-network = Too many link requests from this network
limit-link-codes-account = Too many codes tried for this account
limit-link-codes-network = Too many codes tried from this network
limit-token-network = Too many failed token requests from this network

## Countries of the phone number field
country-us = United States
country-ca = Canada
country-gb = United Kingdom
country-ie = Ireland
country-de = Germany
country-at = Austria
country-ch = Switzerland
country-fr = France
country-be = Belgium
country-nl = Netherlands
country-es = Spain
country-pt = Portugal
country-it = Italy
country-pl = Poland
country-se = Sweden
country-au = Australia
country-nz = New Zealand
country-in = India

## Password reset
reset-title = Reset your password
reset-lead = Enter an email address or phone number on your account. If it is one, we'll send a code to it.
reset-send-code = Send code
reset-back = Back to sign in
reset-new-title = Choose a new password
reset-new-lead = Every device signed in to your account will be signed out.
reset-new-password = New password
reset-change = Change password
reset-expired = This reset has expired or was already used. Start again to get a new code.
reset-used = This reset was already used. Start again to get a new code.
reset-done-title = Password changed
reset-done-heading = Your password was changed
reset-done-text = Every device that was signed in to your account has been signed out, and we've let your addresses know.

## Confirming it's you
reauth-title = Confirm it's you
reauth-password-lead = This is a sensitive change. Enter the password of { $alias } to continue; you won't be asked again for 10 minutes.
reauth-code-lead-send = This is a sensitive change. We'll send a code to { $destination } to continue; you won't be asked again for 10 minutes.
reauth-code-lead-sent = This is a sensitive change. Enter the code we sent to { $destination } to continue; you won't be asked again for 10 minutes.
reauth-provider-lead = This is a sensitive change. Sign in again with the account linked here to continue.
reauth-passkey = Confirm with a passkey
reauth-or = Or:
reauth-confirm = Confirm
reauth-with-provider = Confirm with { $provider }
reauth-cancel = Cancel
reauth-throttled = Too many wrong passwords. Try again in { $wait }.
reauth-no-password = This account has no password. Sign out, then sign in again with a code to confirm it's you.
reauth-wrong-password = That password isn't right. Try again.
reauth-code-expired = That code has expired. Send a new one.
reauth-code-used = That code can no longer be used. Send a new one.
reauth-no-address = This account has no verified address to send a code to.
