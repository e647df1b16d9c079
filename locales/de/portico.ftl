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
time-at = { $day }. { $month ->
    [1] Jan
    [2] Feb
    [3] Mär
    [4] Apr
    [5] Mai
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Okt
    [11] Nov
   *[12] Dez
 } { $year }, { $time } { $zone }
time-day = { $day }. { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
 } { $year }
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

## Formularfehler und Ablehnungen (in Rust erzeugt)
signin-no-match = Diese E-Mail-Adresse oder Telefonnummer und dieses Kennwort passen zu keinem Konto. Prüfen Sie Ihre Eingaben und versuchen Sie es erneut.
signin-throttled = Zu viele falsche Kennwörter. Versuchen Sie es in { $wait } erneut oder melden Sie sich stattdessen mit einem Code an.
signin-network-throttled = Zu viele fehlgeschlagene Anmeldungen aus diesem Netzwerk. Versuchen Sie es in { $wait } erneut.
signin-too-many-accounts = In diesem Browser sind bereits { $max } Konten angemeldet. Melden Sie sich zuerst von einem ab.
signup-too-many-accounts = { $first } Geben Sie dann den Code erneut ein.
signup-address-taken = Diese Adresse gehört bereits zu einem Konto und kann daher nicht für ein neues verwendet werden. Melden Sie sich stattdessen an.
signup-expired-title = Diese Registrierung ist abgelaufen
signup-expired-text = Eine Registrierung wartet eine Stunde auf ihren Code. Es wurde nichts erstellt; beginnen Sie neu, dann senden wir einen neuen Code.
signup-start-again = Neu beginnen
code-enter-six = Geben Sie den 6-stelligen Code aus der Nachricht ein.
code-did-not-work-ask-again = Dieser Code hat nicht funktioniert. Gehen Sie zurück und fordern Sie einen neuen an.
code-did-not-work-start-again = Dieser Code hat nicht funktioniert. Beginnen Sie neu, um einen neuen zu erhalten.
form-enter-address = Geben Sie eine E-Mail-Adresse oder eine Telefonnummer ein.
form-enter-name = Geben Sie Ihren Namen ein.
form-name-too-long = Verwenden Sie höchstens 100 Zeichen in einer Zeile.
form-phone-unparseable = Geben Sie eine Telefonnummer mit Landesvorwahl ein, etwa +49 151 23456789, oder wählen Sie ihr Land.
form-phone-invalid = Das ist keine gültige Telefonnummer.
form-email-invalid = Geben Sie eine E-Mail-Adresse ein, etwa name@example.com.
form-email-too-long = Diese E-Mail-Adresse ist zu lang.
form-password-short = Verwenden Sie mindestens { $n } Zeichen.
form-password-long = Verwenden Sie höchstens { $n } Zeichen.
form-password-personal = Verwenden Sie in Ihrem Kennwort nicht Ihren Namen, Ihre E-Mail-Adresse oder Telefonnummer.
form-password-weak = Dieses Kennwort ist zu leicht zu erraten. Versuchen Sie es mit einigen Wörtern, die nichts miteinander zu tun haben.
send-sms-country = An dieses Land können wir noch keine SMS senden.
send-sms-kind = An { $kind } können wir keine SMS senden.
send-sms-refused = { $why } Verwenden Sie eine E-Mail-Adresse oder eine andere Nummer.
send-resend-wait = Sie können in { $wait } einen neuen Code anfordern.
send-resend-finished = Dieser Code kann nicht erneuert werden. Beginnen Sie neu, um einen neuen zu erhalten.
phone-kind-mobile = Mobilnummern
phone-kind-fixed-or-mobile = Nummern wie diese
phone-kind-landline = Festnetznummern
phone-kind-toll-free = gebührenfreie Nummern
phone-kind-premium = Mehrwertnummern
phone-kind-shared-cost = Nummern mit geteilten Kosten
phone-kind-personal = persönliche (Weiterleitungs-)Nummern
phone-kind-voip = Internet-Nummern (VoIP)
phone-kind-pager = Pager
phone-kind-company = Firmennummern
phone-kind-voicemail = Mailbox-Nummern
phone-kind-other = Nummern dieser Art
limit-try-again = { $reason }. Versuchen Sie es in { $wait } erneut.
limit-codes-network = Aus Ihrem Netzwerk wurden zu viele Codes angefordert
limit-codes-address = An diese Adresse wurden zu viele Codes gesendet
limit-codes-account = Für dieses Konto wurden zu viele Codes gesendet
limit-sms-numbers = An Nummern wie diese wurden zu viele SMS gesendet
limit-sms-budget = SMS sind gerade nicht verfügbar
limit-passkeys-network = Aus diesem Netzwerk wurden zu viele Anmeldungen mit Passkey begonnen
limit-link-network = Zu viele Verknüpfungsanfragen aus diesem Netzwerk
limit-link-codes-account = Für dieses Konto wurden zu viele Codes ausprobiert
limit-link-codes-network = Aus diesem Netzwerk wurden zu viele Codes ausprobiert
limit-token-network = Zu viele fehlgeschlagene Token-Anfragen aus diesem Netzwerk

