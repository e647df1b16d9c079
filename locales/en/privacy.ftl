# Privacy, closing the account, and "Was this you?".

## Privacy
privacy-lead = What Portico keeps about you, for how long, and what your PCs share. Nothing is sold or shared with anyone; apps see only what you let them.
privacy-kept = What we keep
privacy-what = What
privacy-how-long = For how long
privacy-managed-on = Managed on
privacy-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
privacy-kept-profile = Your name, email addresses and phone numbers
privacy-kept-sessions = Signed-in browsers (browser, IP address, times)
privacy-kept-browsers = Browsers you signed in with (a random mark, to tell you about new ones)
privacy-kept-activity = Recent activity (sign-ins, changes, from where)
privacy-kept-pcs = Your PCs and what they report (Windows edition, activation, licenses)
privacy-kept-locations = Locations of your PCs (only with Find my device on)
privacy-kept-recovery = BitLocker recovery keys (only when you turned backup on; encrypted)
privacy-kept-exports = Copies of your data you asked for (below)
privacy-kept-apps = Apps you let use your account, and what they may see
privacy-until-removed-or-closed = Until you remove them or close your account
privacy-until-sign-out = Until you sign out, at most { $days }
privacy-after-last-use = { $days } after the last use
privacy-until-pc-removed = Until you remove the PC; each report's record { $days }
privacy-until-deleted = Until you delete them or remove the PC
privacy-until-access-removed = Until you remove their access
privacy-download = Download your data
privacy-pcs = What your PCs share
privacy-no-pc = No PC is linked.
privacy-pcs-lead = Turning something off takes effect at once: we delete what we kept of it, drop it from the PC's next reports, and the PC stops collecting it.
privacy-location-on = Location (Find my device): on
privacy-location-off = Location (Find my device): off
privacy-location-meta = Where the PC was, kept 30 days. The PC's own setting must allow it too.
privacy-turn-on = Turn on
privacy-turn-off = Turn off
privacy-location-for = location for { $name }
privacy-hardware-on = Hardware details and specifications: on
privacy-hardware-off = Hardware details and specifications: off
privacy-hardware-meta = Manufacturer, model, processor, memory, drives, and the check that notices a hardware change (so that a license can follow a new motherboard).
privacy-hardware-for = hardware details for { $name }
privacy-recovery-on = BitLocker recovery keys: backed up
privacy-recovery-off = BitLocker recovery keys: off
privacy-recovery-meta = Kept encrypted, shown only after you confirm it's you. Changing this asks you to confirm it's you.
privacy-recovery-stop = Stop and delete them
privacy-recovery-start = Back them up
privacy-for = for { $name }
privacy-diagnostics = Diagnostics: none
privacy-diagnostics-meta = Portico's agent sends no crash reports or usage data.
privacy-notices = Security notices
privacy-notices-lead = We tell you about sign-ins from new browsers, password and address changes, and recovery keys shown.
privacy-send-to = Send them to
privacy-to-primary = My primary address
privacy-to-all = Every verified address and phone number
privacy-save = Save
privacy-export-ready = Your copy ({ $size }) can be downloaded until { $until }.
privacy-export-ready-keys = Your copy ({ $size }, with your recovery keys) can be downloaded until { $until }.
privacy-export-preparing = We're preparing your copy. We'll tell you when it's ready, usually within a minute.
privacy-export-lead = One ZIP file with everything above, as JSON, and a README. Asking for it needs a recent sign-in.
privacy-export-with-keys = Include my BitLocker recovery keys (keep the file somewhere safe)
privacy-export-prepare = Prepare a copy of my data
privacy-close-lead = Signs you out everywhere now, and deletes your account and what we keep about you after a grace period in which you can reopen it.
privacy-done-notices = Where security notices go was saved.
privacy-done-export-requested = We're preparing a copy of your data. We'll tell you when it's ready.
privacy-done-export-waiting = A copy of your data is already being prepared.
privacy-done-location-on = Find my device is on for that PC.
privacy-done-location-off = Find my device is off for that PC; its locations were deleted.
privacy-done-hardware-on = That PC shares its hardware details again from its next report.
privacy-done-hardware-off = That PC no longer shares hardware details; what was kept of them was deleted.
privacy-done-recovery-on = That PC backs up its BitLocker recovery keys from its next report.
privacy-done-recovery-off = That PC no longer backs up its recovery keys; the ones kept were deleted.

## Closing the account
close-title = Close your account
close-when = When you close your account:
close-now = you're signed out everywhere, your PCs stop reporting, and apps that use your account lose their access, at once;
close-told = every verified email address and phone number on it is told;
close-grace = { $n ->
    [one] for 1 day, signing in offers to reopen it, with everything as it was;
   *[other] for { $n } days, signing in offers to reopen it, with everything as it was;
}
close-deleted = after that, we delete it for good: your addresses, PCs and their reports, locations, licenses' links, recovery keys, sign-in providers and app access. Your addresses can't be used for another account for 30 more days.
close-instead = If you only want to stop one PC or one app, remove it instead:
close-understand = { $n ->
    [one] I understand: my account closes now, and is deleted in 1 day unless I reopen it
   *[other] I understand: my account closes now, and is deleted in { $n } days unless I reopen it
}
close-submit = Close my account
close-tick = Tick the box to say you understand what closing your account does.
close-not-active = This account can't be closed: it is closing already, or disabled.
close-closing-title = Your account is closing
close-signed-out = You were signed out everywhere.
close-deleted-on = We'll delete it for good on { $date }. Until then, sign in to reopen it.
close-start-page = Go to the start page
close-reopen-title = Reopen your account?
close-reopen-lead = This account is closing: we'll delete it for good on { $date }. Reopen it to sign in and keep everything as it was.
close-reopen = Reopen your account
close-keep-closed = Keep it closed
close-stays-closed = Your account stays closed
close-stays-closed-text = We'll delete it for good on { $date }. You can still reopen it by signing in before then.
close-offer-expired = This offer to reopen your account has expired. Sign in again to see it.

## "Was this you?"
alert-title = Was this you?
alert-lead = Someone signed in to your account from a browser it hasn't used before.
alert-when = When
alert-browser = Browser
alert-ip = IP address
alert-me = It was me
alert-thanks = Thanks for checking
alert-kept = The sign-in of { $at } is marked as yours.
alert-nothing-more = There is nothing more to do.
alert-ended-title = That browser was signed out
alert-ended = The sign-in of { $at } from { $browser } no longer has access to your account.
alert-ended-text = Someone knew how to sign in as you. Choose a new password now, using an address only you can reach, then look through your recent activity for anything else you didn't do.
alert-review = Review your recent activity
alert-gone-text = It was already answered, or it is more than 30 days old. If someone else is using your account, reset your password.
