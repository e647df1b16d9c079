# Geräte: die Liste, die Seite eines PCs, seine Aktivierung und Spezifikationen, Verknüpfen und Entfernen.

## Die Liste
devices-empty = Mit diesem Konto ist noch kein PC verknüpft. Führen Sie dies auf einem PC aus und geben Sie dann den angezeigten Code unter „PC verknüpfen“ ein:
devices-attention = Braucht Ihre Aufmerksamkeit
device-warn-activation = Windows ist nicht aktiviert
device-warn-hardware = Hardware geändert
device-warn-license = Lizenz auch in einem anderen Konto
device-warn-encryption = Geräteverschlüsselung ist aus
device-waiting = Wartet auf seinen ersten Bericht
device-offline = Offline · zuletzt gesehen { $ago }
device-last-seen = Zuletzt gesehen { $ago }
device-done-removed = Der PC wurde aus Ihrem Konto entfernt.

## Die Seite eines PCs
device-all = Alle Geräte
device-hardware-changed = Die Hardware dieses Geräts hat sich geändert. Wenn Windows seine Aktivierung verloren hat, übertragen Sie Ihre Lizenz mit „Ich habe kürzlich die Hardware dieses Geräts geändert“:
device-activation = Aktivierung
device-edition = Edition
device-channel = Kanal
device-product-key = Produktschlüssel
device-installed-key = Installierter Schlüssel
device-this-pc = Dieser PC
device-manufacturer = Hersteller
device-model = Modell
device-architecture = Architektur
device-os-build = Betriebssystembuild
device-agent = Agent
device-linked = Verknüpft
device-specs = Gerätespezifikationen
device-specs-none = Noch nicht gemeldet: Ein aktueller Agent sendet sie mit seinem nächsten Bericht.
device-specs-at = Gemeldet am { $at }.
device-find = Mein Gerät suchen
device-place = { $latitude }, { $longitude }, auf { $accuracy } m genau
device-map-alt = Karte, wo { $name } zuletzt war: { $place }
device-last-location = Letzter bekannter Standort { $ago } ({ $at })
device-open-map = In OpenStreetMap öffnen
device-earlier = Frühere Standorte (letzte 30 Tage)
device-map-credit = Kartendaten: Natural Earth (gemeinfrei), gezeichnet von diesem Portal.
device-find-no-location = Ein. Noch kein Standort: Der PC sendet einen, wenn „Mein Gerät suchen“ auch dort eingeschaltet ist.
device-find-off = Aus. Schalten Sie es ein, um zu sehen, wo dieser PC zuletzt war (sein Agent muss es ebenfalls erlauben). Standorte werden 30 Tage aufbewahrt.
device-find-turn-off = „Mein Gerät suchen“ ausschalten
device-find-turn-on = „Mein Gerät suchen“ einschalten
device-hardware = Hardwaredetails
device-hardware-on = Ein: Dieser PC teilt Hersteller, Modell und Spezifikationen und lässt Portico einen Hardwarewechsel erkennen (damit eine Lizenz einer neuen Hauptplatine folgen kann).
device-hardware-off = Aus: Die Hardwaredetails dieses PCs werden nicht aufbewahrt, und ein Hardwarewechsel kann nicht erkannt werden.
device-hardware-stop = Hardwaredetails nicht mehr teilen
device-hardware-share = Hardwaredetails teilen
device-privacy-page = Was jeder PC teilt, steht auch auf Ihrer Datenschutzseite:
device-recovery-on = { $n ->
    [0] Ein: Dieser PC sichert seine BitLocker-Wiederherstellungsschlüssel in Ihrem Konto. Sie kommen mit seinem nächsten Bericht.
    [one] Ein: Dieser PC sichert seine BitLocker-Wiederherstellungsschlüssel in Ihrem Konto (bisher 1 Schlüssel).
   *[other] Ein: Dieser PC sichert seine BitLocker-Wiederherstellungsschlüssel in Ihrem Konto (bisher { $n } Schlüssel).
}
device-recovery-see = Ihre Wiederherstellungsschlüssel ansehen
device-recovery-off = Aus. Schalten Sie es ein, um die BitLocker-Wiederherstellungsschlüssel dieses PCs in Ihrem Konto aufzubewahren, für den Tag, an dem er am Wiederherstellungsbildschirm stehen bleibt. Sie werden verschlüsselt gespeichert und erst angezeigt, nachdem Sie bestätigt haben, dass Sie es sind.
device-recovery-stop = Wiederherstellungsschlüssel nicht mehr sichern
device-recovery-stop-delete = Wiederherstellungsschlüssel nicht mehr sichern und löschen
device-recovery-start = BitLocker-Wiederherstellungsschlüssel sichern
device-manage = Name und Entfernen
device-remove-title = Diesen PC entfernen
device-reports = Letzte Berichte
device-reports-none = Noch kein Bericht: Der PC sendet seinen ersten direkt nach dem Verknüpfen.
device-done-renamed = Der Name wurde gespeichert.
device-done-location-on = „Mein Gerät suchen“ ist ein: Der Standort des PCs erscheint hier ab seinem nächsten Bericht.
device-done-location-off = „Mein Gerät suchen“ ist aus, und die für diesen PC aufbewahrten Standorte wurden gelöscht.
device-done-recovery-on = Die Sicherung der Wiederherstellungsschlüssel ist ein: Der PC sendet seine BitLocker-Wiederherstellungsschlüssel mit seinem nächsten Bericht.
device-done-recovery-off = Die Sicherung der Wiederherstellungsschlüssel ist aus, und die von diesem PC gesicherten Schlüssel wurden gelöscht.
device-done-hardware-on = Dieser PC teilt seine Hardwaredetails ab seinem nächsten Bericht wieder.
device-done-hardware-off = Dieser PC teilt keine Hardwaredetails mehr, und was davon aufbewahrt wurde, wurde gelöscht.