## Länder des Telefonnummernfelds
country-us = Vereinigte Staaten
country-ca = Kanada
country-gb = Vereinigtes Königreich
country-ie = Irland
country-de = Deutschland
country-at = Österreich
country-ch = Schweiz
country-fr = Frankreich
country-be = Belgien
country-nl = Niederlande
country-es = Spanien
country-pt = Portugal
country-it = Italien
country-pl = Polen
country-se = Schweden
country-au = Australien
country-nz = Neuseeland
country-in = Indien

## Kennwort zurücksetzen
reset-title = Kennwort zurücksetzen
reset-lead = Geben Sie eine E-Mail-Adresse oder Telefonnummer Ihres Kontos ein. Wenn sie dazugehört, senden wir einen Code dorthin.
reset-send-code = Code senden
reset-back = Zurück zur Anmeldung
reset-new-title = Neues Kennwort wählen
reset-new-lead = Jedes bei Ihrem Konto angemeldete Gerät wird abgemeldet.
reset-new-password = Neues Kennwort
reset-change = Kennwort ändern
reset-expired = Diese Zurücksetzung ist abgelaufen oder wurde bereits verwendet. Beginnen Sie neu, um einen neuen Code zu erhalten.
reset-used = Diese Zurücksetzung wurde bereits verwendet. Beginnen Sie neu, um einen neuen Code zu erhalten.
reset-done-title = Kennwort geändert
reset-done-heading = Ihr Kennwort wurde geändert
reset-done-text = Jedes Gerät, das bei Ihrem Konto angemeldet war, wurde abgemeldet, und wir haben Ihre Adressen benachrichtigt.

## Bestätigen, dass Sie es sind
reauth-title = Bestätigen Sie, dass Sie es sind
reauth-password-lead = Dies ist eine sensible Änderung. Geben Sie das Kennwort von { $alias } ein, um fortzufahren; Sie werden 10 Minuten lang nicht erneut gefragt.
reauth-code-lead-send = Dies ist eine sensible Änderung. Wir senden einen Code an { $destination }, um fortzufahren; Sie werden 10 Minuten lang nicht erneut gefragt.
reauth-code-lead-sent = Dies ist eine sensible Änderung. Geben Sie den Code ein, den wir an { $destination } gesendet haben, um fortzufahren; Sie werden 10 Minuten lang nicht erneut gefragt.
reauth-provider-lead = Dies ist eine sensible Änderung. Melden Sie sich erneut mit dem hier verknüpften Konto an, um fortzufahren.
reauth-passkey = Mit einem Passkey bestätigen
reauth-or = Oder:
reauth-confirm = Bestätigen
reauth-with-provider = Mit { $provider } bestätigen
reauth-cancel = Abbrechen
reauth-throttled = Zu viele falsche Kennwörter. Versuchen Sie es in { $wait } erneut.
reauth-no-password = Dieses Konto hat kein Kennwort. Melden Sie sich ab und mit einem Code wieder an, um zu bestätigen, dass Sie es sind.
reauth-wrong-password = Dieses Kennwort ist nicht richtig. Versuchen Sie es erneut.
reauth-code-expired = Dieser Code ist abgelaufen. Senden Sie einen neuen.
reauth-code-used = Dieser Code kann nicht mehr verwendet werden. Senden Sie einen neuen.
reauth-no-address = Dieses Konto hat keine bestätigte Adresse, an die ein Code gesendet werden kann.
