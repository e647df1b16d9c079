# E-Mails und SMS, in der Sprache des Empfängerkontos.

## Gemeinsam
mail-when = Wann: { $at }
mail-from = Von: { $from }
mail-if-you = Wenn Sie das waren,
mail-nothing-more = ist nichts weiter zu tun.
mail-not-me = Das war ich nicht
mail-sms-not-you = Nicht Sie?

## Ein Code
mail-code-subject = { $code } ist Ihr { $product }-Code
mail-code-is = Ihr { $product }-Code lautet:
mail-code-is-html = Ihr Code lautet:
mail-code-use = Verwenden Sie ihn, { $why }. Er gilt einmal und läuft in { $minutes } Minuten ab.
mail-code-ignore =
    Wenn Sie diesen Code nicht angefordert haben, können Sie diese Nachricht ignorieren: Vielleicht
    hat jemand Ihre Adresse versehentlich eingegeben, und ohne den Code ändert sich nichts. Geben Sie
    ihn nie weiter; { $product } fragt Sie nie per Telefon oder E-Mail danach.
mail-code-sms = { $code } ist Ihr { $product }-Code, { $why }. Läuft in { $minutes } Min. ab. Nie weitergeben.
mail-why-sign-up = um das Erstellen Ihres Kontos abzuschließen
mail-why-verify-alias = um diese Adresse Ihrem Konto hinzuzufügen
mail-why-reset = um Ihr Kennwort zurückzusetzen
mail-why-sign-in = um sich anzumelden
mail-why-confirm-change = um vor einer Änderung an Ihrem Konto zu bestätigen, dass Sie es sind
mail-why-other = um zu bestätigen, dass Sie es sind

## Jemand hat sich mit einer Adresse registriert, die schon ein Konto hat
mail-signup-exists-subject = Jemand wollte mit dieser Adresse ein { $product }-Konto erstellen
mail-signup-exists =
    Jemand hat gerade versucht, mit dieser Adresse ein neues { $product }-Konto zu erstellen,
    obwohl sie bereits zu einem Konto gehört. Wir haben kein zweites erstellt.
mail-signup-exists-yours =
    Wenn Sie das waren: Sie haben bereits ein Konto. Melden Sie sich unter { $url }signin an
    oder verwenden Sie dort „Kennwort vergessen?“, wenn Sie Ihr Kennwort nicht mehr wissen.
mail-signup-exists-not-yours =
    Wenn Sie das nicht waren: Sie müssen nichts tun. Niemand kann diese Adresse ohne einen
    hierher gesendeten Code für ein anderes Konto verwenden.
mail-signup-exists-sms = Jemand wollte mit dieser Nummer ein neues { $product }-Konto erstellen; sie hat bereits eines. Wenn Sie das waren, melden Sie sich unter { $url }signin an. Sonst ignorieren Sie dies.

## Kennwort geändert oder entfernt, Konto geschützt
mail-password-changed-subject = Ihr { $product }-Kennwort wurde geändert
mail-password-changed = { $ended ->
    [yes] Das Kennwort Ihres { $product }-Kontos wurde gerade geändert, und jedes bei dem
        Konto angemeldete Gerät wurde abgemeldet.
   *[no] Das Kennwort Ihres { $product }-Kontos wurde gerade geändert.
}
mail-password-changed-not-you =
    Wenn Sie das nicht waren, hat vielleicht jemand Zugriff auf eine Ihrer Adressen. Setzen Sie
    Ihr Kennwort sofort unter { $url }reset zurück und verwenden Sie dazu eine Adresse, die nur Sie erreichen.
mail-password-changed-sms = { $ended ->
    [yes] Ihr { $product }-Kennwort wurde gerade geändert, und alle Geräte wurden abgemeldet. Wenn Sie das nicht waren, setzen Sie es jetzt unter { $url }reset zurück
   *[no] Ihr { $product }-Kennwort wurde gerade geändert. Wenn Sie das nicht waren, setzen Sie es jetzt unter { $url }reset zurück
}
mail-password-removed-subject = Das Kennwort Ihres { $product }-Kontos wurde entfernt
mail-password-removed =
    Das Kennwort Ihres { $product }-Kontos wurde entfernt: Es meldet sich jetzt mit seinen Passkeys
    an oder mit einem Code, der an eine seiner Adressen gesendet wird.
