# Datenschutz, das Konto schließen und „Waren Sie das?“.

## Datenschutz
privacy-lead = Was Portico über Sie aufbewahrt, wie lange, und was Ihre PCs teilen. Nichts wird verkauft oder mit anderen geteilt; Apps sehen nur, was Sie ihnen erlauben.
privacy-kept = Was wir aufbewahren
privacy-what = Was
privacy-how-long = Wie lange
privacy-managed-on = Verwaltet unter
privacy-days = { $n ->
    [one] 1 Tag
   *[other] { $n } Tage
}
privacy-kept-profile = Ihr Name, Ihre E-Mail-Adressen und Telefonnummern
privacy-kept-sessions = Angemeldete Browser (Browser, IP-Adresse, Zeiten)
privacy-kept-browsers = Browser, mit denen Sie sich angemeldet haben (eine zufällige Markierung, um Sie über neue zu informieren)
privacy-kept-activity = Letzte Aktivitäten (Anmeldungen, Änderungen, von wo)
privacy-kept-pcs = Ihre PCs und was sie melden (Windows-Edition, Aktivierung, Lizenzen)
privacy-kept-locations = Standorte Ihrer PCs (nur mit eingeschaltetem „Mein Gerät suchen“)
privacy-kept-recovery = BitLocker-Wiederherstellungsschlüssel (nur wenn Sie die Sicherung eingeschaltet haben; verschlüsselt)
privacy-kept-exports = Kopien Ihrer Daten, die Sie angefordert haben (unten)
privacy-kept-apps = Apps, denen Sie Ihr Konto erlauben, und was sie sehen dürfen
privacy-until-removed-or-closed = Bis Sie sie entfernen oder Ihr Konto schließen
privacy-until-sign-out = Bis Sie sich abmelden, höchstens { $days }
privacy-after-last-use = { $days } nach der letzten Verwendung
privacy-until-pc-removed = Bis Sie den PC entfernen; der Eintrag jedes Berichts { $days }
privacy-until-deleted = Bis Sie sie löschen oder den PC entfernen
privacy-until-access-removed = Bis Sie ihren Zugriff entfernen
privacy-download = Ihre Daten herunterladen
privacy-pcs = Was Ihre PCs teilen
privacy-no-pc = Es ist kein PC verknüpft.
privacy-pcs-lead = Das Ausschalten wirkt sofort: Wir löschen, was wir davon aufbewahrt haben, lassen es aus den nächsten Berichten des PCs weg, und der PC hört auf, es zu erfassen.
privacy-location-on = Standort („Mein Gerät suchen“): ein
privacy-location-off = Standort („Mein Gerät suchen“): aus
privacy-location-meta = Wo der PC war, 30 Tage aufbewahrt. Die Einstellung des PCs selbst muss es ebenfalls erlauben.
privacy-turn-on = Einschalten
privacy-turn-off = Ausschalten
privacy-location-for = Standort für { $name }
privacy-hardware-on = Hardwaredetails und Spezifikationen: ein
privacy-hardware-off = Hardwaredetails und Spezifikationen: aus
privacy-hardware-meta = Hersteller, Modell, Prozessor, Arbeitsspeicher, Laufwerke und die Prüfung, die einen Hardwarewechsel erkennt (damit eine Lizenz einer neuen Hauptplatine folgen kann).
privacy-hardware-for = Hardwaredetails für { $name }
privacy-recovery-on = BitLocker-Wiederherstellungsschlüssel: gesichert
privacy-recovery-off = BitLocker-Wiederherstellungsschlüssel: aus
privacy-recovery-meta = Verschlüsselt aufbewahrt, erst angezeigt, nachdem Sie bestätigt haben, dass Sie es sind. Für eine Änderung müssen Sie bestätigen, dass Sie es sind.
privacy-recovery-stop = Beenden und löschen
privacy-recovery-start = Sichern
privacy-for = für { $name }
privacy-diagnostics = Diagnosedaten: keine
privacy-diagnostics-meta = Der Agent von Portico sendet keine Absturzberichte und keine Nutzungsdaten.
privacy-notices = Sicherheitshinweise
privacy-notices-lead = Wir informieren Sie über Anmeldungen aus neuen Browsern, Kennwort- und Adressänderungen und angezeigte Wiederherstellungsschlüssel.
privacy-send-to = Senden an
privacy-to-primary = Meine primäre Adresse
privacy-to-all = Jede bestätigte Adresse und Telefonnummer
privacy-save = Speichern
privacy-export-ready = Ihre Kopie ({ $size }) kann bis { $until } heruntergeladen werden.
privacy-export-ready-keys = Ihre Kopie ({ $size }, mit Ihren Wiederherstellungsschlüsseln) kann bis { $until } heruntergeladen werden.
privacy-export-preparing = Wir bereiten Ihre Kopie vor. Wir sagen Ihnen Bescheid, wenn sie fertig ist, meist innerhalb einer Minute.
privacy-export-lead = Eine ZIP-Datei mit allem oben, als JSON, und eine README. Für die Anforderung ist eine kürzliche Anmeldung nötig.
privacy-export-with-keys = Meine BitLocker-Wiederherstellungsschlüssel einschließen (bewahren Sie die Datei sicher auf)
privacy-export-prepare = Eine Kopie meiner Daten vorbereiten
privacy-close-lead = Meldet Sie jetzt überall ab und löscht Ihr Konto und was wir über Sie aufbewahren nach einer Frist, in der Sie es wieder öffnen können.
privacy-done-notices = Wohin Sicherheitshinweise gehen, wurde gespeichert.
privacy-done-export-requested = Wir bereiten eine Kopie Ihrer Daten vor. Wir sagen Ihnen Bescheid, wenn sie fertig ist.
privacy-done-export-waiting = Eine Kopie Ihrer Daten wird bereits vorbereitet.
privacy-done-location-on = „Mein Gerät suchen“ ist für diesen PC eingeschaltet.
privacy-done-location-off = „Mein Gerät suchen“ ist für diesen PC ausgeschaltet; seine Standorte wurden gelöscht.
privacy-done-hardware-on = Dieser PC teilt seine Hardwaredetails ab seinem nächsten Bericht wieder.
privacy-done-hardware-off = Dieser PC teilt keine Hardwaredetails mehr; was davon aufbewahrt wurde, wurde gelöscht.
privacy-done-recovery-on = Dieser PC sichert seine BitLocker-Wiederherstellungsschlüssel ab seinem nächsten Bericht.
privacy-done-recovery-off = Dieser PC sichert seine Wiederherstellungsschlüssel nicht mehr; die aufbewahrten wurden gelöscht.

