# Emails and text messages, in the recipient account's language. Every message may use
# $product, $url (the portal's address, ending in /) and $host.

## Shared
mail-when = When: { $at }
mail-from = From: { $from }
mail-if-you = If it was you,
mail-nothing-more = there is nothing more to do.
mail-not-me = This wasn't me
mail-sms-not-you = Not you?

## A code
mail-code-subject = { $code } is your { $product } code
mail-code-is = Your { $product } code is:
mail-code-is-html = Your code is:
mail-code-use = Use it { $why }. It works once and expires in { $minutes } minutes.
mail-code-ignore =
    If you did not ask for this code, you can ignore this message: someone may have typed
    your address by mistake, and nothing changes without the code. Never share it; { $product }
    will never ask you for it by phone or email.
mail-code-sms = { $code } is your { $product } code { $why }. Expires in { $minutes } min. Never share it.
mail-why-sign-up = to finish creating your account
mail-why-verify-alias = to add this address to your account
mail-why-reset = to reset your password
mail-why-sign-in = to sign in
mail-why-confirm-change = to confirm it's you before a change to your account
mail-why-other = to confirm it is you

## Someone signed up with an address that has an account
mail-signup-exists-subject = Someone tried to create a { $product } account with this address
mail-signup-exists =
    Someone just tried to create a new { $product } account with this address, which
    already belongs to an account. We did not create a second one.
mail-signup-exists-yours =
    If it was you: you already have an account. Sign in at { $url }signin, or use
    "Forgot password?" there if you don't remember your password.
mail-signup-exists-not-yours =
    If it wasn't you: you don't need to do anything. Nobody can use this address for another
    account without a code sent here.
mail-signup-exists-sms = Someone tried to create a new { $product } account with this number, which already has one. If it was you, sign in at { $url }signin. If not, ignore this.

## Password changed or removed, account secured
mail-password-changed-subject = Your { $product } password was changed
mail-password-changed = { $ended ->
    [yes] The password of your { $product } account was just changed, and every device
        signed in to the account was signed out.
   *[no] The password of your { $product } account was just changed.
}
mail-password-changed-not-you =
    If it wasn't you, someone may have access to one of your addresses. Reset your password at
    { $url }reset straight away, using an address only you can reach.
mail-password-changed-sms = { $ended ->
    [yes] Your { $product } password was just changed and all devices were signed out. If this was not you, reset it now at { $url }reset
   *[no] Your { $product } password was just changed. If this was not you, reset it now at { $url }reset
}
mail-password-removed-subject = The password of your { $product } account was removed
mail-password-removed =
    The password of your { $product } account was removed: it signs in with its passkeys now,
    or with a code sent to one of its addresses.
mail-password-removed-not-you =
    This wasn't me? Someone has signed in to your account. Sign in with a code, then on the
    Security page remove any passkey you don't know, choose "Secure my account" and set a new
    password: { $url }signin
mail-password-removed-sms = The password of your { $product } account was removed: passkeys and codes sign in now. Not you? Sign in with a code and secure it: { $url }signin
mail-secured-subject = Your { $product } account was secured
mail-secured =
    Someone used "Secure my account" on your { $product } account: every browser and device
    signed in to it was signed out.
mail-secured-yours = If it was you, consider changing your password too.
mail-secured-not-you =
    If it wasn't you, someone knows your password or can read one of your addresses. Reset your
    password at { $url }reset straight away, using an address only you can reach.
mail-secured-sms = Your { $product } account was secured: all devices were signed out. If this was not you, reset your password now at { $url }reset

## An address added, removed or made primary
mail-alias-changed = { $change ->
    [added] { $alias } was added to your { $product } account.
    [removed] { $alias } was removed from your { $product } account.
    [made_primary] { $alias } is now the primary address of your { $product } account.
   *[other] { $alias } was changed on your { $product } account.
}
mail-alias-subject = { $change ->
    [added] { $alias } was added to your { $product } account
    [removed] { $alias } was removed from your { $product } account
    [made_primary] { $alias } is now the primary address of your { $product } account
   *[other] { $alias } was changed on your { $product } account
}
mail-alias-undo =
    If it wasn't you, open this link within 7 days: it undoes the change, signs your account
    out everywhere and takes you to a new password:
mail-alias-undo-html = If it wasn't you, this link undoes the change, signs your account out everywhere and takes you to a new password (it works once, for 7 days):
mail-alias-no-undo =
    If it wasn't you, someone else is signed in to your account. Reset your password at
    { $url }reset straight away, then check the addresses on your account.
mail-reset-now-sms = Reset your password now at { $url }reset

## A BitLocker recovery key viewed
mail-recovery-key-subject = A BitLocker recovery key of { $device } was viewed in your { $product } account
mail-recovery-key =
    The BitLocker recovery key { $key } of { $device } was just viewed in your { $product }
    account.