mail-password-removed-not-you =
    Das war ich nicht? Jemand hat sich bei Ihrem Konto angemeldet. Melden Sie sich mit einem Code an,
    entfernen Sie dann auf der Seite „Sicherheit“ jeden Passkey, den Sie nicht kennen, wählen Sie
    „Mein Konto schützen“ und legen Sie ein neues Kennwort fest: { $url }signin
mail-password-removed-sms = Das Kennwort Ihres { $product }-Kontos wurde entfernt: Anmeldung jetzt mit Passkeys und Codes. Nicht Sie? Melden Sie sich mit einem Code an und schützen Sie es: { $url }signin
mail-secured-subject = Ihr { $product }-Konto wurde geschützt
mail-secured =
    Jemand hat „Mein Konto schützen“ für Ihr { $product }-Konto verwendet: Jeder Browser und jedes
    Gerät, das dort angemeldet war, wurde abgemeldet.
mail-secured-yours = Wenn Sie das waren, ändern Sie am besten auch Ihr Kennwort.
mail-secured-not-you =
    Wenn Sie das nicht waren, kennt jemand Ihr Kennwort oder kann eine Ihrer Adressen lesen. Setzen Sie
    Ihr Kennwort sofort unter { $url }reset zurück und verwenden Sie dazu eine Adresse, die nur Sie erreichen.
mail-secured-sms = Ihr { $product }-Konto wurde geschützt: Alle Geräte wurden abgemeldet. Wenn Sie das nicht waren, setzen Sie Ihr Kennwort jetzt unter { $url }reset zurück

## Eine Adresse hinzugefügt, entfernt oder als primär festgelegt
mail-alias-changed = { $change ->
    [added] { $alias } wurde Ihrem { $product }-Konto hinzugefügt.
    [removed] { $alias } wurde aus Ihrem { $product }-Konto entfernt.
    [made_primary] { $alias } ist jetzt die primäre Adresse Ihres { $product }-Kontos.
   *[other] { $alias } wurde in Ihrem { $product }-Konto geändert.
}
mail-alias-subject = { $change ->
    [added] { $alias } wurde Ihrem { $product }-Konto hinzugefügt
    [removed] { $alias } wurde aus Ihrem { $product }-Konto entfernt
    [made_primary] { $alias } ist jetzt die primäre Adresse Ihres { $product }-Kontos
   *[other] { $alias } wurde in Ihrem { $product }-Konto geändert
}
mail-alias-undo =
    Wenn Sie das nicht waren, öffnen Sie innerhalb von 7 Tagen diesen Link: Er macht die Änderung rückgängig,
    meldet Ihr Konto überall ab und führt Sie zu einem neuen Kennwort:
mail-alias-undo-html = Wenn Sie das nicht waren, macht dieser Link die Änderung rückgängig, meldet Ihr Konto überall ab und führt Sie zu einem neuen Kennwort (er funktioniert einmal, 7 Tage lang):
mail-alias-no-undo =
    Wenn Sie das nicht waren, ist jemand anderes bei Ihrem Konto angemeldet. Setzen Sie Ihr Kennwort
    sofort unter { $url }reset zurück und prüfen Sie dann die Adressen Ihres Kontos.
mail-reset-now-sms = Setzen Sie Ihr Kennwort jetzt unter { $url }reset zurück

## Ein BitLocker-Wiederherstellungsschlüssel wurde angesehen
mail-recovery-key-subject = Ein BitLocker-Wiederherstellungsschlüssel von { $device } wurde in Ihrem { $product }-Konto angesehen
mail-recovery-key =
    Der BitLocker-Wiederherstellungsschlüssel { $key } von { $device } wurde gerade in Ihrem
    { $product }-Konto angesehen.
