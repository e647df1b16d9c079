# Portico auf Deutsch. Was hier fehlt, erscheint auf Englisch.

## Der Rahmen jeder Seite
layout-skip = Zum Inhalt springen
layout-dev-banner = Entwicklungsmodus: nicht für echte Konten.
layout-dev-all-outbox = Codes und Nachrichten landen im <a href="/dev/outbox">Entwicklungs-Postausgang</a>.
layout-dev-email-outbox = E-Mails landen im <a href="/dev/outbox">Entwicklungs-Postausgang</a>; SMS werden über Twilio verschickt.
layout-dev-sms-outbox = E-Mails werden über den SMTP-Server verschickt; SMS landen im <a href="/dev/outbox">Entwicklungs-Postausgang</a>.
layout-dev-none-outbox = E-Mails werden über den SMTP-Server verschickt, SMS über Twilio.
layout-account-nav = Konto
layout-elevated = { $minutes ->
    [one] Sie haben bestätigt, dass Sie es sind: Für heikle Änderungen brauchen Sie noch { $minutes } Minute lang kein Kennwort.
   *[other] Sie haben bestätigt, dass Sie es sind: Für heikle Änderungen brauchen Sie noch { $minutes } Minuten lang kein Kennwort.
}
layout-footer-tagline = Portico – Ihr Konto, Ihre Geräte.
layout-footer-nav = Fußzeile
layout-footer-status = Status
layout-language = Sprache
layout-sign-in = Anmelden

## Die Startseite
landing-title = Ihr Konto an einem Ort
landing-lead = Melden Sie sich mit jeder Ihrer E-Mail-Adressen oder Telefonnummern an, halten Sie sie aktuell, wechseln Sie zwischen Konten und sehen Sie die PCs und Lizenzen, die mit Ihnen verknüpft sind.
landing-go-to-account = Zu Ihrem Konto
landing-another-account = Mit einem anderen Konto anmelden
landing-sign-in = Anmelden
landing-create = Konto erstellen
landing-features = Was Sie tun können
landing-info-title = Ihre Infos
landing-info-text = Fügen Sie eine E-Mail-Adresse oder Telefonnummer hinzu, bestätigen Sie sie mit einem Code und legen Sie fest, mit welchen Sie sich anmelden.
landing-accounts-title = Mehrere Konten
landing-accounts-text = Bleiben Sie gleichzeitig bei Arbeits- und Privatkonten angemeldet und wechseln Sie über das Menü.
landing-devices-title = Geräte und Lizenzen
landing-devices-text = Verknüpfen Sie einen PC, sehen Sie seinen Aktivierungsstatus und übertragen Sie eine digitale Lizenz nach einem Hardwarewechsel.

## Anmelden
signin-title = Anmelden
signin-address = E-Mail-Adresse oder Telefonnummer
signin-password = Kennwort
signin-keep = Angemeldet bleiben
signin-submit = Anmelden
signin-code-instead = Stattdessen einen Code per E-Mail oder SMS senden
signin-passkey = Mit einem Passkey anmelden
signin-other-ways = Andere Anmeldemöglichkeiten
signin-with-provider = Mit { $provider } anmelden
signin-forgot = Kennwort vergessen?
signin-no-account = Noch kein Konto?
signin-create = Jetzt erstellen
region-label = Land, für eine Telefonnummer ohne + und Landesvorwahl
region-none = Keins: Ich gebe die Landesvorwahl mit + ein

## Registrieren
signup-title = Konto erstellen
signup-lead = Wir senden einen Code an Ihre E-Mail-Adresse oder Telefonnummer, um zu prüfen, dass sie Ihnen gehört.
signup-check-form = Bitte prüfen Sie das Formular:
signup-name = Ihr Name
signup-address = E-Mail-Adresse oder Telefonnummer
signup-address-hint = Beginnen Sie eine Telefonnummer mit + und der Landesvorwahl, etwa +49 151 12345678, oder wählen Sie unten das Land.
signup-use-passkey = Passkey statt Kennwort erstellen
signup-use-passkey-hint = Melden Sie sich mit Gesichtserkennung, Fingerabdruck oder Bildschirmsperre dieses Geräts an. Den Passkey erstellen Sie direkt nach dem Code; lassen Sie das Kennwort leer.
signup-password = Kennwort
signup-password-hint = Mindestens 8 Zeichen. Ein paar Wörter, die nichts miteinander zu tun haben, ergeben ein starkes Kennwort.
signup-next = Weiter
signup-have-account = Sie haben schon ein Konto?
signup-sign-in = Anmelden

## Times and waits (crate::text)
time-just-now = gerade eben
time-minutes-ago = { $n ->
    [one] vor 1 Minute
   *[other] vor { $n } Minuten
}
time-hours-ago = { $n ->
    [one] vor 1 Stunde
   *[other] vor { $n } Stunden
}
time-days-ago = { $n ->
    [one] vor 1 Tag
   *[other] vor { $n } Tagen
}
wait-seconds = { $n ->
    [one] 1 Sekunde
   *[other] { $n } Sekunden
}
wait-minutes = { $n ->
    [one] 1 Minute
   *[other] { $n } Minuten
}
wait-hours = { $n ->
    [one] 1 Stunde
   *[other] { $n } Stunden
}