## Arten von PCs
device-laptop = Laptop
device-desktop = Desktop-PC
device-tablet = Tablet
device-server = Server
device-vm = Virtueller Computer
device-pc = PC

## Spezifikationen, wie Einstellungen › System › Info sie nennt
specs-processor = Prozessor
specs-cores = { $cores } Kerne
specs-cores-logical = { $cores } Kerne, { $logical } logische Prozessoren
specs-ram = Installierter RAM
specs-usable = { $size } verwendbar
specs-system-type = Systemtyp
specs-device-type = Gerätetyp
specs-tpm = TPM
specs-tpm-version = Vorhanden, Version { $version }
specs-tpm-present = Vorhanden
specs-tpm-missing = Nicht gefunden
specs-secure-boot = Sicherer Start
specs-storage = Speicher
specs-free = { $size } frei
specs-encryption = Geräteverschlüsselung
specs-on = Ein
specs-off = Aus
specs-suspended = Angehalten (das Volume ist ohne seinen Schlüssel lesbar)
specs-encrypting = Wird verschlüsselt
specs-decrypting = Wird entschlüsselt
specs-unknown = Unbekannt (das Volume ist vielleicht gesperrt)
specs-gb = { $size } GB
specs-tb = { $size } TB

## Aktivierung, wie Einstellungen › System › Aktivierung sie beschreibt
activation-kms-key = Ein KMS-Clientschlüssel aus der öffentlichen Liste von Microsoft: Der Aktivierungsdienst Ihrer Organisation aktiviert diesen PC. Es ist kein Produktschlüssel von Ihnen.
activation-generic-key = Ein allgemeiner Installationsschlüssel für diese Edition: Windows verwendet ihn mit einer digitalen Lizenz. Es ist kein Produktschlüssel von Ihnen.
activation-by-kms = Windows ist über den Aktivierungsdienst Ihrer Organisation aktiviert
activation-by-linked-digital = Windows ist mit einer digitalen Lizenz aktiviert, die mit Ihrem Portico-Konto verknüpft ist
activation-by-digital = Windows ist mit einer digitalen Lizenz aktiviert
activation-by-volume-key = Windows ist mit einem Produktschlüssel Ihrer Organisation aktiviert
activation-by-key = Windows ist mit einem Produktschlüssel aktiviert
activation-days-left = { $n ->
    [one] noch 1 Tag
   *[other] noch { $n } Tage
}
activation-none = Noch kein Aktivierungsstatus gemeldet.
activation-not-activated = Windows ist nicht aktiviert
activation-initial-grace = Windows ist noch nicht aktiviert: Es befindet sich in seiner ersten Kulanzfrist{ $grace }
activation-again = Windows muss erneut aktiviert werden{ $grace }
activation-not-genuine = Windows ist nicht aktiviert: Sein Schlüssel wurde als nicht echt gemeldet{ $grace }
activation-unlicensed = Windows ist nicht aktiviert: { $why }
activation-extended-grace = Windows befindet sich in einer verlängerten Kulanzfrist{ $grace }
activation-unknown = Windows hat einen Aktivierungsstatus gemeldet, den dieses Portal nicht kennt.
activation-advice-enter-key = Geben Sie unter Einstellungen › System › Aktivierung einen Produktschlüssel ein oder führen Sie dort die Problembehandlung für die Aktivierung aus.
activation-advice-connect = Verbinden Sie den PC mit dem Internet, damit Windows aktiviert werden kann, oder geben Sie einen Produktschlüssel ein.
activation-advice-hardware = Die Hardware hat sich geändert, oder der Aktivierungsdienst Ihrer Organisation war nicht erreichbar. Wenn Sie die Hardware geändert haben, verwenden Sie „Ich habe kürzlich die Hardware dieses Geräts geändert“.
activation-advice-genuine = Kaufen Sie einen echten Produktschlüssel oder wenden Sie sich an den Verkäufer dieses PCs.
activation-advice-settings = Öffnen Sie Einstellungen › System › Aktivierung, um einen Produktschlüssel einzugeben oder die Problembehandlung für die Aktivierung auszuführen.
activation-advice-before-end = Aktivieren Sie Windows, bevor die Frist endet.
activation-label-unknown = Unbekannt
activation-label-activated = Aktiviert
activation-label-not-activated = Nicht aktiviert
activation-label-grace = Kulanzfrist
activation-label-needs = Aktivierung nötig
activation-label-not-genuine = Nicht echt
activation-why-grace-ended = Seine Kulanzfrist ist abgelaufen
activation-why-not-genuine = Diese Kopie ist nicht echt
activation-why-no-license = Die Lizenz wurde nicht gefunden oder war ungültig
activation-why-other = Es konnte nicht aktiviert werden