mail-recovery-key-not-you =
    Wenn Sie das nicht waren, hat sich jemand bei Ihrem Konto angemeldet und kann das Laufwerk dieses PCs
    entsperren. Setzen Sie Ihr Kennwort sofort unter { $url }reset zurück, mit einer Adresse, die nur Sie
    erreichen, und wählen Sie dann auf der Seite „Sicherheit“ „Mein Konto schützen“.
mail-recovery-key-sms = Ein BitLocker-Wiederherstellungsschlüssel ({ $key }) von { $device } wurde in Ihrem { $product }-Konto angesehen. Nicht Sie? Kennwort zurücksetzen: { $url }reset

## Ein Passkey hinzugefügt oder entfernt
mail-passkey-subject = { $change ->
    [added] Ihrem { $product }-Konto wurde ein Passkey hinzugefügt
   *[other] Aus Ihrem { $product }-Konto wurde ein Passkey entfernt
}
mail-passkey-added = Ein Passkey, „{ $name }“, wurde Ihrem { $product }-Konto hinzugefügt: Er kann sich dort anmelden.
mail-passkey-removed = Der Passkey „{ $name }“ wurde aus Ihrem { $product }-Konto entfernt.
mail-passkey-not-you =
    Das war ich nicht? Setzen Sie Ihr Kennwort sofort unter { $url }reset zurück, mit einer
    Adresse, die nur Sie erreichen, entfernen Sie dann auf der Seite „Sicherheit“ jeden Passkey,
    den Sie nicht kennen, und wählen Sie „Mein Konto schützen“.
mail-passkey-sms = { $change ->
    [added] Ein Passkey („{ $name }“) wurde Ihrem { $product }-Konto hinzugefügt. Nicht Sie? Kennwort zurücksetzen: { $url }reset
   *[other] Der Passkey „{ $name }“ wurde aus Ihrem { $product }-Konto entfernt. Nicht Sie? Kennwort zurücksetzen: { $url }reset
}

## Eine Anmeldung aus einem neuen Browser
mail-new-sign-in-subject = Neue Anmeldung bei Ihrem { $product }-Konto
mail-new-sign-in = Jemand hat sich aus einem Browser bei Ihrem { $product }-Konto angemeldet, der bisher nicht verwendet wurde.
mail-new-sign-in-how = Jemand hat sich aus einem Browser bei Ihrem { $product }-Konto angemeldet, der bisher nicht verwendet wurde, { $how }.
mail-how-password = mit dem Kennwort
mail-how-code = mit einem Code, der an eine Ihrer Adressen gesendet wurde
mail-how-provider = über einen verknüpften Anmeldeanbieter
mail-how-passkey = mit einem Passkey
mail-browser = Browser: { $browser }
mail-ip = IP-Adresse: { $ip }
mail-was-this-you = Waren Sie das? Sagen Sie es uns innerhalb von 30 Tagen:
mail-was-this-you-button = Waren Sie das?
mail-new-sign-in-page = Wenn Sie das nicht waren, meldet diese Seite den Browser sofort ab und führt Sie zu einem neuen Kennwort.
mail-new-sign-in-page-html = Wenn Sie das nicht waren, meldet diese Seite den Browser sofort ab und führt Sie zu einem neuen Kennwort. Der Link funktioniert 30 Tage lang.
mail-new-sign-in-reset = Wenn Sie das nicht waren, setzen Sie Ihr Kennwort sofort unter { $url }reset zurück.
mail-new-sign-in-sms = Neue Anmeldung bei Ihrem { $product }-Konto aus { $browser }.