## Das Konto schließen
close-title = Konto schließen
close-when = Wenn Sie Ihr Konto schließen:
close-now = werden Sie sofort überall abgemeldet, Ihre PCs berichten nicht mehr, und Apps, die Ihr Konto verwenden, verlieren ihren Zugriff;
close-told = wird jede bestätigte E-Mail-Adresse und Telefonnummer darauf benachrichtigt;
close-grace = { $n ->
    [one] bietet die Anmeldung 1 Tag lang an, es wieder zu öffnen, mit allem, wie es war;
   *[other] bietet die Anmeldung { $n } Tage lang an, es wieder zu öffnen, mit allem, wie es war;
}
close-deleted = danach löschen wir es endgültig: Ihre Adressen, PCs und ihre Berichte, Standorte, die Verknüpfungen der Lizenzen, Wiederherstellungsschlüssel, Anmeldeanbieter und App-Zugriffe. Ihre Adressen können weitere 30 Tage nicht für ein anderes Konto verwendet werden.
close-instead = Wenn Sie nur einen PC oder eine App stoppen möchten, entfernen Sie stattdessen diesen:
close-understand = { $n ->
    [one] Ich verstehe: Mein Konto wird jetzt geschlossen und in 1 Tag gelöscht, wenn ich es nicht wieder öffne
   *[other] Ich verstehe: Mein Konto wird jetzt geschlossen und in { $n } Tagen gelöscht, wenn ich es nicht wieder öffne
}
close-submit = Mein Konto schließen
close-tick = Aktivieren Sie das Kästchen, um zu bestätigen, dass Sie verstehen, was das Schließen Ihres Kontos bewirkt.
close-not-active = Dieses Konto kann nicht geschlossen werden: Es wird bereits geschlossen oder ist deaktiviert.
close-closing-title = Ihr Konto wird geschlossen
close-signed-out = Sie wurden überall abgemeldet.
close-deleted-on = Wir löschen es am { $date } endgültig. Bis dahin können Sie sich anmelden, um es wieder zu öffnen.
close-start-page = Zur Startseite
close-reopen-title = Ihr Konto wieder öffnen?
close-reopen-lead = Dieses Konto wird geschlossen: Wir löschen es am { $date } endgültig. Öffnen Sie es wieder, um sich anzumelden und alles so zu behalten, wie es war.
close-reopen = Ihr Konto wieder öffnen
close-keep-closed = Geschlossen lassen
close-stays-closed = Ihr Konto bleibt geschlossen
close-stays-closed-text = Wir löschen es am { $date } endgültig. Bis dahin können Sie es durch eine Anmeldung noch wieder öffnen.
close-offer-expired = Dieses Angebot, Ihr Konto wieder zu öffnen, ist abgelaufen. Melden Sie sich erneut an, um es zu sehen.

## „Waren Sie das?“
alert-title = Waren Sie das?
alert-lead = Jemand hat sich aus einem Browser bei Ihrem Konto angemeldet, der bisher nicht verwendet wurde.
alert-when = Wann
alert-browser = Browser
alert-ip = IP-Adresse
alert-me = Das war ich
alert-thanks = Danke fürs Prüfen
alert-kept = Die Anmeldung vom { $at } ist als Ihre markiert.
alert-nothing-more = Es ist nichts weiter zu tun.
alert-ended-title = Dieser Browser wurde abgemeldet
alert-ended = Die Anmeldung vom { $at } aus { $browser } hat keinen Zugriff mehr auf Ihr Konto.
alert-ended-text = Jemand wusste, wie man sich als Sie anmeldet. Wählen Sie jetzt ein neues Kennwort und verwenden Sie dazu eine Adresse, die nur Sie erreichen; sehen Sie dann Ihre letzten Aktivitäten nach allem durch, was Sie nicht getan haben.
alert-review = Ihre letzten Aktivitäten prüfen
alert-gone-text = Er wurde bereits beantwortet oder ist älter als 30 Tage. Wenn jemand anderes Ihr Konto verwendet, setzen Sie Ihr Kennwort zurück.