## Einen PC verknüpfen und entfernen
link-lead = Geben Sie den Code ein, den Ihr PC anzeigt, wenn Sie Folgendes ausführen:
link-not-found = Dieser Code ist nicht richtig oder abgelaufen. Prüfen Sie den Code, den Ihr PC anzeigt, oder beginnen Sie auf dem PC neu.
link-ask-title = Diesen PC mit Ihrem Konto verknüpfen?
link-ask-lead = Der PC, der { $code } anzeigt, möchte an dieses Konto berichten.
link-pc-name = PC-Name
link-os = Betriebssystem
link-not-given = Nicht angegeben
link-shares-windows = Er teilt seine Windows-Edition, Version und seinen Aktivierungsstatus, die letzten fünf Zeichen seines Produktschlüssels (nie den ganzen Schlüssel), seine Spezifikationen (Prozessor, Arbeitsspeicher, Laufwerke, TPM, Sicherer Start und ob jedes Volume mit BitLocker verschlüsselt ist) und wann er zuletzt gesehen wurde.
link-shares-other = Er teilt sein Betriebssystem und dessen Version, Hersteller und Modell, seine Spezifikationen (Prozessor, Arbeitsspeicher, Laufwerke, TPM, Sicherer Start und ob jedes Volume verschlüsselt ist) und wann er zuletzt gesehen wurde.
link-share-location = Auch seinen Standort teilen („Mein Gerät suchen“). Sie können das später ausschalten.
link-share-recovery = Auch seine BitLocker-Wiederherstellungsschlüssel verschlüsselt in Ihrem Konto sichern. Sie können das später ausschalten, wodurch sie gelöscht werden.
link-approve = Zulassen
link-deny = Ablehnen
link-linked-title = PC verknüpft
link-not-linked-title = Nicht verknüpft
link-linked = { $name } ist verknüpft
link-linked-text = Gehen Sie zurück zu Ihrem PC: Er schließt die Verknüpfung in wenigen Sekunden selbst ab.
link-not-linked = { $name } wurde nicht verknüpft
link-not-linked-text = Der PC erfährt, dass er abgelehnt wurde. Wenn Sie das nicht begonnen haben, ist nichts weiter zu tun.
link-done = Fertig
device-name-help = Geben Sie einen Namen mit 1 bis 60 Zeichen ein.
device-remove-heading = { $name } entfernen?
device-remove-text = Er verlässt Ihr Konto: Sein Agent berichtet nicht mehr, seine Standorte werden gelöscht, und er erscheint nicht mehr unter „Geräte“. Um ihn wieder zu sehen, verknüpfen Sie ihn erneut mit:
device-remove-keys = { $n ->
    [one] Sein BitLocker-Wiederherstellungsschlüssel wird ebenfalls gelöscht.
   *[other] Seine { $n } BitLocker-Wiederherstellungsschlüssel werden ebenfalls gelöscht.
}
device-remove-keys-first = { $n ->
    [one] Wenn Sie ihn brauchen könnten, schreiben Sie ihn zuerst auf.
   *[other] Wenn Sie sie brauchen könnten, schreiben Sie sie zuerst auf.
}

