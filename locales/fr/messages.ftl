# E-mails et SMS, dans la langue du compte destinataire.

## Commun
mail-when = Quand : { $at }
mail-from = Depuis : { $from }
mail-if-you = Si c’était vous,
mail-nothing-more = il n’y a rien d’autre à faire.
mail-not-me = Ce n’était pas moi
mail-sms-not-you = Pas vous ?

## Un code
mail-code-subject = { $code } est votre code { $product }
mail-code-is = Votre code { $product } est :
mail-code-is-html = Votre code est :
mail-code-use = Utilisez-le { $why }. Il fonctionne une fois et expire dans { $minutes } minutes.
mail-code-ignore =
    Si vous n’avez pas demandé ce code, vous pouvez ignorer ce message : quelqu’un a peut-être saisi
    votre adresse par erreur, et rien ne change sans le code. Ne le partagez jamais ; { $product }
    ne vous le demandera jamais par téléphone ou par e-mail.
mail-code-sms = { $code } est votre code { $product } { $why }. Expire dans { $minutes } min. Ne le partagez jamais.
mail-why-sign-up = pour terminer la création de votre compte
mail-why-verify-alias = pour ajouter cette adresse à votre compte
mail-why-reset = pour réinitialiser votre mot de passe
mail-why-sign-in = pour vous connecter
mail-why-confirm-change = pour confirmer que c’est vous avant une modification de votre compte
mail-why-other = pour confirmer que c’est vous

## Quelqu’un s’est inscrit avec une adresse qui a déjà un compte
mail-signup-exists-subject = Quelqu’un a essayé de créer un compte { $product } avec cette adresse
mail-signup-exists =
    Quelqu’un vient d’essayer de créer un nouveau compte { $product } avec cette adresse, qui
    appartient déjà à un compte. Nous n’en avons pas créé un second.
mail-signup-exists-yours =
    Si c’était vous : vous avez déjà un compte. Connectez-vous sur { $url }signin, ou utilisez
    « Mot de passe oublié ? » si vous ne vous souvenez plus de votre mot de passe.
mail-signup-exists-not-yours =
    Si ce n’était pas vous : vous n’avez rien à faire. Personne ne peut utiliser cette adresse pour un autre
    compte sans un code envoyé ici.
mail-signup-exists-sms = Quelqu’un a essayé de créer un nouveau compte { $product } avec ce numéro, qui en a déjà un. Si c’était vous, connectez-vous sur { $url }signin. Sinon, ignorez ce message.

## Mot de passe changé ou supprimé, compte sécurisé
mail-password-changed-subject = Votre mot de passe { $product } a été changé
mail-password-changed = { $ended ->
    [yes] Le mot de passe de votre compte { $product } vient d’être changé, et tous les appareils
        connectés au compte ont été déconnectés.
   *[no] Le mot de passe de votre compte { $product } vient d’être changé.
}
mail-password-changed-not-you =
    Si ce n’était pas vous, quelqu’un a peut-être accès à l’une de vos adresses. Réinitialisez votre mot de passe sur
    { $url }reset immédiatement, en utilisant une adresse que vous seul pouvez recevoir.
mail-password-changed-sms = { $ended ->
    [yes] Votre mot de passe { $product } vient d’être changé et tous les appareils ont été déconnectés. Si ce n’était pas vous, réinitialisez-le sur { $url }reset
   *[no] Votre mot de passe { $product } vient d’être changé. Si ce n’était pas vous, réinitialisez-le sur { $url }reset
}
mail-password-removed-subject = Le mot de passe de votre compte { $product } a été supprimé
mail-password-removed =
    Le mot de passe de votre compte { $product } a été supprimé : il se connecte désormais avec ses clés d’accès,
    ou avec un code envoyé à l’une de ses adresses.
mail-password-removed-not-you =
    Ce n’était pas moi ? Quelqu’un s’est connecté à votre compte. Connectez-vous avec un code, puis sur la
    page Sécurité supprimez toute clé d’accès que vous ne connaissez pas, choisissez « Sécuriser mon compte » et définissez un nouveau
    mot de passe : { $url }signin
mail-password-removed-sms = Le mot de passe de votre compte { $product } a été supprimé : connexion par clés d’accès et codes. Pas vous ? Connectez-vous avec un code et sécurisez-le : { $url }signin
mail-secured-subject = Votre compte { $product } a été sécurisé
mail-secured =
    Quelqu’un a utilisé « Sécuriser mon compte » sur votre compte { $product } : tous les navigateurs et appareils
    qui y étaient connectés ont été déconnectés.
