# Recent activity: the page, and each event's one-line title (activity-<kind>).

activity-lead = Sign-ins, password changes and other security events of the last 90 days. If something here wasn't you, secure your account:
activity-empty = No activity yet.
activity-check = Check this
activity-unanswered = Unusual: was this you? Answer from the email we sent
activity-yours = You said it was you
activity-not-yours = Not you: signed out

## What a title names when the event does not say
activity-some-provider = another
activity-some-alias = an address
activity-some-device = a PC
activity-some-license = a license
activity-some-passkey = a passkey
activity-some-app = an app
activity-some-browser = unknown browser

## Events
activity-account-created = Account created
activity-sign-in-code = Signed in with a code
activity-sign-in-sign-up = Signed in after creating the account
activity-sign-in-provider = Signed in with { $provider }
activity-sign-in-password = Signed in with your password
activity-sign-in-failed = Sign-in attempt with a wrong password
activity-reauthenticated = Confirmed your identity for a sensitive change
activity-password-changed = Password changed
activity-password-reset = Password reset with a code
activity-name-changed = Name changed
activity-signed-out = Signed out
activity-session-ended = Signed out a session from the Security page
activity-other-sessions-ended = { $n ->
    [one] Signed out 1 other session
   *[other] Signed out { $n } other sessions
}
activity-account-secured = Secured the account: every session ended
activity-change-undone = Undid a change from a notice ("This wasn't me"); every session ended
activity-alias-added = Added { $alias }
activity-alias-removed = Removed { $alias }
activity-alias-made-primary = Made { $alias } your primary address
activity-alias-sign-in-changed = { $allowed ->
    [yes] Allowed { $alias } for sign-in
   *[no] Stopped using { $alias } to sign in
}
activity-identity-linked = Linked your { $provider } account
activity-identity-unlinked = Unlinked your { $provider } account
activity-provider-failed = A sign-in with { $provider } failed
activity-device-linked = Device linked: { $device }
activity-device-removed = Device removed: { $device }
activity-license-moved = License moved: { $license } to { $device } after a hardware change
activity-device-location = { $enabled ->
    [yes] Find my device turned on for { $device }
   *[no] Find my device turned off for { $device }
}
activity-recovery-keys-backup = { $enabled ->
    [yes] BitLocker recovery key backup turned on for { $device }
   *[no] BitLocker recovery key backup turned off for { $device } (its keys deleted)
}
activity-recovery-key-shown = BitLocker recovery key { $key } of { $device } shown
activity-recovery-key-deleted = BitLocker recovery key { $key } of { $device } deleted
activity-password-removed = Password removed: passkeys and codes sign in
activity-passkey-added = Passkey added: { $passkey }
activity-passkey-removed = Passkey removed: { $passkey }
activity-passkey-cloned = A passkey that looked like a copy was refused
activity-app-sign-in = Signed in to { $app }
activity-app-access-removed = Access removed for { $app }
activity-account-disabled = Account disabled by an administrator
activity-account-enabled = Account enabled again by an administrator
activity-sessions-ended-by-operator = Signed out everywhere by an administrator
activity-device-revoked-by-operator = A PC's link ended by an administrator
activity-export-requested = A copy of your data was asked for
activity-export-ready = A copy of your data was ready to download
activity-export-downloaded = A copy of your data was downloaded
activity-account-closing = Account closed: it is deleted after its grace period
activity-account-reopened = Account reopened
activity-notices-changed = { $to ->
    [all] Security notices now go to every verified address
   *[other] Security notices now go to the primary address
}
activity-device-hardware-sharing = { $enabled ->
    [yes] Hardware details of { $device } shared again
   *[no] Hardware details of { $device } no longer shared
}
activity-unusual-sign-in = Sign-in from a browser new to this account: { $browser }
activity-unusual-sign-in-confirmed = You said the new browser's sign-in was you
activity-unusual-sign-in-disowned = You said the new browser's sign-in wasn't you: it was signed out
activity-reset-sent-by-operator = A password reset code sent by an administrator