## Lizenzen
license-empty = Es wurde noch keine Windows-Lizenz gemeldet. Lizenzen erscheinen hier, wenn ein verknüpfter PC eine meldet.
license-foreign = { $device } meldet eine Lizenz für { $license }, die zu einem anderen Portico-Konto gehört. Sie bleibt bei diesem Konto; wenn Sie diesen Schlüssel gekauft haben, wenden Sie sich an den Support.
license-also-elsewhere = Auch in einem anderen Konto
license-on = Auf { $device }
license-on-now = jetzt auf { $device }
license-no-pc = Kein PC
license-conflict = Ein PC eines anderen Portico-Kontos meldet diesen Schlüssel ebenfalls. Er bleibt mit Ihrem Konto verknüpft; es wurde nichts übertragen.
license-hardware-changed = Die Hardware dieses Geräts hat sich geändert
license-elsewhere = { $device } meldet diese Lizenz ebenfalls.
license-may-move = Wenn er { $device } ersetzt hat oder sich die Hardware dieses PCs geändert hat, können Sie die Lizenz auf ihn übertragen.
license-troubleshoot = Ich habe kürzlich die Hardware dieses Geräts geändert
license-history = Verlauf
license-held-from-to = { $hardware ->
    [yes] { $device } nach einem Hardwarewechsel, { $from } bis { $to }
   *[no] { $device }, { $from } bis { $to }
}
license-held-since = { $hardware ->
    [yes] { $device } nach einem Hardwarewechsel, seit { $from }
   *[no] { $device }, seit { $from }
}
license-done-moved = Die Lizenz wurde auf den gewählten PC übertragen.
license-kind-kms = Volumenlizenz Ihrer Organisation (KMS)
license-kind-mak = Volumenlizenz Ihrer Organisation (MAK)
license-kind-digital = Digitale Lizenz
license-kind-oem = Produktschlüssel des PC-Herstellers (OEM)
license-kind-key = Produktschlüssel
license-oem-fixed = Eine OEM-Lizenz gehört zu dem PC, mit dem sie geliefert wurde, auf seiner ursprünglichen Hauptplatine, und kann daher nicht auf ein anderes Gerät übertragen werden. Wurde die Hauptplatine im Rahmen der Garantie ersetzt, bleibt der PC durch die Reparatur des Herstellers aktiviert; andernfalls braucht die neue Hardware eine eigene Lizenz.
license-volume-fixed = Diese Lizenz wird von Ihrer Organisation verwaltet: Ihr Aktivierungsdienst entscheidet, wo sie verwendet wird. Fragen Sie Ihre IT-Abteilung.
license-too-many-moves = Diese Lizenz wurde in den letzten 90 Tagen { $n }-mal übertragen, so oft wie erlaubt. Versuchen Sie es nach dem { $at } erneut.
license-same-device = Dieser PC hat diese Lizenz bereits, und seine Hardware hat sich nicht geändert: Es gibt nichts zu übertragen.
license-choose-legend = Wählen Sie den PC, den Sie jetzt verwenden
license-choose-pc = Wählen Sie den PC, den Sie jetzt verwenden.
license-tick-this-device = Aktivieren Sie „Das ist das Gerät, das ich gerade verwende“, um fortzufahren.
license-holds = hat diese Lizenz jetzt
license-holds-changed = hat diese Lizenz jetzt; seine Hardware hat sich geändert
license-this-device = Das ist das Gerät, das ich gerade verwende
license-move-title = Lizenz auf { $device } übertragen?
license-move-same = Die Lizenz bleibt bei { $device } und wird mit seiner neuen Hardware verknüpft. Windows darauf wird bei der nächsten Prüfung mit der Lizenz aktiviert; um das jetzt zu tun, führen Sie die Problembehandlung für die Aktivierung unter Einstellungen › System › Aktivierung aus.
license-move-other = Die Lizenz verlässt { $holder } und wird mit { $device } verknüpft. Windows auf { $holder } wird dann nicht mehr durch sie aktiviert. Windows auf { $device } wird bei der nächsten Prüfung mit ihr aktiviert; um das jetzt zu tun, führen Sie die Problembehandlung für die Aktivierung unter Einstellungen › System › Aktivierung aus.
license-move-limit = Eine Lizenz kann in 90 Tagen dreimal übertragen werden.
license-move = Lizenz übertragen