mail-secured-yours = Si c’était vous, pensez aussi à changer votre mot de passe.
mail-secured-not-you =
    Si ce n’était pas vous, quelqu’un connaît votre mot de passe ou peut lire l’une de vos adresses. Réinitialisez votre
    mot de passe sur { $url }reset immédiatement, en utilisant une adresse que vous seul pouvez recevoir.
mail-secured-sms = Votre compte { $product } a été sécurisé : tous les appareils ont été déconnectés. Si ce n’était pas vous, réinitialisez votre mot de passe sur { $url }reset

## Une adresse ajoutée, supprimée ou définie comme principale
mail-alias-changed = { $change ->
    [added] { $alias } a été ajoutée à votre compte { $product }.
    [removed] { $alias } a été supprimée de votre compte { $product }.
    [made_primary] { $alias } est désormais l’adresse principale de votre compte { $product }.
   *[other] { $alias } a été modifiée sur votre compte { $product }.
}
mail-alias-subject = { $change ->
    [added] { $alias } a été ajoutée à votre compte { $product }
    [removed] { $alias } a été supprimée de votre compte { $product }
    [made_primary] { $alias } est désormais l’adresse principale de votre compte { $product }
   *[other] { $alias } a été modifiée sur votre compte { $product }
}
mail-alias-undo =
    Si ce n’était pas vous, ouvrez ce lien dans les 7 jours : il annule la modification, déconnecte votre compte
    partout et vous mène à un nouveau mot de passe :
mail-alias-undo-html = Si ce n’était pas vous, ce lien annule la modification, déconnecte votre compte partout et vous mène à un nouveau mot de passe (il fonctionne une fois, pendant 7 jours) :
mail-alias-no-undo =
    Si ce n’était pas vous, quelqu’un d’autre est connecté à votre compte. Réinitialisez votre mot de passe sur
    { $url }reset immédiatement, puis vérifiez les adresses de votre compte.
mail-reset-now-sms = Réinitialisez votre mot de passe sur { $url }reset

## Une clé de récupération BitLocker consultée
mail-recovery-key-subject = Une clé de récupération BitLocker de { $device } a été consultée dans votre compte { $product }
mail-recovery-key =
    La clé de récupération BitLocker { $key } de { $device } vient d’être consultée dans votre compte
    { $product }.
mail-recovery-key-not-you =
    Si ce n’était pas vous, quelqu’un s’est connecté à votre compte et peut déverrouiller le disque de ce PC.
    Réinitialisez votre mot de passe sur { $url }reset immédiatement, en utilisant une adresse que vous seul pouvez
    recevoir, puis choisissez « Sécuriser mon compte » sur la page Sécurité.
mail-recovery-key-sms = Une clé de récupération BitLocker ({ $key }) de { $device } a été consultée dans votre compte { $product }. Pas vous ? Réinitialisez votre mot de passe : { $url }reset

## Une clé d’accès ajoutée ou supprimée
mail-passkey-subject = { $change ->
    [added] Une clé d’accès a été ajoutée à votre compte { $product }
   *[other] Une clé d’accès a été supprimée de votre compte { $product }
}
mail-passkey-added = Une clé d’accès, « { $name } », a été ajoutée à votre compte { $product } : elle peut s’y connecter.
mail-passkey-removed = La clé d’accès « { $name } » a été supprimée de votre compte { $product }.
mail-passkey-not-you =
    Ce n’était pas moi ? Réinitialisez votre mot de passe sur { $url }reset immédiatement, en utilisant une
    adresse que vous seul pouvez recevoir, puis sur la page Sécurité supprimez toute clé d’accès que vous ne connaissez pas et
    choisissez « Sécuriser mon compte ».
mail-passkey-sms = { $change ->
    [added] Une clé d’accès (« { $name } ») a été ajoutée à votre compte { $product }. Pas vous ? Réinitialisez votre mot de passe : { $url }reset
   *[other] La clé d’accès « { $name } » a été supprimée de votre compte { $product }. Pas vous ? Réinitialisez votre mot de passe : { $url }reset
}

