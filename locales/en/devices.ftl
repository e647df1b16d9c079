# Devices: the list, a PC's page, its activation and specifications, linking and removal.

## The list
devices-empty = No PC is linked to this account yet. Run this on a PC, then enter the code it shows under Link a PC:
devices-attention = Needs your attention
device-warn-activation = Windows isn't activated
device-warn-hardware = Hardware changed
device-warn-license = License also on another account
device-warn-encryption = Device encryption is off
device-waiting = Waiting for its first report
device-offline = Offline · last seen { $ago }
device-last-seen = Last seen { $ago }
device-done-removed = The PC was removed from your account.

## A PC's page
device-all = All devices
device-hardware-changed = This device's hardware changed. If Windows lost its activation, use "I changed hardware on this device recently" to move your license to it:
device-activation = Activation
device-edition = Edition
device-channel = Channel
device-product-key = Product key
device-installed-key = Installed key
device-this-pc = This PC
device-manufacturer = Manufacturer
device-model = Model
device-architecture = Architecture
device-os-build = OS build
device-agent = Agent
device-linked = Linked
device-specs = Device specifications
device-specs-none = Not reported yet: an up-to-date agent sends them with its next report.
device-specs-at = As reported { $at }.
device-find = Find my device
device-place = { $latitude }, { $longitude }, within { $accuracy } m
device-map-alt = Map of where { $name } was last, { $place }
device-last-location = Last known location { $ago } ({ $at })
device-open-map = Open in OpenStreetMap
device-earlier = Earlier locations (past 30 days)
device-map-credit = Map data: Natural Earth (public domain), drawn by this portal.
device-find-no-location = On. No location yet: the PC sends one when Find my device is on there too.
device-find-off = Off. Turn it on to see where this PC was last (its agent must allow it too). Locations are kept 30 days.
device-find-turn-off = Turn off Find my device
device-find-turn-on = Turn on Find my device
device-hardware = Hardware details
device-hardware-on = On: this PC shares its manufacturer, model and specifications, and lets Portico notice a hardware change (so that a license can follow a new motherboard).
device-hardware-off = Off: this PC's hardware details are not kept, and a hardware change can't be noticed.
device-hardware-stop = Stop sharing hardware details
device-hardware-share = Share hardware details
device-privacy-page = What every PC shares is also on your Privacy page:
device-recovery-on = { $n ->
    [0] On: this PC backs up its BitLocker recovery keys to your account. They arrive with its next report.
    [one] On: this PC backs up its BitLocker recovery keys to your account (1 key so far).
   *[other] On: this PC backs up its BitLocker recovery keys to your account ({ $n } keys so far).
}
device-recovery-see = See your recovery keys
device-recovery-off = Off. Turn it on to keep this PC's BitLocker recovery keys in your account, for the day it stops at the recovery screen. They're stored encrypted and shown only after you confirm it's you.
device-recovery-stop = Stop backing up recovery keys
device-recovery-stop-delete = Stop backing up recovery keys and delete them
device-recovery-start = Back up BitLocker recovery keys
device-manage = Name and removal
device-remove-title = Remove this PC
device-reports = Recent reports
device-reports-none = No report yet: the PC sends its first one right after linking.
device-done-renamed = The name was saved.
device-done-location-on = Find my device is on: the PC's location shows here from its next report.
device-done-location-off = Find my device is off, and the locations kept for this PC were deleted.
device-done-recovery-on = Recovery key backup is on: the PC sends its BitLocker recovery keys with its next report.
device-done-recovery-off = Recovery key backup is off, and the recovery keys this PC backed up were deleted.
device-done-hardware-on = This PC shares its hardware details again from its next report.
device-done-hardware-off = This PC no longer shares hardware details, and what was kept of them was deleted.

## Kinds of PC
device-laptop = Laptop
device-desktop = Desktop
device-tablet = Tablet
device-server = Server
device-vm = Virtual machine
device-pc = PC

## Specifications, in the words of Settings › System › About
specs-processor = Processor
specs-cores = { $cores } cores
specs-cores-logical = { $cores } cores, { $logical } logical processors
specs-ram = Installed RAM
specs-usable = { $size } usable
specs-system-type = System type
specs-device-type = Device type
specs-tpm = TPM
specs-tpm-version = Present, version { $version }
specs-tpm-present = Present
specs-tpm-missing = Not found
specs-secure-boot = Secure Boot
specs-storage = Storage
specs-free = { $size } free
specs-encryption = Device encryption
specs-on = On
specs-off = Off
specs-suspended = Suspended (the volume is readable without its key)
specs-encrypting = Encrypting
specs-decrypting = Decrypting
specs-unknown = Unknown (the volume may be locked)
specs-gb = { $size } GB
specs-tb = { $size } TB