## BitLocker-Wiederherstellungsschlüssel
recovery-title = BitLocker-Wiederherstellungsschlüssel
recovery-lead = Wenn ein PC am blauen BitLocker-Wiederherstellungsbildschirm stehen bleibt, zeigt er eine Wiederherstellungsschlüssel-ID. Suchen Sie hier den Schlüssel mit derselben ID und geben Sie seine 48 Ziffern am PC ein.
recovery-find = Schlüssel anhand seiner ID suchen
recovery-key-id-label = Schlüssel-ID (die ersten 8 Zeichen genügen)
recovery-show-the-key = Schlüssel anzeigen
recovery-backed-up = Gesicherte Schlüssel
recovery-empty = Es ist noch kein Wiederherstellungsschlüssel gesichert. Schalten Sie auf der Seite eines PCs „BitLocker-Wiederherstellungsschlüssel sichern“ ein: Seine Schlüssel kommen mit seinem nächsten Bericht.
recovery-gone = Nicht mehr auf diesem PC
recovery-key-id = Schlüssel-ID
recovery-screen-shows = der Wiederherstellungsbildschirm zeigt { $id }
recovery-backed-up-at = Gesichert am { $at }
recovery-removed-at = vom PC entfernt am { $at }
recovery-show = Schlüssel anzeigen
recovery-delete-open = Löschen…
recovery-delete-ask-on-pc = Den Schlüssel { $id } von { $device } löschen? Portico kann ihn erst wieder anzeigen, wenn der PC ihn erneut meldet.
recovery-delete-ask = Den Schlüssel { $id } von { $device } löschen? Portico kann ihn nicht mehr anzeigen.
recovery-delete = Diesen Schlüssel löschen
recovery-showing-needs = Zum Anzeigen eines Schlüssels ist eine kürzliche Anmeldung nötig, und jede Adresse Ihres Kontos wird benachrichtigt.
recovery-done-deleted = Der Wiederherstellungsschlüssel wurde gelöscht.
recovery-key-id-help = Geben Sie die Schlüssel-ID ein, die der Wiederherstellungsbildschirm Ihres PCs zeigt: mindestens die ersten 8 Zeichen (0–9 und A–F).
recovery-not-found = In diesem Konto ist kein Wiederherstellungsschlüssel gesichert, dessen ID mit { $id } beginnt. Prüfen Sie die ID auf dem Wiederherstellungsbildschirm: Der Schlüssel ist vielleicht in einem anderen Konto, oder dieser PC hat ihn nie gesichert.
recovery-all = Alle Wiederherstellungsschlüssel
recovery-shown-title = Ihr BitLocker-Wiederherstellungsschlüssel
recovery-shown-title-many = Ihre BitLocker-Wiederherstellungsschlüssel
recovery-several = Mehr als ein Schlüssel beginnt mit dieser ID: Prüfen Sie die ganze ID auf dem Wiederherstellungsbildschirm.
recovery-not-on-pc = dieser Schlüssel ist nicht mehr darauf
recovery-volume = Volume
recovery-key = Wiederherstellungsschlüssel
recovery-key-label = Wiederherstellungsschlüssel, 48 Ziffern
recovery-unopenable = Dieser Schlüssel kann nicht mehr geöffnet werden: Der geheime Schlüssel des Portals hat sich seit der Sicherung geändert. Der PC sichert ihn mit seinem nächsten Bericht erneut.
recovery-shown-note = Geben Sie die 48 Ziffern am Wiederherstellungsbildschirm des PCs ein. Geben Sie sie nicht weiter: Wer den Schlüssel und den PC hat, kann sein Laufwerk lesen. Jede Adresse Ihres Kontos wurde benachrichtigt, dass dieser Schlüssel angesehen wurde.