## Une connexion depuis un nouveau navigateur
mail-new-sign-in-subject = Nouvelle connexion à votre compte { $product }
mail-new-sign-in = Quelqu’un s’est connecté à votre compte { $product } depuis un navigateur qu’il n’avait jamais utilisé.
mail-new-sign-in-how = Quelqu’un s’est connecté à votre compte { $product } depuis un navigateur qu’il n’avait jamais utilisé, { $how }.
mail-how-password = avec le mot de passe
mail-how-code = avec un code envoyé à l’une de vos adresses
mail-how-provider = par un fournisseur de connexion associé
mail-how-passkey = avec une clé d’accès
mail-browser = Navigateur : { $browser }
mail-ip = Adresse IP : { $ip }
mail-was-this-you = Était-ce vous ? Dites-le-nous dans les 30 jours :
mail-was-this-you-button = Était-ce vous ?
mail-new-sign-in-page = Si ce n’était pas vous, cette page déconnecte immédiatement le navigateur et vous mène à un nouveau mot de passe.
mail-new-sign-in-page-html = Si ce n’était pas vous, cette page déconnecte immédiatement le navigateur et vous mène à un nouveau mot de passe. Le lien fonctionne pendant 30 jours.
mail-new-sign-in-reset = Si ce n’était pas vous, réinitialisez votre mot de passe sur { $url }reset immédiatement.
mail-new-sign-in-sms = Nouvelle connexion à votre compte { $product } depuis { $browser }.

## Compte fermé, rouvert, désactivé ; données prêtes ; accès d’une application retiré
mail-closing-subject = Votre compte { $product } a été fermé
mail-closing = Votre compte { $product } a été fermé, comme vous l’avez demandé.
mail-closing-what =
    Tous les navigateurs et PC qui y étaient connectés ont été déconnectés, et les applications qui l’utilisaient ont perdu leur accès.
    Jusqu’au { $date }, la connexion propose de le rouvrir avec tout comme avant. Ensuite, nous le
    supprimons définitivement.
mail-closing-not-you =
    Si vous ne l’avez pas fermé, connectez-vous maintenant et rouvrez-le, puis choisissez un nouveau mot de passe :
    { $url }signin
mail-closing-sms = Votre compte { $product } a été fermé et sera supprimé le { $date }. Pas vous ? Connectez-vous pour le rouvrir : { $url }signin
mail-reopened-subject = Votre compte { $product } a été rouvert
mail-reopened = Votre compte { $product } a été rouvert : il ne sera pas supprimé.
mail-reopened-not-you =
    Si vous ne l’avez pas rouvert, quelqu’un sait se connecter à votre place : réinitialisez votre mot de passe sur
    { $url }reset immédiatement.
mail-reopened-sms = Votre compte { $product } a été rouvert. Pas vous ? Réinitialisez votre mot de passe sur { $url }reset
mail-disabled-subject = Votre compte { $product } a été désactivé
mail-disabled = Votre compte { $product } a été désactivé par un administrateur de { $url }.
mail-disabled-what =
    Tous les navigateurs et PC qui y étaient connectés ont été déconnectés, et les applications qui l’utilisaient ont perdu leur accès.
    Il n’est plus possible de s’y connecter tant qu’il n’est pas réactivé.
mail-disabled-contact = Si vous ne vous y attendiez pas, contactez les personnes qui gèrent { $product } pour vous.
mail-disabled-sms = Votre compte { $product } a été désactivé par un administrateur. Si vous ne vous y attendiez pas, contactez les personnes qui gèrent { $product } pour vous.
mail-export-subject = Vos données { $product } sont prêtes à être téléchargées
mail-export = La copie de vos données { $product } que vous avez demandée est prête.
mail-export-where =
    Téléchargez-la depuis la page Confidentialité de votre compte jusqu’au { $until } : connectez-vous sur
    { $url }signin, puis ouvrez Confidentialité dans le menu de votre compte. Ensuite, elle est supprimée.
mail-export-not-you =
    Si vous ne l’avez pas demandée, quelqu’un d’autre est connecté à votre compte : réinitialisez votre mot de passe sur
    { $url }reset immédiatement.
mail-export-sms = Vos données { $product } sont prêtes : téléchargez-les depuis Confidentialité dans votre compte jusqu’au { $until }. Pas vous ? Réinitialisez votre mot de passe sur { $url }reset
mail-app-removed-subject = { $app } ne peut plus utiliser votre compte { $product }
mail-app-removed = { $app } ne peut plus se connecter avec votre compte { $product } : son accès a été retiré sur la page Applications et services.
mail-app-removed-yours = Si c’était vous, il n’y a rien d’autre à faire. L’application vous redemandera la prochaine fois que vous l’utiliserez.
mail-app-removed-not-you =
    Ce n’était pas moi ? Réinitialisez votre mot de passe sur { $url }reset immédiatement, en utilisant une
    adresse que vous seul pouvez recevoir, puis sur la page Sécurité choisissez « Sécuriser mon compte ».
mail-app-removed-sms = { $app } ne peut plus se connecter avec votre compte { $product }. Pas vous ? Réinitialisez votre mot de passe : { $url }reset
