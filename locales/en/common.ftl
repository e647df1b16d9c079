# What many pages share: the account menu, the home page, error pages, the code page.

## The account menu
menu-open = { $alias }: open the account menu
menu-account = Your account
menu-security = Security
menu-activity = Recent activity
menu-devices = Devices
menu-licenses = Licenses
menu-apps = Apps and services
menu-privacy = Privacy
menu-link = Link a PC
menu-other-accounts = Other accounts
menu-signed-out = Signed out: sign in again
menu-another = Sign in with another account
menu-sign-out = Sign out
menu-sign-out-all = Sign out of all accounts

## The account's home page
home-hello = Hello, { $name }
home-signed-in-with = You're signed in with { $alias }.
home-info-text = Your name, and the emails and phone numbers you sign in with.
home-security-text = Where you're signed in, your password, and what happened on your account:
home-devices-text = PCs linked to your account and their licenses:

## A form of an account no longer signed in
signed-out-title = Nothing was changed
signed-out-named = { $name } is no longer signed in in this browser, so this form was not sent. Sign in again, then try once more.
signed-out-unnamed = This form belongs to an account that is no longer signed in in this browser (it was signed out, perhaps in another tab), so it was not sent.
signed-out-sign-in = Sign in again

## Error pages
error-status = Error { $status }
error-home = Go to the home page
error-request-id = Request id:
error-not-found = Page not found
error-not-found-text = There is nothing at this address. Check the link, or start again from the home page.
error-unauthorized = You're not signed in to this account
error-unauthorized-text = It may have been signed out, or its session expired. Sign in again to continue.
error-forbidden = That request was refused
error-forbidden-text = The form may have expired or come from another site. Go back, reload the page and try again.
error-method = That action is not available here
error-method-text = This address does not accept that kind of request. Go back and try again from the page.
error-timeout = That took too long
error-timeout-text = The request did not finish in time. Please try again.
error-too-large = That was too much to send
error-too-large-text = The form or file you sent is larger than we accept.
error-unavailable = Portico can't be reached right now
error-unavailable-text = Try again in a moment. What you just sent did not happen and nothing was changed: go back to keep what you typed, and send it again.
error-server = Something went wrong on our side
error-server-text = We could not finish your request. Nothing you did caused this; please try again in a moment.
error-other = We could not handle that request
error-other-text = Go back and try again. If it keeps happening, contact support with the request id below.

## The code page
code-title = Enter your code
code-sent-by-email = We sent a code by email to { $destination } on { $at }.
code-sent-by-text = We sent a code by text message to { $destination } on { $at }.
code-valid-until = It works once, until { $until }: if you asked more than once, the same code is still the one to enter.
code-expired = It has expired: ask for a new one below.
code-label = Code
code-resend = Send a new code
code-resend-in = { $n ->
    [one] available in 1 second
   *[other] available in { $n } seconds
}
code-resent = We sent a new code to { $destination }.
code-wrong = { $n ->
    [one] That code didn't work. Check it and try again (1 try left).
   *[other] That code didn't work. Check it and try again ({ $n } tries left).
}
code-expired-error = This code has expired. Ask for a new one below.
code-used-up = This code can't be used any more. Start again to get a new one.
code-submit-sign-in = Sign in
code-submit-sign-up = Create account
code-submit-continue = Continue
code-submit-verify = Verify
code-other-password = Use your password instead
code-other-address = Use a different address

## A browser as people recognise it
browser-on = { $browser } on { $os }
browser-unknown = Unknown browser
