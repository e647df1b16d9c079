# Letzte Aktivitäten: die Seite und der einzeilige Titel jedes Ereignisses (activity-<Art>).

activity-lead = Anmeldungen, Kennwortänderungen und andere Sicherheitsereignisse der letzten 90 Tage. Wenn etwas davon nicht Sie waren, schützen Sie Ihr Konto:
activity-empty = Noch keine Aktivitäten.
activity-check = Bitte prüfen
activity-unanswered = Ungewöhnlich: Waren Sie das? Antworten Sie über die E-Mail, die wir gesendet haben
activity-yours = Sie haben bestätigt, dass Sie es waren
activity-not-yours = Nicht Sie: abgemeldet

## Was ein Titel nennt, wenn das Ereignis es nicht sagt
activity-some-provider = einem anderen Anbieter
activity-some-alias = eine Adresse
activity-some-device = ein PC
activity-some-license = eine Lizenz
activity-some-passkey = ein Passkey
activity-some-app = eine App
activity-some-browser = unbekannter Browser

## Ereignisse
activity-account-created = Konto erstellt
activity-sign-in-code = Mit einem Code angemeldet
activity-sign-in-sign-up = Nach dem Erstellen des Kontos angemeldet
activity-sign-in-provider = Mit { $provider } angemeldet
activity-sign-in-password = Mit Ihrem Kennwort angemeldet
activity-sign-in-failed = Anmeldeversuch mit falschem Kennwort
activity-reauthenticated = Identität für eine sensible Änderung bestätigt
activity-password-changed = Kennwort geändert
activity-password-reset = Kennwort mit einem Code zurückgesetzt
activity-name-changed = Name geändert
activity-signed-out = Abgemeldet
activity-session-ended = Eine Sitzung auf der Seite „Sicherheit“ abgemeldet
activity-other-sessions-ended = { $n ->
    [one] 1 andere Sitzung abgemeldet
   *[other] { $n } andere Sitzungen abgemeldet
}
activity-account-secured = Konto geschützt: Alle Sitzungen beendet
activity-change-undone = Eine Änderung über einen Hinweis rückgängig gemacht („Das war ich nicht“); alle Sitzungen beendet
activity-alias-added = { $alias } hinzugefügt
activity-alias-removed = { $alias } entfernt
activity-alias-made-primary = { $alias } als primäre Adresse festgelegt
activity-alias-sign-in-changed = { $allowed ->
    [yes] { $alias } zum Anmelden erlaubt
   *[no] { $alias } wird nicht mehr zum Anmelden verwendet
}
activity-identity-linked = Ihr { $provider }-Konto verknüpft
activity-identity-unlinked = Ihr { $provider }-Konto getrennt
activity-provider-failed = Eine Anmeldung mit { $provider } ist fehlgeschlagen
activity-device-linked = Gerät verknüpft: { $device }
activity-device-removed = Gerät entfernt: { $device }
activity-license-moved = Lizenz übertragen: { $license } auf { $device } nach einem Hardwarewechsel
activity-device-location = { $enabled ->
    [yes] „Mein Gerät suchen“ für { $device } eingeschaltet
   *[no] „Mein Gerät suchen“ für { $device } ausgeschaltet
}
activity-recovery-keys-backup = { $enabled ->
    [yes] Sicherung der BitLocker-Wiederherstellungsschlüssel für { $device } eingeschaltet
   *[no] Sicherung der BitLocker-Wiederherstellungsschlüssel für { $device } ausgeschaltet (seine Schlüssel gelöscht)
}
activity-recovery-key-shown = BitLocker-Wiederherstellungsschlüssel { $key } von { $device } angezeigt
activity-recovery-key-deleted = BitLocker-Wiederherstellungsschlüssel { $key } von { $device } gelöscht
activity-password-removed = Kennwort entfernt: Anmeldung mit Passkeys und Codes
activity-passkey-added = Passkey hinzugefügt: { $passkey }
activity-passkey-removed = Passkey entfernt: { $passkey }
activity-passkey-cloned = Ein Passkey, der wie eine Kopie aussah, wurde abgelehnt
activity-app-sign-in = Bei { $app } angemeldet
activity-app-access-removed = Zugriff für { $app } entfernt
activity-account-disabled = Konto von einem Administrator deaktiviert
activity-account-enabled = Konto von einem Administrator wieder aktiviert
activity-sessions-ended-by-operator = Von einem Administrator überall abgemeldet
activity-device-revoked-by-operator = Verknüpfung eines PCs von einem Administrator beendet
activity-export-requested = Eine Kopie Ihrer Daten wurde angefordert
activity-export-ready = Eine Kopie Ihrer Daten stand zum Herunterladen bereit
activity-export-downloaded = Eine Kopie Ihrer Daten wurde heruntergeladen
activity-account-closing = Konto geschlossen: Es wird nach seiner Frist gelöscht
activity-account-reopened = Konto wieder geöffnet
activity-notices-changed = { $to ->
    [all] Sicherheitshinweise gehen jetzt an jede bestätigte Adresse
   *[other] Sicherheitshinweise gehen jetzt an die primäre Adresse
}
activity-device-hardware-sharing = { $enabled ->
    [yes] Hardwaredetails von { $device } werden wieder geteilt
   *[no] Hardwaredetails von { $device } werden nicht mehr geteilt
}
activity-unusual-sign-in = Anmeldung von einem für dieses Konto neuen Browser: { $browser }
activity-unusual-sign-in-confirmed = Sie haben bestätigt, dass die Anmeldung im neuen Browser von Ihnen war
activity-unusual-sign-in-disowned = Sie haben angegeben, dass die Anmeldung im neuen Browser nicht von Ihnen war: Er wurde abgemeldet
activity-reset-sent-by-operator = Ein Code zum Zurücksetzen des Kennworts wurde von einem Administrator gesendet