mail-recovery-key-not-you =
    If it wasn't you, someone has signed in to your account and can unlock that PC's drive.
    Reset your password at { $url }reset straight away, using an address only you can
    reach, then choose "Secure my account" on the Security page.
mail-recovery-key-sms = A BitLocker recovery key ({ $key }) of { $device } was viewed in your { $product } account. Not you? Reset your password: { $url }reset

## A passkey added or removed
mail-passkey-subject = { $change ->
    [added] A passkey was added to your { $product } account
   *[other] A passkey was removed from your { $product } account
}
mail-passkey-added = A passkey, "{ $name }", was added to your { $product } account: it can sign in to it.
mail-passkey-removed = The passkey "{ $name }" was removed from your { $product } account.
mail-passkey-not-you =
    This wasn't me? Reset your password at { $url }reset straight away, using an
    address only you can reach, then on the Security page remove any passkey you don't know and
    choose "Secure my account".
mail-passkey-sms = { $change ->
    [added] A passkey ("{ $name }") was added to your { $product } account. Not you? Reset your password: { $url }reset
   *[other] The passkey "{ $name }" was removed from your { $product } account. Not you? Reset your password: { $url }reset
}

## A sign-in from a new browser
mail-new-sign-in-subject = New sign-in to your { $product } account
mail-new-sign-in = Someone signed in to your { $product } account from a browser it hasn't used before.
mail-new-sign-in-how = Someone signed in to your { $product } account from a browser it hasn't used before, { $how }.
mail-how-password = with the password
mail-how-code = with a code sent to one of your addresses
mail-how-provider = through a linked sign-in provider
mail-how-passkey = with a passkey
mail-browser = Browser: { $browser }
mail-ip = IP address: { $ip }
mail-was-this-you = Was this you? Tell us within 30 days:
mail-was-this-you-button = Was this you?
mail-new-sign-in-page = If it wasn't you, that page signs the browser out at once and takes you to a new password.
mail-new-sign-in-page-html = If it wasn't you, that page signs the browser out at once and takes you to a new password. The link works for 30 days.
mail-new-sign-in-reset = If it wasn't you, reset your password at { $url }reset straight away.
mail-new-sign-in-sms = New sign-in to your { $product } account from { $browser }.

## The account closed, reopened, disabled; data ready; app access removed
mail-closing-subject = Your { $product } account was closed
mail-closing = Your { $product } account was closed, as you asked.
mail-closing-what =
    Every browser and PC signed in to it was signed out, and apps that used it lost their access.
    Until { $date }, signing in offers to reopen it with everything as it was. After that we
    delete it for good.
mail-closing-not-you =
    If you didn't close it, sign in now and reopen it, then choose a new password:
    { $url }signin
mail-closing-sms = Your { $product } account was closed and will be deleted on { $date }. Not you? Sign in to reopen it: { $url }signin
mail-reopened-subject = Your { $product } account was reopened
mail-reopened = Your { $product } account was reopened: it will not be deleted.
mail-reopened-not-you =
    If you didn't reopen it, someone knows how to sign in as you: reset your password at
    { $url }reset straight away.
mail-reopened-sms = Your { $product } account was reopened. Not you? Reset your password now at { $url }reset
mail-disabled-subject = Your { $product } account was disabled
mail-disabled = Your { $product } account was disabled by an administrator of { $url }.
mail-disabled-what =
    Every browser and PC signed in to it was signed out, and apps that used it lost their access.
    It can't be signed in to until it is enabled again.
mail-disabled-contact = If you didn't expect this, contact the people who run { $product } for you.
mail-disabled-sms = Your { $product } account was disabled by an administrator. If you did not expect this, contact the people who run { $product } for you.
mail-export-subject = Your { $product } data is ready to download
mail-export = The copy of your { $product } data you asked for is ready.
mail-export-where =
    Download it from the Privacy page of your account until { $until }: sign in at
    { $url }signin, then open Privacy in your account menu. After that it is deleted.
mail-export-not-you =
    If you didn't ask for it, someone else is signed in to your account: reset your password at
    { $url }reset straight away.
mail-export-sms = Your { $product } data is ready: download it from Privacy in your account until { $until }. Not you? Reset your password at { $url }reset
mail-app-removed-subject = { $app } can no longer use your { $product } account
mail-app-removed = { $app } can no longer sign in with your { $product } account: its access was removed on the Apps and services page.
mail-app-removed-yours = If it was you, there is nothing more to do. The app will ask again the next time you use it.
mail-app-removed-not-you =
    This wasn't me? Reset your password at { $url }reset straight away, using an
    address only you can reach, then on the Security page choose "Secure my account".
mail-app-removed-sms = { $app } can no longer sign in with your { $product } account. Not you? Reset your password: { $url }reset
