# Was viele Seiten teilen: das Kontomenü, die Startseite, Fehlerseiten, die Code-Seite.

## Das Kontomenü
menu-open = { $alias }: Kontomenü öffnen
menu-account = Ihr Konto
menu-security = Sicherheit
menu-activity = Letzte Aktivitäten
menu-devices = Geräte
menu-licenses = Lizenzen
menu-apps = Apps und Dienste
menu-privacy = Datenschutz
menu-link = PC verknüpfen
menu-other-accounts = Weitere Konten
menu-signed-out = Abgemeldet: erneut anmelden
menu-another = Mit einem anderen Konto anmelden
menu-sign-out = Abmelden
menu-sign-out-all = Von allen Konten abmelden

## Die Startseite des Kontos
home-hello = Hallo, { $name }
home-signed-in-with = Sie sind angemeldet mit { $alias }.
home-info-text = Ihr Name sowie die E-Mail-Adressen und Telefonnummern, mit denen Sie sich anmelden.
home-security-text = Wo Sie angemeldet sind, Ihr Kennwort und was in Ihrem Konto geschehen ist:
home-devices-text = Mit Ihrem Konto verknüpfte PCs und ihre Lizenzen:

## Ein Formular eines Kontos, das nicht mehr angemeldet ist
signed-out-title = Es wurde nichts geändert
signed-out-named = { $name } ist in diesem Browser nicht mehr angemeldet, daher wurde dieses Formular nicht gesendet. Melden Sie sich erneut an und versuchen Sie es dann noch einmal.
signed-out-unnamed = Dieses Formular gehört zu einem Konto, das in diesem Browser nicht mehr angemeldet ist (es wurde abgemeldet, vielleicht in einem anderen Tab), daher wurde es nicht gesendet.
signed-out-sign-in = Erneut anmelden

## Fehlerseiten
error-status = Fehler { $status }
error-home = Zur Startseite
error-request-id = Anfrage-ID:
error-not-found = Seite nicht gefunden
error-not-found-text = Unter dieser Adresse gibt es nichts. Prüfen Sie den Link oder beginnen Sie auf der Startseite neu.
error-unauthorized = Sie sind bei diesem Konto nicht angemeldet
error-unauthorized-text = Es wurde vielleicht abgemeldet oder seine Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren.
error-forbidden = Diese Anfrage wurde abgelehnt
error-forbidden-text = Das Formular ist vielleicht abgelaufen oder kam von einer anderen Website. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.
error-method = Diese Aktion ist hier nicht verfügbar
error-method-text = Diese Adresse nimmt diese Art von Anfrage nicht an. Gehen Sie zurück und versuchen Sie es auf der Seite erneut.
error-timeout = Das hat zu lange gedauert
error-timeout-text = Die Anfrage wurde nicht rechtzeitig fertig. Bitte versuchen Sie es noch einmal.
error-too-large = Das war zu viel zum Senden
error-too-large-text = Das gesendete Formular oder die Datei ist größer, als wir annehmen.
error-unavailable = Portico ist gerade nicht erreichbar
error-unavailable-text = Versuchen Sie es gleich noch einmal. Was Sie gerade gesendet haben, ist nicht geschehen, und nichts wurde geändert: Gehen Sie zurück, um Ihre Eingaben zu behalten, und senden Sie sie erneut.
error-server = Bei uns ist etwas schiefgelaufen
error-server-text = Wir konnten Ihre Anfrage nicht abschließen. Es lag nicht an Ihnen; bitte versuchen Sie es gleich noch einmal.
error-other = Wir konnten diese Anfrage nicht bearbeiten
error-other-text = Gehen Sie zurück und versuchen Sie es noch einmal. Wenn es immer wieder passiert, wenden Sie sich mit der unten stehenden Anfrage-ID an den Support.

## Die Code-Seite
code-title = Code eingeben
code-sent-by-email = Wir haben am { $at } einen Code per E-Mail an { $destination } gesendet.
code-sent-by-text = Wir haben am { $at } einen Code per SMS an { $destination } gesendet.
code-valid-until = Er gilt einmal, bis { $until }: Wenn Sie mehrmals angefordert haben, ist weiterhin derselbe Code einzugeben.
code-expired = Er ist abgelaufen: Fordern Sie unten einen neuen an.
code-label = Code
code-resend = Neuen Code senden
code-resend-in = { $n ->
    [one] verfügbar in 1 Sekunde
   *[other] verfügbar in { $n } Sekunden
}
code-resent = Wir haben einen neuen Code an { $destination } gesendet.
code-wrong = { $n ->
    [one] Dieser Code hat nicht funktioniert. Prüfen Sie ihn und versuchen Sie es erneut (noch 1 Versuch).
   *[other] Dieser Code hat nicht funktioniert. Prüfen Sie ihn und versuchen Sie es erneut (noch { $n } Versuche).
}
code-expired-error = Dieser Code ist abgelaufen. Fordern Sie unten einen neuen an.
code-used-up = Dieser Code kann nicht mehr verwendet werden. Beginnen Sie neu, um einen neuen zu erhalten.
code-submit-sign-in = Anmelden
code-submit-sign-up = Konto erstellen
code-submit-continue = Weiter
code-submit-verify = Bestätigen
code-other-password = Stattdessen Kennwort verwenden
code-other-address = Andere Adresse verwenden

## Ein Browser, wie man ihn erkennt
browser-on = { $browser } unter { $os }
browser-unknown = Unbekannter Browser