## Activation, as Settings › System › Activation words it
activation-kms-key = A KMS client key from Microsoft's public list: your organization's activation service activates this PC. It isn't a product key of yours.
activation-generic-key = A generic installation key for this edition: Windows uses it with a digital license. It isn't a product key of yours.
activation-by-kms = Windows is activated using your organization's activation service
activation-by-linked-digital = Windows is activated with a digital license linked to your Portico account
activation-by-digital = Windows is activated with a digital license
activation-by-volume-key = Windows is activated with a product key from your organization
activation-by-key = Windows is activated with a product key
activation-days-left = { $n ->
    [one] 1 day left
   *[other] { $n } days left
}
activation-none = No activation state reported yet.
activation-not-activated = Windows is not activated
activation-initial-grace = Windows isn't activated yet: it is in its first grace period{ $grace }
activation-again = Windows needs to activate again{ $grace }
activation-not-genuine = Windows is not activated: its key was reported as not genuine{ $grace }
activation-unlicensed = Windows is not activated: { $why }
activation-extended-grace = Windows is in an extended grace period{ $grace }
activation-unknown = Windows reported an activation state this portal doesn't know.
activation-advice-enter-key = Enter a product key in Settings › System › Activation, or run the Activation Troubleshooter there.
activation-advice-connect = Connect the PC to the internet so that Windows can activate, or enter a product key.
activation-advice-hardware = The hardware changed, or your organization's activation service wasn't reached. If you changed hardware, use "I changed hardware on this device recently".
activation-advice-genuine = Buy a genuine product key, or contact the seller of this PC.
activation-advice-settings = Open Settings › System › Activation to enter a product key or run the Activation Troubleshooter.
activation-advice-before-end = Activate Windows before the period ends.
activation-label-unknown = Unknown
activation-label-activated = Activated
activation-label-not-activated = Not activated
activation-label-grace = Grace period
activation-label-needs = Needs activation
activation-label-not-genuine = Not genuine
activation-why-grace-ended = its grace period has ended
activation-why-not-genuine = this copy isn't genuine
activation-why-no-license = the license could not be found or was invalid
activation-why-other = it could not be activated

## Linking a PC, and removing one
link-lead = Enter the code your PC shows when you run:
link-not-found = That code isn't right, or it has expired. Check the code your PC shows, or start again on the PC.
link-ask-title = Link this PC to your account?
link-ask-lead = The PC that shows { $code } asks to report to this account.
link-pc-name = PC name
link-os = Operating system
link-not-given = Not given
link-shares-windows = It will share its Windows edition, version and activation state, the last five characters of its product key (never the whole key), its specifications (processor, memory, drives, TPM, Secure Boot and whether each volume is encrypted with BitLocker) and when it was last seen.
link-shares-other = It will share its operating system and version, its maker and model, its specifications (processor, memory, drives, TPM, Secure Boot and whether each volume is encrypted) and when it was last seen.
link-share-location = Also share its location (Find my device). You can turn this off later.
link-share-recovery = Also back up its BitLocker recovery keys to your account, stored encrypted. You can turn this off later, which deletes them.
link-approve = Approve
link-deny = Deny
link-linked-title = PC linked
link-not-linked-title = Not linked
link-linked = { $name } is linked
link-linked-text = Go back to your PC: it finishes linking by itself in a few seconds.
link-not-linked = { $name } was not linked
link-not-linked-text = The PC is told it was refused. If you didn't start this, nothing else is needed.
link-done = Done
device-name-help = Enter a name of 1 to 60 characters.
device-remove-heading = Remove { $name }?
device-remove-text = It leaves your account: its agent stops reporting, its locations are deleted, and it no longer shows under Devices. To see it again, link it again with:
device-remove-keys = { $n ->
    [one] Its BitLocker recovery key is deleted too.
   *[other] Its { $n } BitLocker recovery keys are deleted too.
}
device-remove-keys-first = { $n ->
    [one] If you may need it, write it down first.
   *[other] If you may need them, write them down first.
}