## Konto geschlossen, wieder geöffnet, deaktiviert; Daten bereit; App-Zugriff entfernt
mail-closing-subject = Ihr { $product }-Konto wurde geschlossen
mail-closing = Ihr { $product }-Konto wurde wie gewünscht geschlossen.
mail-closing-what =
    Jeder dort angemeldete Browser und PC wurde abgemeldet, und Apps, die es verwendet haben, haben ihren Zugriff verloren.
    Bis zum { $date } bietet die Anmeldung an, es mit allem, wie es war, wieder zu öffnen. Danach
    löschen wir es endgültig.
mail-closing-not-you =
    Wenn Sie es nicht geschlossen haben, melden Sie sich jetzt an, öffnen Sie es wieder und wählen Sie dann ein neues Kennwort:
    { $url }signin
mail-closing-sms = Ihr { $product }-Konto wurde geschlossen und wird am { $date } gelöscht. Nicht Sie? Melden Sie sich an, um es wieder zu öffnen: { $url }signin
mail-reopened-subject = Ihr { $product }-Konto wurde wieder geöffnet
mail-reopened = Ihr { $product }-Konto wurde wieder geöffnet: Es wird nicht gelöscht.
mail-reopened-not-you =
    Wenn Sie es nicht wieder geöffnet haben, weiß jemand, wie man sich als Sie anmeldet: Setzen Sie
    Ihr Kennwort sofort unter { $url }reset zurück.
mail-reopened-sms = Ihr { $product }-Konto wurde wieder geöffnet. Nicht Sie? Setzen Sie Ihr Kennwort jetzt unter { $url }reset zurück
mail-disabled-subject = Ihr { $product }-Konto wurde deaktiviert
mail-disabled = Ihr { $product }-Konto wurde von einem Administrator von { $url } deaktiviert.
mail-disabled-what =
    Jeder dort angemeldete Browser und PC wurde abgemeldet, und Apps, die es verwendet haben, haben ihren Zugriff verloren.
    Eine Anmeldung ist erst wieder möglich, wenn es wieder aktiviert wird.
mail-disabled-contact = Wenn Sie das nicht erwartet haben, wenden Sie sich an die Personen, die { $product } für Sie betreiben.
mail-disabled-sms = Ihr { $product }-Konto wurde von einem Administrator deaktiviert. Wenn Sie das nicht erwartet haben, wenden Sie sich an die Personen, die { $product } für Sie betreiben.
mail-export-subject = Ihre { $product }-Daten stehen zum Herunterladen bereit
mail-export = Die angeforderte Kopie Ihrer { $product }-Daten ist fertig.
mail-export-where =
    Laden Sie sie bis { $until } auf der Datenschutzseite Ihres Kontos herunter: Melden Sie sich unter
    { $url }signin an und öffnen Sie dann „Datenschutz“ in Ihrem Kontomenü. Danach wird sie gelöscht.
mail-export-not-you =
    Wenn Sie sie nicht angefordert haben, ist jemand anderes bei Ihrem Konto angemeldet: Setzen Sie Ihr Kennwort
    sofort unter { $url }reset zurück.
mail-export-sms = Ihre { $product }-Daten sind fertig: Laden Sie sie bis { $until } unter „Datenschutz“ in Ihrem Konto herunter. Nicht Sie? Setzen Sie Ihr Kennwort unter { $url }reset zurück
mail-app-removed-subject = { $app } kann Ihr { $product }-Konto nicht mehr verwenden
mail-app-removed = { $app } kann sich nicht mehr mit Ihrem { $product }-Konto anmelden: Ihr Zugriff wurde auf der Seite „Apps und Dienste“ entfernt.
mail-app-removed-yours = Wenn Sie das waren, ist nichts weiter zu tun. Die App fragt beim nächsten Mal erneut.
mail-app-removed-not-you =
    Das war ich nicht? Setzen Sie Ihr Kennwort sofort unter { $url }reset zurück, mit einer
    Adresse, die nur Sie erreichen, und wählen Sie dann auf der Seite „Sicherheit“ „Mein Konto schützen“.
mail-app-removed-sms = { $app } kann sich nicht mehr mit Ihrem { $product }-Konto anmelden. Nicht Sie? Kennwort zurücksetzen: { $url }reset