## Licenses
license-empty = No Windows license has been reported yet. Licenses appear here when a linked PC reports one.
license-foreign = { $device } reports a { $license } license that belongs to another Portico account. It stays with that account; if you bought this key, contact support.
license-also-elsewhere = Also on another account
license-on = On { $device }
license-on-now = on { $device } now
license-no-pc = No PC
license-conflict = A PC of another Portico account reports this key too. It stays linked to your account; nothing was moved.
license-hardware-changed = This device's hardware changed
license-elsewhere = { $device } reports this license too.
license-may-move = If it replaced { $device }, or that PC's hardware changed, you can move the license to it.
license-troubleshoot = I changed hardware on this device recently
license-history = History
license-held-from-to = { $hardware ->
    [yes] { $device } after a hardware change, { $from } to { $to }
   *[no] { $device }, { $from } to { $to }
}
license-held-since = { $hardware ->
    [yes] { $device } after a hardware change, since { $from }
   *[no] { $device }, since { $from }
}
license-done-moved = The license was moved to the PC you chose.
license-kind-kms = Volume license from your organization (KMS)
license-kind-mak = Volume license from your organization (MAK)
license-kind-digital = Digital license
license-kind-oem = Product key from the PC's maker (OEM)
license-kind-key = Product key
license-oem-fixed = An OEM license belongs to the PC it came with, on its original motherboard, so it can't move to another device. If the motherboard was replaced under warranty, the manufacturer's repair keeps it activated; otherwise the new hardware needs a license of its own.
license-volume-fixed = This license is managed by your organization: its activation service decides where it is used. Ask your IT department.
license-too-many-moves = This license has moved { $n } times in the last 90 days, the most allowed. Try again after { $at }.
license-same-device = That PC already holds this license, and its hardware hasn't changed: there is nothing to move.
license-choose-legend = Choose the PC you're using now
license-choose-pc = Choose the PC you're using now.
license-tick-this-device = Tick "This is the device I'm using right now" to go on.
license-holds = holds this license now
license-holds-changed = holds this license now; its hardware changed
license-this-device = This is the device I'm using right now
license-move-title = Move the license to { $device }?
license-move-same = The license stays with { $device } and is linked to its new hardware. Windows on it activates with the license the next time it checks; to do that now, run the Activation Troubleshooter in Settings › System › Activation.
license-move-other = The license leaves { $holder } and is linked to { $device }. Windows on { $holder } will no longer be activated by it. Windows on { $device } activates with it the next time it checks; to do that now, run the Activation Troubleshooter in Settings › System › Activation.
license-move-limit = A license may move three times in 90 days.
license-move = Move the license

## BitLocker recovery keys
recovery-title = BitLocker recovery keys
recovery-lead = If a PC stops at the blue BitLocker recovery screen, it shows a Recovery key ID. Find the key with the same ID here and type its 48 digits on the PC.
recovery-find = Find a key by its ID
recovery-key-id-label = Key ID (its first 8 characters are enough)
recovery-show-the-key = Show the key
recovery-backed-up = Backed-up keys
recovery-empty = No recovery key is backed up yet. Turn on "Back up BitLocker recovery keys" on a PC's page: its keys arrive with its next report.
recovery-gone = No longer on this PC
recovery-key-id = Key ID
recovery-screen-shows = the recovery screen shows { $id }
recovery-backed-up-at = Backed up { $at }
recovery-removed-at = removed from the PC { $at }
recovery-show = Show key
recovery-delete-open = Delete…
recovery-delete-ask-on-pc = Delete the key { $id } of { $device }? Portico can't show it again until the PC reports it again.
recovery-delete-ask = Delete the key { $id } of { $device }? Portico can't show it again.
recovery-delete = Delete this key
recovery-showing-needs = Showing a key needs a recent sign-in, and every address on your account is told.
recovery-done-deleted = The recovery key was deleted.
recovery-key-id-help = Enter the key ID your PC's recovery screen shows: at least its first 8 characters (0–9 and A–F).
recovery-not-found = No recovery key with an ID starting { $id } is backed up to this account. Check the ID on the recovery screen: the key may be in another account, or this PC never backed it up.
recovery-all = All recovery keys
recovery-shown-title = Your BitLocker recovery key
recovery-shown-title-many = Your BitLocker recovery keys
recovery-several = More than one key starts with that ID: check the whole ID on the recovery screen.
recovery-not-on-pc = this key is no longer on it
recovery-volume = Volume
recovery-key = Recovery key
recovery-key-label = Recovery key, 48 digits
recovery-unopenable = This key can no longer be opened: the portal's secret key changed since it was backed up. The PC backs it up again with its next report.
recovery-shown-note = Type the 48 digits on the PC's recovery screen. Don't share them: anyone with the key and the PC can read its drive. Every address on your account was told that this key was viewed.
